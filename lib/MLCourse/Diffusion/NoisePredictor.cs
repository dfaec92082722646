using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Diffusion;

/// <summary>
/// ε_θ(x_t, t) for 2-D points: a small MLP that reads the noisy point and a sinusoidal embedding
/// of the step t (as transformers encode positions) and predicts the noise that was added.
/// </summary>
/// <remarks>Introduced in notebook day 22.</remarks>
public sealed class NoisePredictor : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly int _embedding;
    private readonly Sequential _network;

    /// <summary>Creates the layers (seed TorchSharp first for repeatable weights).</summary>
    public NoisePredictor(int dimensions = 2, int embedding = 32, int hidden = 128) : base(nameof(NoisePredictor))
    {
        _embedding = embedding;
        _network = nn.Sequential(
            nn.Linear(dimensions + embedding, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, dimensions));
        RegisterComponents();
    }

    /// <summary>
    /// The predicted noise for points <paramref name="x"/> (batch, 2) at steps <paramref name="t"/> (batch,), 1 … T.
    /// </summary>
    public override Tensor forward(Tensor x, Tensor t) => _network.forward(cat([x, TimeEmbedding(t)], 1));

    // [sin(t·ω_k), cos(t·ω_k)] with ω_k = 10000^(−k/(d/2)), k = 0 … d/2 − 1.
    private Tensor TimeEmbedding(Tensor t)
    {
        int half = _embedding / 2;
        Tensor frequencies = exp(arange(half, dtype: float32) * (-Math.Log(10000) / half));   // (half,)
        Tensor angles = t.to_type(float32).unsqueeze(1) * frequencies.unsqueeze(0);            // (batch, half)
        return cat([angles.sin(), angles.cos()], 1);                                           // (batch, embedding)
    }
}
