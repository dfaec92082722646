using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Trees;

namespace MLCourse.Tests.Trees;

public class DecisionTreeClassifierTests
{
    private static Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    [Fact]
    public void Two_separable_groups_split_at_the_midpoint_into_pure_leaves()
    {
        var tree = new DecisionTreeClassifier().Fit(Column(1, 2, 3, 4), ["a", "a", "b", "b"]);

        Assert.Equal(2.5, tree.Root.Threshold);
        Assert.Equal(0.5, tree.Root.Impurity, 1e-12);   // Gini 1 − (½² + ½²)
        Assert.Equal((1, 2), (tree.Depth, tree.LeafCount));
        Assert.Equal(["a", "b"], tree.Predict(Column(0, 10)));
    }

    [Fact]
    public void Iris_with_depth_2_matches_scikit_learns_tree()
    {
        var iris = Datasets.Iris();
        string[] labels = iris.Labels.Select(l => iris.ClassNames[l]).ToArray();

        var tree = new DecisionTreeClassifier(maxDepth: 2).Fit(iris.Features, labels);

        // sklearn: root "petal length (cm) <= 2.45" (gini 0.667), then "petal width (cm) <= 1.75"; 144 of 150 right.
        Assert.Equal((2, 2.45), (tree.Root.Feature, Math.Round(tree.Root.Threshold, 2)));
        Assert.Equal(2.0 / 3, tree.Root.Impurity, 1e-12);
        Assert.Equal((3, 1.75), (tree.Root.Right!.Feature, tree.Root.Right.Threshold));
        Assert.Equal(0.96, tree.Score(iris.Features, labels), 1e-12);
    }

    [Fact]
    public void Leaf_probabilities_are_class_shares_in_class_order()
    {
        var tree = new DecisionTreeClassifier(maxDepth: 0).Fit(Column(1, 2, 3, 4), ["b", "a", "b", "b"]);

        Assert.Equal(["a", "b"], tree.Classes);
        Assert.Equal([0.25, 0.75], tree.PredictProbabilities(Column(5)).Row(0).ToArray());
        Assert.Equal(["b"], tree.Predict(Column(5)));
    }

    [Fact]
    public void Min_samples_leaf_keeps_every_leaf_at_least_that_big()
    {
        var random = new Random(1);
        var x = Matrix<double>.Build.Dense(60, 2, (_, _) => random.NextDouble());
        string[] y = Enumerable.Range(0, 60).Select(i => x[i, 0] + x[i, 1] > 1 ? "hi" : "lo").ToArray();

        var tree = new DecisionTreeClassifier(minSamplesLeaf: 7).Fit(x, y);

        Assert.All(tree.Root.Descendants().Where(n => n.IsLeaf), leaf => Assert.True(leaf.Samples >= 7));
    }

    [Fact]
    public void Bad_settings_and_shapes_are_refused_with_clear_messages()
    {
        var depth = Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeClassifier(maxDepth: -1));
        var labels = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit(Column(1, 2), ["a"]));
        var features = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit(Column(1, 2), ["a", "b"]).Predict(Matrix<double>.Build.Dense(1, 2)));

        Assert.StartsWith("DecisionTreeClassifier: maxDepth must be at least 0, or null for no limit, but is -1.", depth.Message);
        Assert.Equal("DecisionTreeClassifier: y must have shape (2,), but has shape (1,). (Parameter 'y')", labels.Message);
        Assert.Equal("DecisionTreeClassifier: x must have shape (rows, 1), but has shape (1, 2). (Parameter 'x')", features.Message);
    }
}
