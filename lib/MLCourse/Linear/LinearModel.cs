using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Linear;

/// <summary>A fitted linear model ŷ = x·w + b.</summary>
/// <remarks>
/// Returned by <see cref="BatchLinearRegression.Fit"/> and <see cref="SgdRegressor.Model"/>; notebook day 01.
/// </remarks>
public sealed class LinearModel
{
    private const string Component = "LinearModel";

    /// <summary>Creates a model from its parameters (copied).</summary>
    /// <param name="weights">One weight per feature, shape (features,).</param>
    /// <param name="bias">The intercept b.</param>
    public LinearModel(Vector<double> weights, double bias)
    {
        Weights = weights.Clone();
        Bias = bias;
    }

    /// <summary>The weights w, shape (features,).</summary>
    public Vector<double> Weights { get; }

    /// <summary>The intercept b.</summary>
    public double Bias { get; }

    /// <summary>ŷ = x·w + b for one example.</summary>
    /// <param name="x">Shape (features,).</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    public double Predict(Vector<double> x)
    {
        Require.Length(Component, nameof(x), x, Weights.Count);
        return x.DotProduct(Weights) + Bias;
    }

    /// <summary>ŷ = X·w + b for every row.</summary>
    /// <param name="x">Shape (examples, features).</param>
    /// <returns>Shape (examples,).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong number of columns.</exception>
    public Vector<double> Predict(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Weights.Count);
        return x * Weights + Bias;
    }
}
