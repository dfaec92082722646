using static TorchSharp.torch;
using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// The reparameterization trick (the notes' z = μ + σ ⊙ ε, ε ~ N(0, I)): sampling z ~ N(μ, σ²) is
/// rewritten as a deterministic function of μ, log σ² and outside noise, so that ∂z/∂μ = 1 and
/// ∂z/∂σ = ε exist and gradients reach the encoder; the noise itself needs no gradient.
/// </summary>
/// <remarks>Introduced in notebook day 20 (the VAE).</remarks>
public static class Reparameterization
{
    /// <summary>z = μ + exp(½·log σ²) ⊙ ε.</summary>
    /// <param name="mean">μ, shape (batch, k).</param>
    /// <param name="logVariance">log σ², shape (batch, k).</param>
    /// <param name="noise">ε ~ N(0, I), shape (batch, k), not requiring gradients.</param>
    public static Tensor Reparameterize(Tensor mean, Tensor logVariance, Tensor noise)
    {
        Require.NotNull("Reparameterization", nameof(mean), mean);
        Require.NotNull("Reparameterization", nameof(logVariance), logVariance);
        Require.NotNull("Reparameterization", nameof(noise), noise);
        return mean + (0.5 * logVariance).exp() * noise;
    }
}
