using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Trees;

namespace MLCourse.Preprocessing;

/// <summary>
/// Supervised binning (the notes' "Decision tree binning"): for each feature on its own, a
/// decision tree learns to predict the target, and the thresholds it chose become the bin edges —
/// so the bins are the intervals that best separate the target, not equal widths or counts.
/// </summary>
/// <remarks>
/// Edges are the feature's minimum, the tree's sorted thresholds, and its maximum; a feature the
/// tree does not split gets one bin. The constructor stores the tree's limits; <c>Fit</c> returns
/// a <see cref="FittedKBinsDiscretizer"/>, so the bins are applied like any other binning.
/// Introduced in notebook day 06.
/// </remarks>
public sealed class DecisionTreeBinning
{
    private const string Component = "DecisionTreeBinning";

    /// <summary>Stores the per-feature tree's limits; depth d gives at most 2^d bins.</summary>
    /// <param name="maxDepth">The per-feature tree's maximum depth, at least 1.</param>
    /// <param name="minSamplesLeaf">The fewest samples a bin may hold at fit time, at least 1.</param>
    /// <param name="encode">How the fitted bins are written.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit out of range.</exception>
    public DecisionTreeBinning(int maxDepth = 2, int minSamplesLeaf = 1, BinEncoding encode = BinEncoding.Ordinal)
    {
        if (maxDepth < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(maxDepth), "at least 1", maxDepth);
        }
        MaxDepth = maxDepth;
        MinSamplesLeaf = minSamplesLeaf;
        Encode = encode;
    }

    /// <summary>The per-feature tree's maximum depth.</summary>
    public int MaxDepth { get; }

    /// <summary>The fewest samples a bin may hold at fit time.</summary>
    public int MinSamplesLeaf { get; }

    /// <summary>How the fitted bins are written.</summary>
    public BinEncoding Encode { get; }

    /// <summary>Learns edges that separate class labels (a Gini tree per feature).</summary>
    /// <param name="x">Shape (samples, features); finite.</param>
    /// <param name="y">One class label per sample.</param>
    public FittedKBinsDiscretizer Fit(Matrix<double> x, IReadOnlyList<string> y) =>
        Edges(x, column => new DecisionTreeClassifier(MaxDepth, minSamplesLeaf: MinSamplesLeaf).Fit(column, y));

    /// <summary>Learns edges that separate numeric targets (a squared-error tree per feature).</summary>
    /// <param name="x">Shape (samples, features); finite.</param>
    /// <param name="y">One target per sample.</param>
    public FittedKBinsDiscretizer Fit(Matrix<double> x, IReadOnlyList<double> y) =>
        Edges(x, column => new DecisionTreeRegressor(MaxDepth, minSamplesLeaf: MinSamplesLeaf).Fit(column, y));

    private FittedKBinsDiscretizer Edges(Matrix<double> x, Func<Matrix<double>, FittedTree> grow)
    {
        Require.NonEmptyFinite(Component, nameof(x), x);
        var edges = x.EnumerateColumns().Select(column =>
        {
            double[] thresholds = grow(column.ToColumnMatrix()).Thresholds(0);
            double min = column.Minimum();
            double max = column.Maximum();
            return min == max ? [double.NegativeInfinity, double.PositiveInfinity]
                : (double[])[min, .. thresholds, max];
        }).ToArray();
        return FittedKBinsDiscretizer.FromEdges(edges, Encode);
    }
}
