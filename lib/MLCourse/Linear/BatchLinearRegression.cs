using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Linear;

/// <summary>
/// Batch learning (the notes' "Batch vs Online ML"): the model sees all stored data at once and
/// is trained from scratch by full-batch gradient descent on the mean squared error,
/// L(w, b) = (1/m) Σ (x_i·w + b − y_i)². To learn from new data it must be fitted again.
/// </summary>
/// <remarks>Introduced in notebook day 01. The constructor only stores settings; <see cref="Fit"/> learns.</remarks>
public sealed class BatchLinearRegression
{
    private const string Component = "BatchLinearRegression";

    /// <summary>Stores the settings.</summary>
    /// <param name="learningRate">Step size η of each gradient step; positive.</param>
    /// <param name="epochs">Number of full passes over the data; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public BatchLinearRegression(double learningRate = 0.1, int epochs = 500)
    {
        Require.Positive(Component, nameof(learningRate), learningRate);
        if (epochs < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(epochs), "at least 1", epochs);
        }
        LearningRate = learningRate;
        Epochs = epochs;
    }

    /// <summary>Step size η.</summary>
    public double LearningRate { get; }

    /// <summary>Number of full passes over the data.</summary>
    public int Epochs { get; }

    /// <summary>
    /// Trains from scratch on all of <paramref name="x"/> and <paramref name="y"/>, starting from w = 0, b = 0.
    /// </summary>
    /// <param name="x">Shape (examples, features); finite, not empty.</param>
    /// <param name="y">Shape (examples,); finite.</param>
    /// <returns>The fitted model and the loss before each epoch.</returns>
    /// <exception cref="ArgumentException">Empty input, a NaN or infinite value, or lengths that disagree.</exception>
    public BatchFit Fit(Matrix<double> x, Vector<double> y)
    {
        Require.NonEmptyFinite(Component, nameof(x), x);
        Require.Length(Component, nameof(y), y, x.RowCount);
        Require.Finite(Component, nameof(y), y);
        var w = Vector<double>.Build.Dense(x.ColumnCount);
        double b = 0;
        double m = x.RowCount;
        var losses = new double[Epochs];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            Vector<double> residual = x * w + b - y;                         // (examples,)
            losses[epoch] = residual.DotProduct(residual) / m;
            // ∂L/∂w = (2/m) Xᵀ(Xw + b − y), ∂L/∂b = (2/m) Σ (Xw + b − y)
            w -= LearningRate * (2 / m) * (x.TransposeThisAndMultiply(residual));
            b -= LearningRate * (2 / m) * residual.Sum();
        }
        return new BatchFit(new LinearModel(w, b), losses);
    }
}

/// <summary>The result of <see cref="BatchLinearRegression.Fit"/>.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="LossHistory">Mean squared error before each epoch, so a chart can show it fall.</param>
public sealed record BatchFit(LinearModel Model, double[] LossHistory);
