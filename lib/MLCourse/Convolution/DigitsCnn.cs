using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Convolution;

/// <summary>
/// A small TorchSharp CNN for the 8×8 digits: conv 3×3 (1→16, same padding) → ReLU → max-pool 2
/// → conv 3×3 (16→32, same) → ReLU → max-pool 2 → flatten (32·2·2 = 128) → dense 10.
/// 6,090 parameters; <see cref="DigitsAnn"/> is the dense network with about the same budget.
/// </summary>
/// <remarks>Introduced in notebook day 17 (CNN vs ANN).</remarks>
public sealed class DigitsCnn : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d _conv1;
    private readonly TorchSharp.Modules.Conv2d _conv2;
    private readonly Linear _output;

    /// <summary>Creates the layers with TorchSharp's default initialisation (seed it first for repeatable weights).</summary>
    public DigitsCnn() : base(nameof(DigitsCnn))
    {
        _conv1 = nn.Conv2d(1, 16, 3, padding: 1);
        _conv2 = nn.Conv2d(16, 32, 3, padding: 1);
        _output = nn.Linear(32 * 2 * 2, 10);
        RegisterComponents();
    }

    /// <summary>Class scores (logits) for a batch of images.</summary>
    /// <param name="x">Shape (batch, 1, 8, 8).</param>
    /// <returns>Shape (batch, 10).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor h = nn.functional.max_pool2d(nn.functional.relu(_conv1.forward(x)), 2);   // (batch, 16, 4, 4)
        h = nn.functional.max_pool2d(nn.functional.relu(_conv2.forward(h)), 2);          // (batch, 32, 2, 2)
        return _output.forward(h.flatten(1)).MoveToOuterDisposeScope();                // (batch, 10)
    }
}
