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

    // The expected edges and bins below are scikit-learn 1.2.1's
    // (KBinsDiscretizer(n_bins, encode="ordinal", strategy="kmeans")), printed with repr.
    [Fact]
    public void KMeans_breaks_midpoint_ties_as_scikit_learn_does()
    {
        // Starts at centres 1, 3, 5, 7, 9: the values 2, 4, 6, 8 are exactly halfway between two.
        var x = Column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        var fitted = Ordinal(5, BinStrategy.KMeans).Fit(x);

        Assert.Equal([0.0, 2.25, 4.5, 6.5, 8.5, 10.0], fitted.BinEdges[0]);
        Assert.Equal([0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4], fitted.Transform(x).Column(0).ToArray());
    }

    [Fact]
    public void KMeans_moves_an_emptied_cluster_to_the_farthest_value()
    {
        // The uniform centres 1.25 … 8.75 leave the middle two clusters empty at first.
        var x = Column(0, 0, 0, 0, 1, 9, 10, 10, 10, 10);

        var fitted = Ordinal(4, BinStrategy.KMeans).Fit(x);

        Assert.Equal([0.0, 0.5, 5.0, 9.5, 10.0], fitted.BinEdges[0]);
        Assert.Equal([0, 0, 0, 0, 1, 2, 3, 3, 3, 3], fitted.Transform(x).Column(0).ToArray());
    }

    [Fact]
    public void KMeans_stops_where_scikit_learn_stops_on_a_skewed_feature()
    {
        var x = Column(1, 1, 1, 1, 2, 50, 100);

        var fitted = Ordinal(5, BinStrategy.KMeans).Fit(x);

        Assert.Equal([1.0, 1.5, 12.142857142857142, 36.14285714285714, 75.0, 100.0], fitted.BinEdges[0]);
        Assert.Equal([0, 0, 0, 0, 1, 3, 4], fitted.Transform(x).Column(0).ToArray());
    }

    [Fact]
    public void KMeans_needs_at_least_as_many_values_as_bins_as_scikit_learn_does()
    {
        var error = Assert.Throws<ArgumentException>(() => Ordinal(4, BinStrategy.KMeans).Fit(Column(0, 1, 2)));

        Assert.Equal("KBinsDiscretizer: x must hold at least as many values as bins (4) for k-means binning, but " +
            "feature 0 has 3. (Parameter 'x')", error.Message);
    }

    // Found by PreprocessingProperties (CsCheck_Seed=0aUbkM7L3jZ2): a range below 1e-8 left
    // quantile binning with zero bins, so one-hot failed inside MathNet and ordinal said "bin 0".
    [Theory]
    [InlineData(BinStrategy.Quantile)]
    [InlineData(BinStrategy.KMeans)]
    public void A_feature_whose_whole_range_is_below_1e_8_gets_one_bin(BinStrategy strategy)
    {
        var x = Column(1, 1 + 3e-9, 1 + 6e-9, 1 + 9e-9);

        var fitted = new KBinsDiscretizer(3, strategy).Fit(x);

        Assert.Equal(1, fitted.BinCounts[0]);
        Assert.Equal([1, 1 + 9e-9], fitted.BinEdges[0]);
        Assert.Equal(new double[,] { { 1 }, { 1 }, { 1 }, { 1 } }, fitted.Transform(x).ToArray());
    }

    [Fact]
    public void A_narrow_bin_is_measured_against_the_edge_before_it_as_scikit_learn_does()
    {
        // Quantile edges 0, 0.45e-8, 0.9e-8, 1.35e-8, 1.8e-8, 1: every step but the last is at most
        // 1e-8, so scikit-learn keeps 0 and 1 only (not 0, 1.35e-8, 1, as comparing with the last
        // kept edge would).
        var x = Column(0, 2.5e-9, 5e-9, 7.5e-9, 1e-8, 1.25e-8, 1.5e-8, 1.75e-8, 2e-8, 1);

        var fitted = Ordinal(5, BinStrategy.Quantile).Fit(x);

        Assert.Equal([0.0, 1.0], fitted.BinEdges[0]);
    }
}
