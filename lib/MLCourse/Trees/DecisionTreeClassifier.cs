using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Evaluation;

namespace MLCourse.Trees;

/// <summary>
/// A CART classification tree with Gini impurity, from scratch — scikit-learn's
/// <c>DecisionTreeClassifier(criterion='gini')</c> with the best splitter (see <see cref="CartBuilder"/>
/// for how splits are chosen). Classes are the distinct labels in ordinal order; a leaf predicts
/// its most frequent class, the first in that order on a tie.
/// </summary>
/// <remarks>The constructor stores settings; <see cref="Fit"/> grows the tree. Introduced in notebook day 05.</remarks>
public sealed class DecisionTreeClassifier : IEstimator<string>
{
    private const string Component = "DecisionTreeClassifier";
    private readonly TreeSettings _settings;

    /// <summary>Stores the growth limits.</summary>
    /// <param name="maxDepth">The deepest a leaf may be (root = 0), or null for no limit.</param>
    /// <param name="minSamplesSplit">The fewest samples a node needs to be split; at least 2.</param>
    /// <param name="minSamplesLeaf">The fewest samples each side of a split must keep; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit out of range.</exception>
    public DecisionTreeClassifier(int? maxDepth = null, int minSamplesSplit = 2, int minSamplesLeaf = 1) =>
        _settings = TreeSettingsCheck.Create(Component, maxDepth, minSamplesSplit, minSamplesLeaf);

    /// <summary>Grows the tree on <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <param name="x">Shape (samples, features); finite, not empty.</param>
    /// <param name="y">One class label per sample.</param>
    /// <exception cref="ArgumentException">Empty input, NaN, a label count that differs from the rows, or a missing
    /// (null) label: a missing label is not a class (drop or impute those rows first).</exception>
    public FittedDecisionTreeClassifier Fit(Matrix<double> x, IReadOnlyList<string> y)
    {
        Require.NoNulls(Component, nameof(y), y);
        TreeSettingsCheck.Data(Component, x, y.Count);
        string[] classes = y.Distinct().Order(StringComparer.Ordinal).ToArray();
        int[] labels = y.Select(label => Array.BinarySearch(classes, label, StringComparer.Ordinal)).ToArray();
        TreeNode root = new CartBuilder(x, new GiniCriterion(labels, classes.Length), _settings).Build();
        return new FittedDecisionTreeClassifier(root, classes, x.ColumnCount);
    }

    IPredictor<string> IEstimator<string>.Fit(Matrix<double> x, IReadOnlyList<string> y) => Fit(x, y);
}

/// <summary>A grown classification tree.</summary>
public sealed class FittedDecisionTreeClassifier : FittedTree, IPredictor<string>
{
    internal FittedDecisionTreeClassifier(TreeNode root, string[] classes, int features)
        : base(root, features, "DecisionTreeClassifier") => Classes = classes;

    /// <summary>
    /// The classes, in ordinal order (scikit-learn's <c>classes_</c>); leaf values follow this order.
    /// </summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Each row's class share at its leaf, shape (samples, classes).</summary>
    public Matrix<double> PredictProbabilities(Matrix<double> x) =>
        Matrix<double>.Build.DenseOfRowArrays(Leaves(x).Select(leaf => leaf.Value.ToArray()));

    /// <inheritdoc />
    public string[] Predict(Matrix<double> x) =>
        Leaves(x).Select(leaf => Classes[ArgMax(leaf.Value)]).ToArray();

    /// <summary>The accuracy on <paramref name="x"/> and <paramref name="y"/>.</summary>
    public double Score(Matrix<double> x, IReadOnlyList<string> y) => Scoring.Accuracy(y, Predict(x));

    private static int ArgMax(IReadOnlyList<double> values)
    {
        int best = 0;
        for (int k = 1; k < values.Count; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }
        return best;
    }
}
