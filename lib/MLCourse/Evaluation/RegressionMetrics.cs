using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Evaluation;

/// <summary>Error measures for regression, as in scikit-learn's <c>sklearn.metrics</c>.</summary>
/// <remarks>Introduced in notebook day 01.</remarks>
public static class RegressionMetrics
{
    private const string Component = "RegressionMetrics";

    /// <summary>MSE = (1/m) Σ (ŷ_i − y_i)².</summary>
    /// <exception cref="ArgumentException">Empty input or lengths that disagree.</exception>
    public static double MeanSquaredError(Vector<double> actual, Vector<double> predicted)
    {
        Check(actual, predicted);
        Vector<double> residual = predicted - actual;
        return residual.DotProduct(residual) / actual.Count;
    }

    /// <summary>MAE = (1/m) Σ |ŷ_i − y_i|.</summary>
    /// <exception cref="ArgumentException">Empty input or lengths that disagree.</exception>
    public static double MeanAbsoluteError(Vector<double> actual, Vector<double> predicted)
    {
        Check(actual, predicted);
        return (predicted - actual).L1Norm() / actual.Count;
    }

    private static void Check(Vector<double> actual, Vector<double> predicted)
    {
        if (Require.NotNull(Component, nameof(actual), actual).Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(actual));
        }
        Require.Length(Component, nameof(predicted), predicted, actual.Count);
    }
}
