using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Tests;

/// <summary>Central finite differences, (L(θ + h) − L(θ − h)) / 2h, against hand-written gradients.</summary>
internal static class FiniteDifference
{
    public const double Step = 1e-6;

    /// <summary>Checks every <paramref name="stride"/>-th entry of <paramref name="values"/> (changed in place, then restored).</summary>
    public static void AssertMatches(double[] values, double[] analytic, Func<double> loss, double tolerance, int stride = 1)
    {
        for (int i = 0; i < values.Length; i += stride)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double up = loss();
            values[i] = saved - Step;
            double down = loss();
            values[i] = saved;
            Assert.Equal((up - down) / (2 * Step), analytic[i], tolerance);
        }
    }

    /// <summary>The same for a dense matrix parameter and its gradient (same storage layout).</summary>
    public static void AssertMatches(Matrix<double> parameter, Matrix<double> gradient, Func<double> loss, double tolerance, int stride = 1) =>
        AssertMatches(parameter.AsColumnMajorArray(), gradient.AsColumnMajorArray(), loss, tolerance, stride);
}
