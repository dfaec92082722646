using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>How <see cref="KBinsDiscretizer"/> places bin edges (scikit-learn's <c>strategy</c>).</summary>
public enum BinStrategy
{
    /// <summary>Equal width: edges every (max − min)/bins (the notes' "Equal width binning").</summary>
    Uniform,

    /// <summary>
    /// Equal frequency: edges at the quantiles, so bins hold about as many values (the notes' "Quantile Binning").
    /// </summary>
    Quantile,

    /// <summary>1-D k-means: edges halfway between neighbouring centroids (the notes' "K-means binning").</summary>
    KMeans,
}

/// <summary>
/// How <see cref="FittedKBinsDiscretizer.Transform(Matrix{double})"/> writes bins (scikit-learn's <c>encode</c>).
/// </summary>
public enum BinEncoding
{
    /// <summary>One column per feature holding the bin index 0, 1, ….</summary>
    Ordinal,

    /// <summary>One indicator column per bin (scikit-learn's <c>'onehot-dense'</c>).</summary>
    OneHot,
}

/// <summary>
/// Discretisation (binning): turns each numerical feature into a bin index, with edges learned
/// per feature by one of three unsupervised strategies — scikit-learn's <c>KBinsDiscretizer</c>.
/// </summary>
/// <remarks>
/// scikit-learn 1.2's policies, kept here: fewer than 2 bins is an error; a constant feature gets a
/// single bin (all values map to 0); quantile and k-means bins not wider than 1e-8 (repeated
/// quantiles, coinciding centroids) are removed, so a feature may get fewer bins than asked;
/// k-means is scikit-learn's <c>KMeans</c> started from the centres of the uniform bins (empty
/// clusters relocated, its <c>tol</c> rule, its tie-breaking; tested equal to scikit-learn 1.2.1
/// on the course's data sets) and needs at least as many values as bins. One departure: a
/// feature whose whole range is within about 1e-8 (every quantile or centroid edge removed) gets
/// one bin, where scikit-learn is left with zero bins and its one-hot transform fails. Values
/// outside the fitted range fall in the first or last bin. scikit-learn subsamples more than
/// 200,000 rows for quantiles; this class always uses every row. Another departure: for values near
/// ±1.8e308, where max − min overflows, uniform and quantile edges are weighted means of their ends, so they
/// stay finite and increasing (NumPy's become ∞ and NaN). Introduced in notebook day 06.
/// </remarks>
public sealed class KBinsDiscretizer : ITableTransformer
{
    private const string Component = "KBinsDiscretizer";

    /// <summary>Stores the settings.</summary>
    /// <param name="bins">Bins per feature, at least 2.</param>
    /// <param name="strategy">How edges are placed.</param>
    /// <param name="encode">How bins are written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    public KBinsDiscretizer(int bins = 5, BinStrategy strategy = BinStrategy.Quantile,
        BinEncoding encode = BinEncoding.OneHot)
    {
        if (bins < 2)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(bins), "at least 2", bins);
        }
        Bins = bins;
        Strategy = strategy;
        Encode = encode;
    }

    /// <summary>Bins asked for per feature.</summary>
    public int Bins { get; }

    /// <summary>How edges are placed.</summary>
    public BinStrategy Strategy { get; }

    /// <summary>How bins are written.</summary>
    public BinEncoding Encode { get; }

    /// <summary>Learns each feature's bin edges.</summary>
    /// <param name="x">Shape (samples, features); finite, not empty.</param>
    /// <exception cref="ArgumentException">Empty input, a NaN or infinite value, or (k-means) fewer rows than
    /// bins.</exception>
    public FittedKBinsDiscretizer Fit(Matrix<double> x)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.NonEmptyFinite(Component, nameof(x), x);
        var edges = x.EnumerateColumns().Select((column, j) => FeatureEdges(column.ToArray(), j)).ToArray();
        return new FittedKBinsDiscretizer(edges, Encode,
            Enumerable.Range(0, x.ColumnCount).Select(j => $"x{j}").ToArray());
    }

    /// <summary>
    /// Learns the bin edges of every numeric column of <paramref name="x"/>; missing values must be imputed first.
    /// </summary>
    public FittedKBinsDiscretizer Fit(Table x)
    {
        FittedKBinsDiscretizer fitted = Fit(x.ToMatrix([.. x.ColumnNames]));
        return new FittedKBinsDiscretizer([.. fitted.BinEdges], Encode, x.ColumnNames);
    }

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);

    private double[] FeatureEdges(double[] values, int feature)
    {
        double min = values.Min();
        double max = values.Max();
        if (min == max)
        {
            return [double.NegativeInfinity, double.PositiveInfinity];   // constant feature: one bin
        }
        double[] edges = Strategy switch
        {
            BinStrategy.Uniform => Linspace(min, max, Bins + 1),
            BinStrategy.Quantile => Quantiles(values),
            _ => KMeansEdges(values, min, max, feature),
        };
        if (Strategy == BinStrategy.Uniform)
        {
            return edges;
        }
        double[] kept = WithoutNarrowBins(edges);
        // Every inner edge within 1e-8 of its neighbour: the whole range is below about 1e-8.
        // scikit-learn 1.2 is left with the first edge alone, zero bins (its one-hot transform
        // then fails with an IndexError); here such a feature is near-constant and gets one bin.
        return kept.Length >= 2 ? kept : [min, max];
    }

    // numpy.linspace(min, max, count): min + i·step with step = (max − min)/(count − 1), and max itself last.
    // When max − min overflows (values near ±1.8e308) numpy's edges become ∞ and NaN; here they are the
    // weighted means (1 − t)·min + t·max with t = i/(count − 1), which stay finite and increasing.
    private static double[] Linspace(double min, double max, int count)
    {
        double step = (max - min) / (count - 1);
        if (!double.IsFinite(step))
        {
            return Enumerable.Range(0, count).Select(i => i == count - 1 ? max
                : (1 - (double)i / (count - 1)) * min + (double)i / (count - 1) * max).ToArray();
        }
        return Enumerable.Range(0, count).Select(i => i == count - 1 ? max : i * step + min).ToArray();
    }

    // The q-th quantiles for q = 0, 1/bins, …, 1, interpolated linearly as numpy.percentile does.
    private double[] Quantiles(double[] values)
    {
        double[] sorted = values.Order().ToArray();
        return Enumerable.Range(0, Bins + 1).Select(i =>
        {
            double position = (double)i / Bins * (sorted.Length - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, sorted.Length - 1);
            double gap = sorted[above] - sorted[below];   // overflows only for values near ±1.8e308
            return double.IsFinite(gap) ? sorted[below] + (position - below) * gap
                : (1 - (position - below)) * sorted[below] + (position - below) * sorted[above];
        }).ToArray();
    }

    // 1-D k-means (scikit-learn's KMeans, see KMeans1d) from the centres of the uniform bins;
    // edges are the midpoints between sorted neighbouring centroids, with min and max at the ends.
    private double[] KMeansEdges(double[] values, double min, double max, int feature)
    {
        if (values.Length < Bins)
        {
            throw ErrorMessage.Must(Component, "x",
                $"hold at least as many values as bins ({Bins}) for k-means binning",
                    $"feature {feature} has {values.Length}");
        }
        double[] uniform = Linspace(min, max, Bins + 1);
        double[] initial = Enumerable.Range(0, Bins).Select(i => (uniform[i + 1] + uniform[i]) * 0.5).ToArray();
        double[] centres = KMeans1d.Fit(values, initial);
        Array.Sort(centres);   // Lloyd's iterations and relocations may leave them out of order
        return [min, .. centres.Zip(centres.Skip(1), (a, b) => (b + a) * 0.5), max];
    }

    // scikit-learn removes bins whose width is at most 1e-8 (repeated quantiles, coinciding
    // centroids): it keeps the first edge and every edge more than 1e-8 above the edge before it
    // in the unfiltered list (numpy.ediff1d(edges, to_begin=inf) > 1e-8).
    private static double[] WithoutNarrowBins(double[] edges) =>
        edges.Where((edge, i) => i == 0 || edge - edges[i - 1] > 1e-8).ToArray();
}
