using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// Max pooling from scratch (the notes' "Pooling"): each k_h × k_w window (moved by the stride)
/// keeps its largest value. Backward routes each output's gradient to the position of that maximum
/// only; every other input gets zero — the notes' 2×2 → 4×4 picture. On a tie the first maximum
/// in row-major order wins, as in TorchSharp. A NaN anywhere in a window makes that output NaN, and its
/// gradient goes to the window's last NaN (PyTorch's kernel: <c>val &gt; max || isnan(val)</c>).
/// Padding, as in TorchSharp, adds positions that never
/// win (−∞), at most half the window on each side.
/// </summary>
/// <remarks>
/// The contract of every hand-written layer: <see cref="Forward"/> returns a <see cref="MaxPool2dPass"/>,
/// <see cref="Backward"/> takes it and ∂L/∂output and returns <see cref="MaxPool2dGradients"/>;
/// nothing is kept in the layer. This file holds the readable path; <see cref="ForwardFast"/> and
/// <see cref="BackwardFast"/> (<c>MaxPool2d.Fast.cs</c>) compute the same numbers faster, checked by a test.
/// Introduced in notebook day 17; day 18 back-propagates through it.
/// </remarks>
public sealed partial class MaxPool2d
{
    private const string Component = "MaxPool2d";

    /// <summary>A square size × size window; the stride defaults to the window size (non-overlapping).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size or stride below 1.</exception>
    public MaxPool2d(int size = 2, int? stride = null)
        : this((size, size), stride is int s ? (s, s) : null)
    {
    }

    /// <summary>A k_h × k_w window with per-axis stride (default: the window) and padding.</summary>
    /// <param name="size">(k_h, k_w), each ≥ 1.</param>
    /// <param name="stride">(s_h, s_w), each ≥ 1; default the window size.</param>
    /// <param name="padding">(p_h, p_w), each between 0 and half the window along its axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public MaxPool2d((int Height, int Width) size, (int Height, int Width)? stride = null,
        (int Height, int Width) padding = default)
    {
        (Size, Stride, Padding) = PoolSettings.Check(Component, size, stride, padding);
    }

    /// <summary>The window (k_h, k_w).</summary>
    public (int Height, int Width) Size { get; }

    /// <summary>The step between windows (s_h, s_w).</summary>
    public (int Height, int Width) Stride { get; }

    /// <summary>The padding (p_h, p_w) on each side.</summary>
    public (int Height, int Width) Padding { get; }

    /// <summary>The maximum of each window, and where it was.</summary>
    /// <param name="x">Shape (batch, channels, height, width).</param>
    /// <returns>
    /// The output, shape (batch, channels, ⌊(h + 2p_h − k_h)/s_h⌋ + 1, ⌊(w + 2p_w − k_w)/s_w⌋
    /// + 1), and each output's argmax.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A window larger than the padded input.</exception>
    public MaxPool2dPass Forward(ImageBatch x)
    {
        Require.NotNull(Component, nameof(x), x);
        ConvShape.RequireWindowFits(Component, x, Size, Padding, "window");
        var output = new ImageBatch(x.Batch, x.Channels, OutputSize(x.Height, 0), OutputSize(x.Width, 1));
        var argMax = new int[output.Data.Length];
        int o = 0;
        for (int n = 0; n < x.Batch; n++)
        for (int c = 0; c < x.Channels; c++)
        for (int oy = 0; oy < output.Height; oy++)
        for (int ox = 0; ox < output.Width; ox++, o++)
        {
            int best = -1;
            for (int i = 0; i < Size.Height; i++)
            for (int j = 0; j < Size.Width; j++)
            {
                int row = oy * Stride.Height - Padding.Height + i, column = ox * Stride.Width - Padding.Width + j;
                if (row < 0 || row >= x.Height || column < 0 || column >= x.Width)
                {
                    continue;   // padding: −∞, never the maximum
                }
                int index = ((n * x.Channels + c) * x.Height + row) * x.Width + column;
                if (best < 0 || x.Data[index] > x.Data[best] || double.IsNaN(x.Data[index]))
                {
                    best = index;
                }
            }
            argMax[o] = best;
            output.Data[o] = x.Data[best];
        }
        return new MaxPool2dPass(x, output, argMax);
    }

    /// <summary>∂L/∂x: each output's gradient added at its window's maximum, zero elsewhere.</summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂output, the shape of the pass's output.</param>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape
    /// <see cref="Forward"/> returned.</exception>
    public MaxPool2dGradients Backward(MaxPool2dPass pass, ImageBatch outputGradient)
    {
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape,
            pass.Output.Shape, "the shape Forward returned");
        var inputGradient = pass.Input.ZerosLike();
        for (int o = 0; o < outputGradient.Data.Length; o++)
        {
            inputGradient.Data[pass.ArgMax[o]] += outputGradient.Data[o];
        }
        return new MaxPool2dGradients(inputGradient);
    }

    private int OutputSize(int n, int axis) => axis == 0
        ? ConvShape.OutputSize(n, Size.Height, Padding.Height, Stride.Height)
        : ConvShape.OutputSize(n, Size.Width, Padding.Width, Stride.Width);
}

/// <summary>What <see cref="MaxPool2d.Forward"/> computed, kept for <see cref="MaxPool2d.Backward"/>.</summary>
/// <param name="Input">x, (batch, channels, height, width).</param>
/// <param name="Output">The window maxima, (batch, channels, out_h, out_w).</param>
/// <param name="ArgMax">Per output (row-major), the flat index into x of its maximum.</param>
public sealed record MaxPool2dPass(ImageBatch Input, ImageBatch Output, int[] ArgMax);

/// <summary>The gradient of <see cref="MaxPool2d.Backward"/> (the layer has no parameters).</summary>
/// <param name="Input">∂L/∂x, the input's shape.</param>
public sealed record MaxPool2dGradients(ImageBatch Input);

/// <summary>The checks both pools share.</summary>
internal static class PoolSettings
{
    internal static ((int, int) Size, (int, int) Stride, (int, int) Padding) Check(string component,
        (int Height, int Width) size, (int Height, int Width)? stride, (int Height, int Width) padding)
    {
        (int Height, int Width) s = stride ?? size;
        if (size.Height < 1 || size.Width < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(size),
                "at least 1", size.Height == size.Width ? size.Height : size);
        }
        if (s.Height < 1 || s.Width < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(stride), "at least 1", s.Height == s.Width ? s.Height : s);
        }
        if (padding.Height < 0 || padding.Width < 0
            || 2 * padding.Height > size.Height || 2 * padding.Width > size.Width)
        {
            throw ErrorMessage.OutOfRange(component, nameof(padding),
                "between 0 and half the window along each axis", padding);
        }
        return (size, s, padding);
    }
}
