using MLCourse.Generative;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// Day 20's convolutional VAE for 28×28 digits: two stride-2 convolutions encode an image into
/// the mean and log-variance of a code of <c>latent</c> numbers; a linear layer and two stride-2
/// transposed convolutions decode a code into 784 Bernoulli logits. The draw z = μ + σ ⊙ ε is
/// passed in (<c>Reparameterization.Reparameterize</c> unless the caller passes another).
/// </summary>
public sealed class ConvVae : nn.Module<Tensor, Tensor, (Tensor Logits, Tensor Mean, Tensor LogVar)>
{
    private readonly nn.Module<Tensor, Tensor> encoder, mean, logVar, decoder;
    private readonly Func<Tensor, Tensor, Tensor, Tensor> draw;     // z from (μ, log σ², ε)

    /// <summary>The layers for a code of <paramref name="latent"/> numbers; <paramref name="draw"/>
    /// makes z from (μ, log σ², ε), each (batch, k).</summary>
    public ConvVae(int latent, Func<Tensor, Tensor, Tensor, Tensor>? draw = null)
        : base(nameof(ConvVae))
    {
        this.draw = draw ?? Reparameterization.Reparameterize;
        encoder = nn.Sequential(
            nn.Conv2d(1, 32, 4, stride: 2, padding: 1), nn.ReLU(),       // (batch, 32, 14, 14)
            nn.Conv2d(32, 64, 4, stride: 2, padding: 1), nn.ReLU(),      // (batch, 64, 7, 7)
            nn.Flatten());                                               // (batch, 3136)
        mean = nn.Linear(64 * 7 * 7, latent);                            // μ_φ(x)
        logVar = nn.Linear(64 * 7 * 7, latent);                          // log σ²_φ(x)
        decoder = nn.Sequential(
            nn.Linear(latent, 64 * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, new long[] { 64, 7, 7 }),                    // (batch, 64, 7, 7)
            nn.ConvTranspose2d(64, 32, 4, stride: 2, padding: 1), nn.ReLU(),   // (b, 32, 14, 14)
            nn.ConvTranspose2d(32, 1, 4, stride: 2, padding: 1));              // (b, 1, 28, 28)
        Latent = latent;
        RegisterComponents();
    }

    /// <summary>k, the number of code dimensions.</summary>
    public int Latent { get; }

    /// <summary>q_φ(z|x): images (batch, 1, 28, 28) → μ and log σ², each (batch, k).</summary>
    public (Tensor Mean, Tensor LogVar) Encode(Tensor x)
    {
        var h = encoder.forward(x);                                      // (batch, 3136)
        return (mean.forward(h), logVar.forward(h));
    }

    /// <summary>p_θ(x|z): codes (batch, k) → pixel logits (batch, 1, 28, 28).</summary>
    public Tensor DecodeLogits(Tensor z) => decoder.forward(z);

    /// <summary>Images (batch, 1, 28, 28) and noise ε (batch, k) → logits, μ and log σ²;
    /// zero noise decodes μ itself.</summary>
    public override (Tensor Logits, Tensor Mean, Tensor LogVar) forward(Tensor x, Tensor noise)
    {
        var (m, lv) = Encode(x);
        return (DecodeLogits(draw(m, lv, noise)), m, lv);
    }

    /// <summary>n codes z ~ N(0, I) decoded to Bernoulli means: (n, 1, 28, 28) in [0, 1].</summary>
    public Tensor Sample(int n, Generator generator)
    {
        using var _ = no_grad();
        return sigmoid(DecodeLogits(randn(n, Latent, generator: generator)));
    }
}
