using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// KL divergence between Gaussians in closed form (the notes' eq. (1) and (2)) and by Monte Carlo:
/// D_KL(N(μ₁, Σ₁) ‖ N(μ₂, Σ₂)) = ½ [log(|Σ₂|/|Σ₁|) − k + tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀ Σ₂⁻¹ (μ₂ − μ₁)],
/// which against N(0, I) with a diagonal Σ = diag(σ²) becomes ½ Σ_k [σ_k² + μ_k² − 1 − log σ_k²].
/// </summary>
/// <remarks>Introduced in notebook day 20.</remarks>
public static class GaussianKl
{
    private const string Component = "GaussianKl";

    /// <summary>
    /// ½ Σ_k [exp(log σ_k²) + μ_k² − 1 − log σ_k²]: the VAE's regulariser, written with the
    /// log-variance a network outputs (any real number is a valid log-variance).
    /// </summary>
    /// <param name="mean">μ, shape (k,).</param>
    /// <param name="logVariance">log σ², shape (k,).</param>
    /// <exception cref="ArgumentException">No dimensions (k = 0: PyTorch's sum of nothing is 0, but a Gaussian has at
    /// least one), lengths differ, or a value is not finite.</exception>
    public static double DiagonalToStandardNormal(Vector<double> mean, Vector<double> logVariance)
    {
        RequireDimensions(nameof(mean), mean);
        Require.NotNull(Component, nameof(logVariance), logVariance);
        Require.Length(Component, nameof(logVariance), logVariance, mean.Count);
        Require.Finite(Component, nameof(mean), mean);
        Require.Finite(Component, nameof(logVariance), logVariance);
        double sum = 0;
        for (int k = 0; k < mean.Count; k++)
        {
            sum += Math.Exp(logVariance[k]) + mean[k] * mean[k] - 1 - logVariance[k];
        }
        return 0.5 * sum;
    }

    /// <summary>The general closed form, eq. (1) of the notes, for full covariance matrices.</summary>
    /// <exception cref="ArgumentException">No dimensions, shapes disagree, a NaN or infinite value, or a covariance
    /// that is not symmetric positive definite.</exception>
    public static double Full(Vector<double> mean1, Matrix<double> covariance1,
        Vector<double> mean2, Matrix<double> covariance2)
    {
        RequireDimensions(nameof(mean1), mean1);
        int k = mean1.Count;
        RequireCovariance(nameof(covariance1), covariance1, k);
        RequireCovariance(nameof(covariance2), covariance2, k);
        Require.NotNull(Component, nameof(mean2), mean2);
        Require.Length(Component, nameof(mean2), mean2, k);
        Require.Finite(Component, nameof(mean2), mean2);
        var chol1 = covariance1.Cholesky();
        var chol2 = covariance2.Cholesky();
        Vector<double> difference = mean2 - mean1;
        double trace = chol2.Solve(covariance1).Trace();                      // tr(Σ₂⁻¹Σ₁)
        double quadratic = difference.DotProduct(chol2.Solve(difference));    // (μ₂ − μ₁)ᵀ Σ₂⁻¹ (μ₂ − μ₁)
        return 0.5 * (chol2.DeterminantLn - chol1.DeterminantLn - k + trace + quadratic);
    }

