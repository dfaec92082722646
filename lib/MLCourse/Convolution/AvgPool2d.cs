using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// Average pooling from scratch: each k_h × k_w window keeps its mean; backward spreads each
/// output's gradient equally, 1/(k_h·k_w), over its window. Padding adds zeros that count in the
/// mean, as TorchSharp's default (<c>count_include_pad</c>) does.
/// </summary>
/// <remarks>
/// The contract of every hand-written layer: <see cref="Forward"/> returns an <see cref="AvgPool2dPass"/>,
/// <see cref="Backward"/> takes it and ∂L/∂output and returns <see cref="AvgPool2dGradients"/>.
/// Introduced in notebook day 17.
/// </remarks>
public sealed class AvgPool2d
{
    private const string Component = "AvgPool2d";

    /// <summary>A square size × size window; the stride defaults to the window size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size or stride below 1.</exception>
    public AvgPool2d(int size = 2, int? stride = null)
        : this((size, size), stride is int s ? (s, s) : null)
    {
    }

    /// <summary>A k_h × k_w window with per-axis stride (default: the window) and zero padding.</summary>
    /// <param name="size">(k_h, k_w), each ≥ 1.</param>
    /// <param name="stride">(s_h, s_w), each ≥ 1; default the window size.</param>
    /// <param name="padding">(p_h, p_w), each between 0 and half the window along its axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public AvgPool2d((int Height, int Width) size, (int Height, int Width)? stride = null,
        (int Height, int Width) padding = default)
    {
        (Size, Stride, Padding) = PoolSettings.Check(Component, size, stride, padding);
    }

    /// <summary>The window (k_h, k_w).</summary>
    public (int Height, int Width) Size { get; }

    /// <summary>The step between windows (s_h, s_w).</summary>
    public (int Height, int Width) Stride { get; }

    /// <summary>The zero padding (p_h, p_w) on each side.</summary>
    public (int Height, int Width) Padding { get; }

    /// <summary>The mean of each window.</summary>
    /// <param name="x">Shape (batch, channels, height, width).</param>
    /// <returns>
    /// The input and the output, shape (batch, channels, ⌊(h + 2p_h − k_h)/s_h⌋ + 1, ⌊(w + 2p_w − k_w)/s_w⌋ + 1).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A window larger than the padded input.</exception>
    public AvgPool2dPass Forward(ImageBatch x)
    {
        Require.NotNull(Component, nameof(x), x);
        var output = Output(x);
        Visit(x, output, (o, index) => output.Data[o] += x.Data[index] / (Size.Height * Size.Width));
        return new AvgPool2dPass(x, output);
    }

    /// <summary>∂L/∂x: each output's gradient divided equally over its window.</summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂output, the shape of the pass's output.</param>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape
    /// <see cref="Forward"/> returned.</exception>
    public AvgPool2dGradients Backward(AvgPool2dPass pass, ImageBatch outputGradient)
    {
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape,
            pass.Output.Shape, "the shape Forward returned");
        var inputGradient = pass.Input.ZerosLike();
        Visit(pass.Input, outputGradient,
            (o, index) => inputGradient.Data[index] += outputGradient.Data[o] / (Size.Height * Size.Width));
        return new AvgPool2dGradients(inputGradient);
    }

    private ImageBatch Output(ImageBatch x)
    {
        ConvShape.RequireWindowFits(Component, x, Size, Padding, "window");
        return new(x.Batch, x.Channels, ConvShape.OutputSize(x.Height, Size.Height, Padding.Height, Stride.Height),
            ConvShape.OutputSize(x.Width, Size.Width, Padding.Width, Stride.Width));
    }

    // Calls visit(output index, input index) for every input pixel of every window (padding is zero and skipped).
    private void Visit(ImageBatch x, ImageBatch output, Action<int, int> visit)
    {
        int o = 0;
        for (int n = 0; n < x.Batch; n++)
        for (int c = 0; c < x.Channels; c++)
        for (int oy = 0; oy < output.Height; oy++)
        for (int ox = 0; ox < output.Width; ox++, o++)
        for (int i = 0; i < Size.Height; i++)
        for (int j = 0; j < Size.Width; j++)
        {
            int row = oy * Stride.Height - Padding.Height + i, column = ox * Stride.Width - Padding.Width + j;
            if (row >= 0 && row < x.Height && column >= 0 && column < x.Width)
            {
                visit(o, ((n * x.Channels + c) * x.Height + row) * x.Width + column);
            }
        }
    }
}

/// <summary>What <see cref="AvgPool2d.Forward"/> computed, kept for <see cref="AvgPool2d.Backward"/>.</summary>
/// <param name="Input">x, (batch, channels, height, width).</param>
/// <param name="Output">The window means, (batch, channels, out_h, out_w).</param>
public sealed record AvgPool2dPass(ImageBatch Input, ImageBatch Output);

/// <summary>The gradient of <see cref="AvgPool2d.Backward"/> (the layer has no parameters).</summary>
/// <param name="Input">∂L/∂x, the input's shape.</param>
public sealed record AvgPool2dGradients(ImageBatch Input);
