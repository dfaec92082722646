using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class KBinsDiscretizerTests
{
    private static Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    private static KBinsDiscretizer Ordinal(int bins, BinStrategy strategy) => new(bins, strategy, BinEncoding.Ordinal);

    [Fact]
    public void Uniform_edges_are_the_notes_equal_widths()
    {
        var fitted = Ordinal(10, BinStrategy.Uniform).Fit(Column(0, 37, 100));   // (100 − 0)/10 = 10

        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], fitted.BinEdges[0]);
        Assert.Equal([2, 9, 0, 9, 1], fitted.Transform(Column(25, 100, -5, 200, 10)).Column(0).ToArray());
    }

    [Fact]
    public void Quantile_edges_interpolate_like_numpy_percentile_and_hold_equal_counts()
    {
        var x = Column(8, 1, 7, 2, 6, 3, 5, 4);

        var fitted = Ordinal(4, BinStrategy.Quantile).Fit(x);

        Assert.Equal([1, 2.75, 4.5, 6.25, 8], fitted.BinEdges[0]);
        Assert.All(fitted.Transform(x).Column(0).GroupBy(b => b), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void Repeated_quantiles_remove_their_empty_bins_as_scikit_learn_does()
    {
        var fitted = Ordinal(3, BinStrategy.Quantile).Fit(Column(0, 0, 0, 0, 1, 2));

        Assert.Equal(2, fitted.BinCounts[0]);
        Assert.Equal(0, fitted.BinEdges[0][0]);
        Assert.Equal(1.0 / 3, fitted.BinEdges[0][1], 1e-12);
    }

    [Fact]
    public void KMeans_edges_lie_halfway_between_the_cluster_centroids()
    {
        var fitted = Ordinal(3, BinStrategy.KMeans).Fit(Column(0, 0.1, 0.2, 10, 10.1, 20));

        double[] edges = fitted.BinEdges[0];
        Assert.Equal(0, edges[0]);
        Assert.Equal((0.1 + 10.05) / 2, edges[1], 1e-12);
        Assert.Equal((10.05 + 20) / 2, edges[2], 1e-12);
        Assert.Equal(20, edges[3]);
    }

    [Fact]
    public void One_hot_encoding_writes_one_indicator_per_bin_of_each_feature()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 5 }, { 1, 5 }, { 2, 6 } });

        var encoded = new KBinsDiscretizer(2, BinStrategy.Uniform).Fit(x).Transform(x);

        Assert.Equal(new double[,] { { 1, 0, 1, 0 }, { 0, 1, 1, 0 }, { 0, 1, 0, 1 } }, encoded.ToArray());
    }

    [Fact]
    public void A_constant_feature_gets_one_bin_and_maps_to_zero()
    {
        var fitted = Ordinal(4, BinStrategy.Uniform).Fit(Column(3, 3, 3));

        Assert.Equal(1, fitted.BinCounts[0]);
        Assert.All(fitted.Transform(Column(3, -100, 100)).Column(0), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Bad_settings_and_input_are_refused_with_clear_messages()
    {
        var bins = Assert.Throws<ArgumentOutOfRangeException>(() => new KBinsDiscretizer(1));
        var fitted = Ordinal(2, BinStrategy.Uniform).Fit(Column(0, 1));
        var columns = Assert.Throws<ArgumentException>(() => fitted.Transform(Matrix<double>.Build.Dense(1, 2)));
        var nan = Assert.Throws<ArgumentException>(() => fitted.Transform(Column(double.NaN)));

        Assert.StartsWith("KBinsDiscretizer: bins must be at least 2, but is 1.", bins.Message);
        Assert.Equal("KBinsDiscretizer: x must have shape (rows, 1), but has shape (1, 2). (Parameter 'x')", columns.Message);
        Assert.Equal("KBinsDiscretizer: x must be finite, but the entry at row 0, column 0 is NaN. (Parameter 'x')", nan.Message);
    }
}
