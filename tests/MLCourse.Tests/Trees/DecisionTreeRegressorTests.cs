using MathNet.Numerics.LinearAlgebra;
using MLCourse.Trees;

namespace MLCourse.Tests.Trees;

public class DecisionTreeRegressorTests
{
    private static Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    [Fact]
    public void A_stump_splits_where_the_squared_error_falls_most_and_predicts_leaf_means()
    {
        var tree = new DecisionTreeRegressor(maxDepth: 1).Fit(Column(1, 2, 3, 10), [1.0, 1.2, 0.8, 5.0]);

        Assert.Equal(6.5, tree.Root.Threshold);
        Assert.Equal([1.0, 5.0], tree.Predict(Column(0, 20)));
        Assert.Equal(new[] { 6.5 }, tree.Thresholds(0));
    }

    [Fact]
    public void An_unlimited_tree_fits_distinct_training_points_exactly()
    {
        var random = new Random(2);
        var x = Matrix<double>.Build.Dense(40, 3, (_, _) => random.NextDouble());
        double[] y = Enumerable.Range(0, 40).Select(i => Math.Sin(6 * x[i, 0]) + x[i, 2]).ToArray();

        var tree = new DecisionTreeRegressor().Fit(x, y);

        Assert.Equal(1.0, tree.Score(x, y), 1e-12);
        Assert.Equal(40, tree.LeafCount);
    }

    [Fact]
    public void The_root_impurity_is_the_targets_variance()
    {
        double[] y = [1, 2, 3, 4];

        var tree = new DecisionTreeRegressor().Fit(Column(1, 2, 3, 4), y);

        Assert.Equal(1.25, tree.Root.Impurity, 1e-12);   // mean 2.5, mean squared deviation 1.25
    }
}
