using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Generative;

/// <summary>
/// A stacked (deep) autoencoder in TorchSharp: the encoder g_φ compresses 64 pixels through 32 to
/// a code of <c>codeSize</c> numbers, the decoder f_θ expands it back (sigmoid output in [0, 1]).
/// Trained on the notes' cost L(θ, φ) = (1/n) Σ ‖x − f_θ(g_φ(x))‖², or, as a denoising autoencoder,
/// on corrupted inputs x̃ with the clean x as target: (1/n) Σ ‖x − f_θ(g_φ(x̃))‖².
/// </summary>
/// <remarks>Introduced in notebook day 19.</remarks>
public sealed class Autoencoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _encoder;
    private readonly Sequential _decoder;

    /// <summary>Creates the layers (seed TorchSharp first for repeatable weights).</summary>
    public Autoencoder(int inputs = 64, int codeSize = 8) : base(nameof(Autoencoder))
    {
        _encoder = nn.Sequential(nn.Linear(inputs, 32), nn.ReLU(), nn.Linear(32, codeSize), nn.ReLU());
        _decoder = nn.Sequential(nn.Linear(codeSize, 32), nn.ReLU(), nn.Linear(32, inputs), nn.Sigmoid());
        RegisterComponents();
    }

    /// <summary>g_φ(x): the code, shape (batch, codeSize).</summary>
    public Tensor Encode(Tensor x) => _encoder.forward(x);

    /// <summary>f_θ(g_φ(x)): the reconstruction, shape (batch, inputs).</summary>
    public override Tensor forward(Tensor x) => _decoder.forward(_encoder.forward(x));

    /// <summary>The notes' cost: the mean over samples of ‖target − reconstruction‖² (summed over pixels).</summary>
    public static Tensor Cost(Tensor reconstruction, Tensor target) =>
        (reconstruction - target).pow(2).sum(1).mean();
}
