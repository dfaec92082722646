using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// A variational autoencoder in TorchSharp (the notes' "VAE's"): a probabilistic encoder
/// q_φ(z | x) = N(μ_φ(x), diag σ²_φ(x)) giving μ and log σ², the reparameterized sample
/// z = μ + σ ⊙ ε, and a decoder p_θ(x | z) with Bernoulli pixels. The loss is the negative ELBO,
/// L(θ, φ) = −E_q[log p_θ(x | z)] + D_KL(q_φ(z | x) ‖ N(0, I)), with the KL in closed form
/// ½ Σ_k [σ_k² + μ_k² − 1 − log σ_k²] and the expectation estimated with one sample.
/// </summary>
/// <remarks>Introduced in notebook day 20.</remarks>
public sealed class Vae : nn.Module<Tensor, Tensor, VaeOutput>
{
    private readonly TorchSharp.Modules.Linear _hidden;
    private readonly TorchSharp.Modules.Linear _mean;
    private readonly TorchSharp.Modules.Linear _logVariance;
    private readonly Sequential _decoder;

    /// <summary>Creates the layers: inputs → hidden → (μ, log σ²) of size latent; latent → hidden → inputs.</summary>
    public Vae(int inputs = 64, int hidden = 128, int latent = 2) : base(nameof(Vae))
    {
        _hidden = nn.Linear(inputs, hidden);
        _mean = nn.Linear(hidden, latent);
        _logVariance = nn.Linear(hidden, latent);
        _decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, inputs));
        Latent = latent;
        RegisterComponents();
    }

    /// <summary>The latent dimension k.</summary>
    public int Latent { get; }

    /// <summary>μ_φ(x) and log σ²_φ(x), each (batch, latent).</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor x)
    {
        Tensor h = nn.functional.relu(_hidden.forward(x));
        return (_mean.forward(h), _logVariance.forward(h));
    }

    /// <summary>The decoder's pixel logits for codes z, (batch, inputs); apply a sigmoid for probabilities.</summary>
    public Tensor DecodeLogits(Tensor z) => _decoder.forward(z);

    /// <summary>Encodes, reparameterizes with <paramref name="noise"/> (ε, (batch, latent)), decodes.</summary>
    public override VaeOutput forward(Tensor x, Tensor noise)
    {
        (Tensor mean, Tensor logVariance) = Encode(x);
        Tensor z = Reparameterization.Reparameterize(mean, logVariance, noise);
        return new VaeOutput(DecodeLogits(z), mean, logVariance, z);
    }

    /// <summary>
    /// The negative ELBO per sample, averaged over the batch: reconstruction (binary cross-entropy
    /// summed over pixels) plus the closed-form KL, returned separately too.
    /// </summary>
    /// <param name="output">The forward pass.</param>
    /// <param name="x">The inputs in [0, 1], (batch, inputs).</param>
    public static (Tensor Loss, Tensor Reconstruction, Tensor Kl) Loss(VaeOutput output, Tensor x)
    {
        Require.NotNull("Vae", nameof(output), output);
        Require.NotNull("Vae", nameof(x), x);
        Tensor reconstruction = nn.functional.binary_cross_entropy_with_logits(
            output.Logits, x, reduction: nn.Reduction.None).sum(1).mean();
        Tensor kl = (0.5 * (output.LogVariance.exp() + output.Mean.pow(2) - 1 - output.LogVariance).sum(1)).mean();
        return (reconstruction + kl, reconstruction, kl);
    }
}

/// <summary>What <see cref="Vae.forward"/> returns.</summary>
/// <param name="Logits">Decoder pixel logits, (batch, inputs).</param>
/// <param name="Mean">μ, (batch, latent).</param>
/// <param name="LogVariance">log σ², (batch, latent).</param>
/// <param name="Z">The reparameterized sample, (batch, latent).</param>
public sealed record VaeOutput(Tensor Logits, Tensor Mean, Tensor LogVariance, Tensor Z);
