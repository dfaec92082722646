using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// A latent-variable model whose evidence p(x) is tractable, to check the ELBO identity of the notes
/// numerically: z ~ N(0, 1), x | z ~ N(w·z + b, σ²). Then p(x) = N(b, w² + σ²) and the posterior
/// p(z | x) = N(m, s²) with s² = σ²/(σ² + w²), m = s²·w·(x − b)/σ².
/// </summary>
/// <remarks>
/// For any Gaussian q(z | x) = N(μ_q, σ_q²):
/// log p(x) − D_KL(q ‖ p(z | x)) = E_q[log p(x | z)] − D_KL(q ‖ p(z)) = ELBO, so ELBO ≤ log p(x),
/// with equality when q is the posterior. Introduced in notebook day 20.
/// </remarks>
public sealed class LinearGaussianModel
{
    /// <summary>Stores the parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A noise variance that is not positive.</exception>
    public LinearGaussianModel(double weight, double bias, double noiseVariance)
    {
        Require.Positive("LinearGaussianModel", nameof(noiseVariance), noiseVariance);
        (Weight, Bias, NoiseVariance) = (weight, bias, noiseVariance);
    }

    /// <summary>w.</summary>
    public double Weight { get; }

    /// <summary>b.</summary>
    public double Bias { get; }

    /// <summary>σ².</summary>
    public double NoiseVariance { get; }

    /// <summary>log p(x) = log N(x; b, w² + σ²), the evidence.</summary>
    public double LogEvidence(double x) => LogNormal(x, Bias, Weight * Weight + NoiseVariance);

    /// <summary>The exact posterior p(z | x) as (mean, variance).</summary>
    public (double Mean, double Variance) Posterior(double x)
    {
        double variance = NoiseVariance / (NoiseVariance + Weight * Weight);
        return (variance * Weight * (x - Bias) / NoiseVariance, variance);
    }

    /// <summary>
    /// ELBO(q) = E_q[log p(x | z)] − D_KL(q ‖ N(0, 1)) in closed form, with
    /// E_q[log p(x | z)] = −½ log(2πσ²) − [(x − b − w·μ_q)² + w²σ_q²]/(2σ²).
    /// </summary>
    public double Elbo(double x, double qMean, double qVariance)
    {
        double residual = x - Bias - Weight * qMean;
        double reconstruction = -0.5 * Math.Log(2 * Math.PI * NoiseVariance)
            - (residual * residual + Weight * Weight * qVariance) / (2 * NoiseVariance);
        double kl = GaussianKl.DiagonalToStandardNormal(
            Vector<double>.Build.Dense(1, qMean), Vector<double>.Build.Dense(1, Math.Log(qVariance)));
        return reconstruction - kl;
    }

    /// <summary>D_KL(q ‖ p(z | x)) for q = N(μ_q, σ_q²).</summary>
    public double KlToPosterior(double x, double qMean, double qVariance)
    {
        (double m, double s2) = Posterior(x);
        return GaussianKl.Full(
            Vector<double>.Build.Dense(1, qMean), Matrix<double>.Build.Dense(1, 1, qVariance),
            Vector<double>.Build.Dense(1, m), Matrix<double>.Build.Dense(1, 1, s2));
    }

    private static double LogNormal(double x, double mean, double variance) =>
        -0.5 * (Math.Log(2 * Math.PI * variance) + (x - mean) * (x - mean) / variance);
}