    /// <summary>
    /// The Monte Carlo estimate (1/S) Σ_s [log p(x_s) − log q(x_s)] with x_s ~ P = N(μ₁, Σ₁): the
    /// definition E_P[log P/Q] averaged over samples. Its standard error shrinks like 1/√S.
    /// </summary>
    /// <param name="mean1">μ₁ of P, shape (k,).</param>
    /// <param name="covariance1">Σ₁ of P, (k, k).</param>
    /// <param name="mean2">μ₂ of Q.</param>
    /// <param name="covariance2">Σ₂ of Q.</param>
    /// <param name="samples">S ≥ 1.</param>
    /// <param name="random">The source of the samples.</param>
    public static double MonteCarlo(Vector<double> mean1, Matrix<double> covariance1,
        Vector<double> mean2, Matrix<double> covariance2, int samples, RandomSource random)
    {
        RequireDimensions(nameof(mean1), mean1);
        RequireCovariance(nameof(covariance1), covariance1, mean1.Count);
        RequireCovariance(nameof(covariance2), covariance2, mean1.Count);
        Require.NotNull(Component, nameof(mean2), mean2);
        Require.Length(Component, nameof(mean2), mean2, mean1.Count);
        Require.Finite(Component, nameof(mean2), mean2);
        Require.NotNull(Component, nameof(random), random);
        if (samples < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(samples), "at least 1", samples);
        }
        var p = new MatrixNormal(mean1.ToColumnMatrix(), covariance1, Matrix<double>.Build.DenseIdentity(1), random);
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            Vector<double> x = p.Sample().Column(0);
            sum += LogDensityChecked(x, mean1, covariance1) - LogDensityChecked(x, mean2, covariance2);
        }
        return sum / samples;
    }

    /// <summary>log N(x; μ, Σ) = −½ [k log 2π + log |Σ| + (x − μ)ᵀ Σ⁻¹ (x − μ)].</summary>
    /// <exception cref="ArgumentException">Shapes disagree, a value is not finite, or the covariance is not
    /// symmetric positive definite.</exception>
    public static double LogDensity(Vector<double> x, Vector<double> mean, Matrix<double> covariance)
    {
        RequireDimensions(nameof(mean), mean);
        RequireCovariance(nameof(covariance), covariance, mean.Count);
        Require.Length(Component, nameof(x), x, mean.Count);
        Require.Finite(Component, nameof(x), x);
        return LogDensityChecked(x, mean, covariance);
    }

    // log N(x; μ, Σ) for arguments already checked.
    private static double LogDensityChecked(Vector<double> x, Vector<double> mean, Matrix<double> covariance)
    {
        var chol = covariance.Cholesky();
        Vector<double> d = x - mean;
        return -0.5 * (x.Count * Math.Log(2 * Math.PI) + chol.DeterminantLn + d.DotProduct(chol.Solve(d)));
    }

    // μ: not null, at least one dimension, finite.
    private static void RequireDimensions(string argument, Vector<double> mean)
    {
        if (Require.NotNull(Component, argument, mean).Count == 0)
        {
            throw ErrorMessage.Empty(Component, argument);
        }
        Require.Finite(Component, argument, mean);
    }

    private static void RequireCovariance(string argument, Matrix<double> covariance, int k)
    {
        Require.NotNull(Component, argument, covariance);
        if (covariance.RowCount != k || covariance.ColumnCount != k)
        {
            throw ErrorMessage.Shape(Component, argument, ErrorMessage.FormatShape(k, k),
                ErrorMessage.FormatShape(covariance.RowCount, covariance.ColumnCount));
        }
        Require.NonEmptyFinite(Component, argument, covariance);
        bool symmetric = (covariance - covariance.Transpose()).InfinityNorm()
            <= 1e-12 * (1 + covariance.InfinityNorm());
        if (!symmetric || covariance.Evd(Symmetricity.Symmetric).EigenValues.Any(e => !(e.Real > 0)))
        {
            throw ErrorMessage.Must(Component, argument,
                "be a symmetric positive definite covariance matrix (all variances > 0)",
                symmetric ? "has an eigenvalue ≤ 0" : "is not symmetric");
        }
        try
        {
            covariance.Cholesky();
        }
        catch (ArgumentException)   // MathNet's "Matrix must be positive definite": an eigenvalue ≈ 0 by rounding
        {
            throw ErrorMessage.Must(Component, argument,
                "be a symmetric positive definite covariance matrix (all variances > 0)",
                "has an eigenvalue ≤ 0 to working precision (its Cholesky factorisation fails)");
        }
    }
}
