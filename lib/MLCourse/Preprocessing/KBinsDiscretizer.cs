using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;
using MLCourse.Pipelines;

namespace MLCourse.Preprocessing;

/// <summary>How <see cref="KBinsDiscretizer"/> places bin edges (scikit-learn's <c>strategy</c>).</summary>
public enum BinStrategy
{
    /// <summary>Equal width: edges every (max − min)/bins (the notes' "Equal width binning").</summary>
    Uniform,

    /// <summary>Equal frequency: edges at the quantiles, so bins hold about as many values (the notes' "Quantile Binning").</summary>
    Quantile,

    /// <summary>1-D k-means: edges halfway between neighbouring centroids (the notes' "K-means binning").</summary>
    KMeans,
}

/// <summary>How <see cref="FittedKBinsDiscretizer.Transform(Matrix{double})"/> writes bins (scikit-learn's <c>encode</c>).</summary>
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
/// scikit-learn's policies, kept here: fewer than 2 bins is an error; a constant feature gets a
/// single bin (all values map to 0); quantile bins narrower than 1e-8 (repeated quantiles) are
/// removed, so a feature may get fewer bins than asked; k-means starts from the centres of the
/// uniform bins. Values outside the fitted range fall in the first or last bin. scikit-learn
/// subsamples more than 200,000 rows for quantiles; this class always uses every row.
/// Introduced in notebook day 06.
/// </remarks>
public sealed class KBinsDiscretizer : ITableTransformer
{
    private const string Component = "KBinsDiscretizer";
    private const int KMeansIterations = 300;

    /// <summary>Stores the settings.</summary>
    /// <param name="bins">Bins per feature, at least 2.</param>
    /// <param name="strategy">How edges are placed.</param>
    /// <param name="encode">How bins are written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    public KBinsDiscretizer(int bins = 5, BinStrategy strategy = BinStrategy.Quantile, BinEncoding encode = BinEncoding.OneHot)
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
    /// <exception cref="ArgumentException">Empty input or a NaN or infinite value.</exception>
    public FittedKBinsDiscretizer Fit(Matrix<double> x)
    {
        Require.NonEmptyFinite(Component, nameof(x), x);
        var edges = x.EnumerateColumns().Select(column => FeatureEdges(column.ToArray())).ToArray();
        return new FittedKBinsDiscretizer(edges, Encode, Enumerable.Range(0, x.ColumnCount).Select(j => $"x{j}").ToArray());
    }

    /// <summary>Learns the bin edges of every numeric column of <paramref name="x"/>; missing values must be imputed first.</summary>
    public FittedKBinsDiscretizer Fit(Table x)
    {
        FittedKBinsDiscretizer fitted = Fit(x.ToMatrix([.. x.ColumnNames]));
        return new FittedKBinsDiscretizer([.. fitted.BinEdges], Encode, x.ColumnNames);
    }

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);

    private double[] FeatureEdges(double[] values)
    {
        double min = values.Min();
        double max = values.Max();
        if (min == max)
        {
            return [double.NegativeInfinity, double.PositiveInfinity];   // constant feature: one bin
        }
        double[] edges = Strategy switch
        {
            BinStrategy.Uniform => Uniform(min, max),
            BinStrategy.Quantile => Quantiles(values),
            _ => KMeansEdges(values, min, max),
        };
        return Strategy == BinStrategy.Quantile ? WithoutNarrowBins(edges) : edges;
    }

    // Edges min, min + w, …, max with w = (max − min)/bins.
    private double[] Uniform(double min, double max) =>
        Enumerable.Range(0, Bins + 1).Select(i => i == Bins ? max : min + i * (max - min) / Bins).ToArray();

    // The q-th quantiles for q = 0, 1/bins, …, 1, interpolated linearly as numpy.percentile does.
    private double[] Quantiles(double[] values)
    {
        double[] sorted = values.Order().ToArray();
        return Enumerable.Range(0, Bins + 1).Select(i =>
        {
            double position = (double)i / Bins * (sorted.Length - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, sorted.Length - 1);
            return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }).ToArray();
    }

    // Lloyd's algorithm in one dimension from the uniform bins' centres; edges are the midpoints
    // between sorted neighbouring centroids, with min and max at the ends. A centroid that loses
    // all its points stays where it is.
    private double[] KMeansEdges(double[] values, double min, double max)
    {
        double[] uniform = Uniform(min, max);
        double[] centres = Enumerable.Range(0, Bins).Select(i => (uniform[i] + uniform[i + 1]) / 2).ToArray();
        for (int iteration = 0; iteration < KMeansIterations; iteration++)
        {
            var sums = new double[Bins];
            var counts = new int[Bins];
            foreach (double v in values)
            {
                int nearest = Nearest(centres, v);
                sums[nearest] += v;
                counts[nearest]++;
            }
            double[] updated = centres.Select((c, k) => counts[k] > 0 ? sums[k] / counts[k] : c).ToArray();
            bool converged = updated.SequenceEqual(centres);
            centres = updated;
            if (converged)
            {
                break;
            }
        }
        Array.Sort(centres);
        return [min, .. centres.Zip(centres.Skip(1), (a, b) => (a + b) / 2), max];
    }

    private static int Nearest(double[] centres, double value)
    {
        int nearest = 0;
        for (int c = 1; c < centres.Length; c++)
        {
            if (Math.Abs(value - centres[c]) < Math.Abs(value - centres[nearest]))
            {
                nearest = c;
            }
        }
        return nearest;
    }

    // scikit-learn removes bins whose width is at most 1e-8 (repeated quantiles).
    private static double[] WithoutNarrowBins(double[] edges)
    {
        var kept = new List<double> { edges[0] };
        foreach (double edge in edges.Skip(1))
        {
            if (edge - kept[^1] > 1e-8)
            {
                kept.Add(edge);
            }
        }
        return kept.ToArray();
    }
}
