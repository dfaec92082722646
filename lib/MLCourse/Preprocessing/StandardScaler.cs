using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// Standardises each column to z = (x − mean) / std, with the population standard deviation,
/// as scikit-learn's <c>StandardScaler</c> does. A constant column gets scale 1 (scikit-learn's
/// policy), so it becomes all zeros instead of NaN.
/// </summary>
/// <remarks>Introduced in notebook day 01. The scaler has no settings; <see cref="Fit"/> returns the fitted state.</remarks>
public static class StandardScaler
{
    private const string Component = "StandardScaler";

    /// <summary>Learns each column's mean and standard deviation.</summary>
    /// <param name="x">Shape (examples, features); finite, not empty.</param>
    /// <exception cref="ArgumentException">Empty input, or a NaN or infinite value.</exception>
    public static FittedStandardScaler Fit(Matrix<double> x)
    {
        Require.NonEmptyFinite(Component, nameof(x), x);
        Vector<double> mean = Vector<double>.Build.Dense(x.ColumnCount, j => x.Column(j).Average());
        Vector<double> scale = Vector<double>.Build.Dense(x.ColumnCount, j =>
        {
            double variance = x.Column(j).Select(v => (v - mean[j]) * (v - mean[j])).Average();
            return variance > 0 ? Math.Sqrt(variance) : 1.0;
        });
        return new FittedStandardScaler(mean, scale);
    }
}

/// <summary>The state learned by <see cref="StandardScaler.Fit"/>.</summary>
public sealed class FittedStandardScaler
{
    private const string Component = "StandardScaler";

    internal FittedStandardScaler(Vector<double> mean, Vector<double> scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Each column's mean, shape (features,).</summary>
    public Vector<double> Mean { get; }

    /// <summary>Each column's population standard deviation (1 for a constant column), shape (features,).</summary>
    public Vector<double> Scale { get; }

    /// <summary>(x − mean) / scale for every row.</summary>
    /// <param name="x">Shape (examples, features) with the fitted number of features; finite.</param>
    /// <exception cref="ArgumentException">A different number of columns than at fit time, or a NaN.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Mean.Count);
        Require.NonEmptyFinite(Component, nameof(x), x);
        return Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (x[i, j] - Mean[j]) / Scale[j]);
    }
}
