using MathNet.Numerics.LinearAlgebra;
using MLCourse.Evaluation;

namespace MLCourse.Tests.Evaluation;

public class RegressionMetricsTests
{
    private static readonly Vector<double> Actual = Vector<double>.Build.DenseOfArray([1.0, 2.0, 3.0]);
    private static readonly Vector<double> Predicted = Vector<double>.Build.DenseOfArray([2.0, 2.0, 1.0]);

    [Fact]
    public void Errors_match_the_hand_computed_values()
    {
        Assert.Equal(5.0 / 3, RegressionMetrics.MeanSquaredError(Actual, Predicted), 1e-12);   // (1 + 0 + 4) / 3
        Assert.Equal(1.0, RegressionMetrics.MeanAbsoluteError(Actual, Predicted), 1e-12);      // (1 + 0 + 2) / 3
    }

    [Fact]
    public void Lengths_that_disagree_and_empty_input_are_refused()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError(Actual, Predicted.SubVector(0, 2)));
        var empty = Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError(Vector<double>.Build.Dense(0), Vector<double>.Build.Dense(0)));

        Assert.Equal("RegressionMetrics: predicted must have shape (3,), but has shape (2,). (Parameter 'predicted')", mismatch.Message);
        Assert.Equal("RegressionMetrics: actual must not be empty. (Parameter 'actual')", empty.Message);
    }
}
