using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// The bin edges learned by <see cref="KBinsDiscretizer.Fit(Matrix{double})"/>, and the binning they define.
/// </summary>
/// <remarks>Introduced in notebook day 06.</remarks>
public sealed class FittedKBinsDiscretizer : IFittedTableTransformer
{
    private const string Component = "KBinsDiscretizer";

    internal FittedKBinsDiscretizer(double[][] edges, BinEncoding encode, IReadOnlyList<string> featureNames)
    {
        BinEdges = edges;
        FeatureNames = featureNames;
        BinCounts = edges.Select(e => e.Length - 1).ToArray();
        Encode = encode;
    }

    /// <summary>Each feature's sorted edges, bins + 1 of them (scikit-learn's <c>bin_edges_</c>).</summary>
    public IReadOnlyList<double[]> BinEdges { get; }

    /// <summary>Each feature's number of bins (scikit-learn's <c>n_bins_</c>).</summary>
    public IReadOnlyList<int> BinCounts { get; }

    /// <summary>How bins are written.</summary>
    public BinEncoding Encode { get; }

    /// <summary>The fitted columns' names (<c>x0, x1, …</c> when fitted on a matrix).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// Binning with edges chosen by hand (the notes' "Custom" binning): per feature, sorted edges.
    /// Bins include their left edge, [a, b), as every bin of this class does (pandas' <c>cut</c>
    /// closes them on the right instead); values outside the edges fall in the end bins.
    /// </summary>
    /// <exception cref="ArgumentException">A feature with fewer than 2 edges, or edges not strictly
    /// increasing.</exception>
    public static FittedKBinsDiscretizer FromEdges(IReadOnlyList<double[]> edges,
        BinEncoding encode = BinEncoding.Ordinal, IReadOnlyList<string>? featureNames = null)
    {
        Require.NotNull(Component, nameof(edges), edges);
        for (int j = 0; j < edges.Count; j++)
        {
            if (edges[j].Length < 2 || edges[j].Zip(edges[j].Skip(1)).Any(p => !(p.First < p.Second)))
            {
                throw ErrorMessage.Must(Component, nameof(edges),
                    $"hold at least 2 strictly increasing numbers for feature {j}",
                    $"holds [{string.Join(", ", edges[j])}]");
            }
        }
        return new FittedKBinsDiscretizer([.. edges.Select(e => e.ToArray())], encode,
            featureNames ?? Enumerable.Range(0, edges.Count).Select(j => $"x{j}").ToArray());
    }

    /// <summary>
    /// The fitted columns of <paramref name="x"/> binned: same names when ordinal, <c>{name}_{bin}</c> when one-hot.
    /// </summary>
    public Table Transform(Table x)
    {
        var names = Encode == BinEncoding.Ordinal
            ? FeatureNames
            : FeatureNames.SelectMany((name, j) => Enumerable.Range(0, BinCounts[j]).Select(b => $"{name}_{b}"))
                .ToArray();
        return Table.FromMatrix(names, Transform(x.ToMatrix([.. FeatureNames])));
    }

    /// <summary>
    /// The bin of each value: the number of inner edges at or below it, 0 … bins − 1; values beyond the fitted range
    /// fall in the end bins.
    /// </summary>
    /// <param name="x">Shape (samples, features) with the fitted number of features; finite.</param>
    /// <returns>Ordinal: shape (samples, features). One-hot: one column per bin of every feature.</returns>
    /// <exception cref="ArgumentException">A different number of features than at fit time, or a NaN.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, BinEdges.Count);
        Require.NonEmptyFinite(Component, nameof(x), x);
        var ordinal = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => BinOf(x[i, j], BinEdges[j]));
        return Encode == BinEncoding.Ordinal ? ordinal : OneHot(ordinal);
    }

    // As scikit-learn: digitize(x + eps, inner edges) with eps = 1e-8 + 1e-5·|x|, so a value a
    // rounding error below an edge still counts as on it.
    private static int BinOf(double value, double[] edges)
    {
        double shifted = value + 1e-8 + 1e-5 * Math.Abs(value);
        int bin = 0;
        for (int k = 1; k < edges.Length - 1 && edges[k] <= shifted; k++)
        {
            bin++;   // edges are sorted, so the inner edges at or below the value come first
        }
        return bin;
    }

    private Matrix<double> OneHot(Matrix<double> ordinal)
    {
        var offsets = new int[BinCounts.Count];   // first output column of each feature
        for (int j = 1; j < offsets.Length; j++)
        {
            offsets[j] = offsets[j - 1] + BinCounts[j - 1];
        }
        var encoded = Matrix<double>.Build.Dense(ordinal.RowCount, BinCounts.Sum());
        for (int i = 0; i < ordinal.RowCount; i++)
        {
            for (int j = 0; j < ordinal.ColumnCount; j++)
            {
                encoded[i, offsets[j] + (int)ordinal[i, j]] = 1;
            }
        }
        return encoded;
    }
}
