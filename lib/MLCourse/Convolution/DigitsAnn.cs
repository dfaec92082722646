using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Convolution;

/// <summary>
/// A dense network for the flattened 8×8 digits with a parameter budget close to <see cref="DigitsCnn"/>'s:
/// 64 → 81 (ReLU) → 10, 6,085 parameters. It sees pixels as an unordered list, without their layout.
/// </summary>
/// <remarks>Introduced in notebook day 17 (CNN vs ANN).</remarks>
public sealed class DigitsAnn : nn.Module<Tensor, Tensor>
{
    private readonly Linear _hidden;
    private readonly Linear _output;

    /// <summary>Creates the layers with TorchSharp's default initialisation.</summary>
    public DigitsAnn() : base(nameof(DigitsAnn))
    {
        _hidden = nn.Linear(64, 81);
        _output = nn.Linear(81, 10);
        RegisterComponents();
    }

    /// <summary>Class scores for a batch of images.</summary>
    /// <param name="x">Shape (batch, 1, 8, 8); flattened to (batch, 64).</param>
    /// <returns>Shape (batch, 10).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return _output.forward(nn.functional.relu(_hidden.forward(x.flatten(1)))).MoveToOuterDisposeScope();
    }
}
