using MathNet.Numerics.LinearAlgebra;
using MLCourse.Evaluation;

namespace MLCourse.Trees;

/// <summary>
/// A CART regression tree with squared error, from scratch — scikit-learn's
/// <c>DecisionTreeRegressor(criterion='squared_error')</c> with the best splitter. A leaf predicts
/// the mean of its samples' targets.
/// </summary>
/// <remarks>
/// The constructor stores settings; <see cref="Fit"/> grows the tree. <see cref="Preprocessing.DecisionTreeBinning"/>
/// grows one to find its bin edges.
/// </remarks>
public sealed class DecisionTreeRegressor : IEstimator<double>
{
    private const string Component = "DecisionTreeRegressor";
    private readonly TreeSettings _settings;

    /// <summary>Stores the growth limits (see <see cref="DecisionTreeClassifier(int?, int, int)"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit out of range.</exception>
    public DecisionTreeRegressor(int? maxDepth = null, int minSamplesSplit = 2, int minSamplesLeaf = 1) =>
        _settings = TreeSettingsCheck.Create(Component, maxDepth, minSamplesSplit, minSamplesLeaf);

    /// <summary>Grows the tree on <paramref name="x"/> (samples, features) and one finite target per sample.</summary>
    /// <exception cref="ArgumentException">Empty input, NaN, a target count that differs from the rows, or a target
    /// beyond ±<see cref="MaxTarget"/>.</exception>
    public FittedDecisionTreeRegressor Fit(Matrix<double> x, IReadOnlyList<double> y)
    {
        Errors.Require.NotNull(Component, nameof(y), y);
        TreeSettingsCheck.Data(Component, x, y.Count);
        Errors.Require.Finite(Component, nameof(y), Vector<double>.Build.DenseOfEnumerable(y));
        int huge = y.ToList().FindIndex(v => Math.Abs(v) > MaxTarget);
        if (huge >= 0)
        {
            throw Errors.ErrorMessage.Must(Component, nameof(y), $"lie within ±{MaxTarget:G} (the squared error of "
                + "larger targets overflows a double, so no split could be compared; rescale them)",
                $"entry {huge} is {y[huge]:G}");
        }
        TreeNode root = new CartBuilder(x, new SquaredErrorCriterion(y.ToArray()), _settings).Build();
        return new FittedDecisionTreeRegressor(root, x.ColumnCount);
    }

    /// <summary>
    /// The largest |target| <see cref="Fit"/> takes, 1e150: the criterion sums squares, and beyond about 1.3e154 a
    /// square is ∞. (scikit-learn takes such targets and finds no split, its impurities being ∞ − ∞ = NaN.)
    /// </summary>
    public const double MaxTarget = 1e150;

    IPredictor<double> IEstimator<double>.Fit(Matrix<double> x, IReadOnlyList<double> y) => Fit(x, y);
}

/// <summary>A grown regression tree.</summary>
public sealed class FittedDecisionTreeRegressor : FittedTree, IPredictor<double>
{
    internal FittedDecisionTreeRegressor(TreeNode root, int features) : base(root, features, "DecisionTreeRegressor")
    {
    }

    /// <inheritdoc />
    public double[] Predict(Matrix<double> x) => Leaves(x).Select(leaf => leaf.Value[0]).ToArray();

    /// <summary>R² on <paramref name="x"/> and <paramref name="y"/>.</summary>
    public double Score(Matrix<double> x, IReadOnlyList<double> y) => Scoring.R2(y, Predict(x));
}
