using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class DecisionTreeBinningTests
{
    private static Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    [Fact]
    public void Edges_are_the_thresholds_where_the_class_changes()
    {
        var x = Column(1, 2, 3, 4, 5, 6, 7, 8);
        string[] y = ["a", "a", "b", "b", "b", "b", "c", "c"];

        var bins = new DecisionTreeBinning(maxDepth: 2).Fit(x, y);

        Assert.Equal([1, 2.5, 6.5, 8], bins.BinEdges[0]);
        Assert.Equal([0.0, 0, 1, 1, 1, 1, 2, 2], bins.Transform(x).Column(0).ToArray());
    }

    [Fact]
    public void A_numeric_target_uses_a_regression_tree()
    {
        var bins = new DecisionTreeBinning(maxDepth: 1).Fit(Column(1, 2, 3, 10, 11), [0.0, 0.1, 0.0, 5, 5.2]);

        Assert.Equal([1, 6.5, 11], bins.BinEdges[0]);
    }

    [Fact]
    public void Custom_edges_make_left_closed_bins_and_bad_edges_are_refused()
    {
        var ages = FittedKBinsDiscretizer.FromEdges([[0, 18, 65, 120]]);
        var error = Assert.Throws<ArgumentException>(() => FittedKBinsDiscretizer.FromEdges([[0, 18, 18]]));

        Assert.Equal([0.0, 1, 1, 2], ages.Transform(Column(5, 18, 40, 90)).Column(0).ToArray());
        Assert.Equal("KBinsDiscretizer: edges must hold at least 2 strictly increasing numbers for feature 0, but " +
            "holds [0, 18, 18]. (Parameter 'edges')", error.Message);
    }
}
