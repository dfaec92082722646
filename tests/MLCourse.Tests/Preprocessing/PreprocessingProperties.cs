using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Decomposition;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

/// <summary>
/// Properties that must hold for any input, checked on generated data with CsCheck — on fixed
/// seeds unless asked for random ones (<see cref="PropertySeeds"/>). A bug a property finds gets
/// its own pinned test beside the class it is in (e.g. KBinsDiscretizerTests' near-constant feature).
/// </summary>
public class PreprocessingProperties
{
    private static readonly Gen<double[]> Values = Gen.Double[-1000, 1000].Array[2, 60];

    [Fact]
    public void One_hot_inverse_transform_gives_back_any_rows()
    {
        var rows = Gen.Select(Gen.OneOf<string?>("a", "b", "c", null), Gen.OneOf<string?>("x", "y"), (p, q) => new string?[] { p, q }).Array[1, 30];
        var drop = Gen.Enum<OneHotDrop>();

        PropertySeeds.Check(Gen.Select(rows, drop), t =>
        {
            var (data, d) = t;
            var encoder = new OneHotEncoder(d).Fit(data);
            Assert.Equal(data, encoder.InverseTransform(encoder.Transform(data)));
        });
    }

    [Fact]
    public void Bin_edges_are_sorted_and_every_value_lands_in_exactly_one_bin()
    {
        var strategy = Gen.Enum<BinStrategy>();

        PropertySeeds.Check(Gen.Select(Values, Gen.Int[2, 8], strategy), t =>
        {
            var (values, bins, s) = t;
            var x = Matrix<double>.Build.DenseOfColumnArrays(values);
            if (s == BinStrategy.KMeans && values.Length < bins)
            {
                Assert.Throws<ArgumentException>(() => new KBinsDiscretizer(bins, s).Fit(x));   // as scikit-learn's KMeans
                return;
            }
            var fitted = new KBinsDiscretizer(bins, s).Fit(x);
            double[] edges = fitted.BinEdges[0];
            Assert.True(edges.Zip(edges.Skip(1)).All(p => p.First < p.Second));
            Assert.All(fitted.Transform(x).EnumerateRows(), row => Assert.Equal(1, row.Sum()));
        });
    }

    [Fact]
    public void Quantile_bins_of_distinct_values_hold_near_equal_counts()
    {
        // Whole numbers, so that distinct values are also farther apart than the 1e-8 that binning treats as equal.
        var distinct = Gen.Int[-100_000, 100_000].Array[40, 200].Select(v => v.Distinct().Select(i => (double)i).ToArray());

        PropertySeeds.Check(Gen.Select(distinct, Gen.Int[2, 6]), t =>
        {
            var (values, bins) = t;
            var x = Matrix<double>.Build.DenseOfColumnArrays(values);
            var counts = new KBinsDiscretizer(bins, BinStrategy.Quantile, BinEncoding.Ordinal).Fit(x).Transform(x).Column(0)
                .GroupBy(b => b).Select(g => g.Count()).ToArray();
            // Interpolated quantiles put each edge within one value of n/bins; the 1e-5 tolerance of
            // the bin search can move one more value, so counts differ by at most 3 from n/bins.
            Assert.All(counts, c => Assert.InRange(c, values.Length / bins - 3, values.Length / bins + 3));
        });
    }

    [Fact]
    public void PCA_with_every_component_reconstructs_any_matrix()
    {
        var shapes = Gen.Select(Gen.Int[2, 12], Gen.Int[1, 6]);

        PropertySeeds.Check(Gen.Select(shapes, Gen.Int[0, int.MaxValue]), t =>
        {
            var (shape, seed) = t;
            var random = new Random(seed);
            var x = Matrix<double>.Build.Dense(shape.Item1, shape.Item2, (_, _) => random.NextDouble() * 20 - 10);
            var pca = new Pca(Math.Min(shape.Item1, shape.Item2)).Fit(x);
            Assert.True((pca.InverseTransform(pca.Transform(x)) - x).FrobeniusNorm() < 1e-8 * (1 + x.FrobeniusNorm()));
        });
    }
}
