using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Linear;

/// <summary>
/// Online learning (the notes' "Batch vs Online ML"): a linear model updated by stochastic
/// gradient descent one example at a time, as data arrives, so it keeps adapting when the data
/// drifts. Each <see cref="PartialFit"/> takes one step on that example's squared error:
/// w ← w − η·2(ŷ − y)·x, b ← b − η·2(ŷ − y). Like scikit-learn's <c>SGDRegressor.partial_fit</c>
/// with a constant learning rate and no penalty.
/// </summary>
/// <remarks>
/// Introduced in notebook day 01. An online learner is stateful by nature: the constructor stores
/// settings, the first <see cref="PartialFit"/> fixes the number of features (weights start at 0).
/// </remarks>
public sealed class SgdRegressor
{
    private const string Component = "SgdRegressor";
    private Vector<double>? _weights;
    private double _bias;

    /// <summary>Stores the settings.</summary>
    /// <param name="learningRate">Constant step size η; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive.</exception>
    public SgdRegressor(double learningRate = 0.01)
    {
        Require.Positive(Component, nameof(learningRate), learningRate);
        LearningRate = learningRate;
    }

    /// <summary>Constant step size η.</summary>
    public double LearningRate { get; }

    /// <summary>How many examples the model has learned from.</summary>
    public long ExamplesSeen { get; private set; }

    /// <summary>A snapshot of the current parameters.</summary>
    /// <exception cref="InvalidOperationException">No example has been seen yet.</exception>
    public LinearModel Model => new(_weights ?? throw NotStarted(), _bias);

    /// <summary>Predicts with the current parameters.</summary>
    /// <param name="x">Shape (features,).</param>
    /// <exception cref="InvalidOperationException">No example has been seen yet.</exception>
    public double Predict(Vector<double> x) => Model.Predict(x);

    /// <summary>Learns from one example: one gradient step on (x·w + b − y)².</summary>
    /// <param name="x">Shape (features,); finite. The first call fixes the feature count.</param>
    /// <param name="y">The target; finite.</param>
    /// <returns>This regressor, so calls can be chained.</returns>
    /// <exception cref="ArgumentException">A NaN or infinite value, or a feature count that differs from the first
    /// call.</exception>
    public SgdRegressor PartialFit(Vector<double> x, double y)
    {
        Require.Finite(Component, nameof(x), x);
        Require.Finite(Component, nameof(y), y);
        _weights ??= Vector<double>.Build.Dense(x.Count);
        Require.Length(Component, nameof(x), x, _weights.Count);
        double error = x.DotProduct(_weights) + _bias - y;
        _weights.Subtract(LearningRate * 2 * error * x, _weights); // in place: w ← w − η·2(ŷ − y)·x
        _bias -= LearningRate * 2 * error;
        ExamplesSeen++;
        return this;
    }

    private static InvalidOperationException NotStarted() =>
        new($"{Component}: the model has no parameters yet; "
            + $"call {nameof(PartialFit)} with at least one example first.");
}
