using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using MLCourse.Generative;

namespace MLCourse.Tests.Generative;

public class GaussianKlTests
{
    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);

    [Fact]
    public void The_diagonal_form_with_log_variance_equals_the_general_form()
    {
        var mean = V(0.5, -1.2, 2);
        var logVariance = V(-0.3, 0.8, 0);

        double general = GaussianKl.Full(mean, Matrix<double>.Build.DenseOfDiagonalVector(logVariance.PointwiseExp()),
            V(0, 0, 0), Matrix<double>.Build.DenseIdentity(3));

        Assert.Equal(general, GaussianKl.DiagonalToStandardNormal(mean, logVariance), 1e-12);
    }

    [Fact]
    public void The_closed_form_equals_numeric_integration_in_one_dimension()
    {
        double m1 = 0.3, v1 = 0.5, m2 = -1, v2 = 2;
        double P(double x) => Math.Exp(-(x - m1) * (x - m1) / (2 * v1)) / Math.Sqrt(2 * Math.PI * v1);
        double Q(double x) => Math.Exp(-(x - m2) * (x - m2) / (2 * v2)) / Math.Sqrt(2 * Math.PI * v2);
        double[] grid = Enumerable.Range(0, 20001).Select(i => -15 + 30.0 * i / 20000).ToArray();

        double numeric = GanTheory.Trapezoid(grid, x => P(x) * Math.Log(P(x) / Q(x)));

        Assert.Equal(numeric, GaussianKl.Full(V(m1), Matrix<double>.Build.Dense(1, 1, v1), V(m2), Matrix<double>.Build.Dense(1, 1, v2)), 1e-9);
    }

    [Fact]
    public void The_Monte_Carlo_estimate_converges_to_the_closed_form_within_its_standard_error()
    {
        var m1 = V(1, 0);
        var s1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.3 }, { 0.3, 0.5 } });
        var m2 = V(0, 0);
        var s2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 }, { 0, 1 } });
        double exact = GaussianKl.Full(m1, s1, m2, s2);
        const int samples = 40_000;

        double estimate = GaussianKl.MonteCarlo(m1, s1, m2, s2, samples, new MersenneTwister(3));

        // The log-ratio has a standard deviation below 1.5 here (measured over 1e6 draws: 0.93), so the
        // estimate's standard error is below 1.5/√S = 0.0075; four of those bound the error.
        Assert.Equal(exact, estimate, 4 * 1.5 / Math.Sqrt(samples));
    }

    [Fact]
    public void A_covariance_that_is_not_positive_definite_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => GaussianKl.Full(V(0), Matrix<double>.Build.Dense(1, 1, -1.0), V(0), Matrix<double>.Build.Dense(1, 1, 1.0)));

        Assert.Equal("GaussianKl: covariance1 must be a symmetric positive definite covariance matrix (all " +
            "variances > 0), " +
            "but has an eigenvalue ≤ 0. (Parameter 'covariance1')", error.Message);
    }
}
