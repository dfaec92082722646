using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// The fast path of <see cref="MaxPool2d"/>: the same maxima, argmax and gradients as the readable
/// <see cref="Forward"/> and <see cref="Backward"/> (the same first-maximum-wins order), without a
/// bounds check per tap: each window's rows and columns are clipped to the image once, and the common
/// 2 × 2 window with stride 2 and no padding compares its four values with branch-free selects (on
/// random data a branch per comparison is mispredicted half the time).
/// </summary>
public sealed partial class MaxPool2d
{
    /// <summary>The maximum of each window, and where it was (the same as <see cref="Forward"/>).</summary>
    /// <param name="x">Shape (batch, channels, height, width).</param>
    /// <returns>The output and each output's argmax, as <see cref="Forward"/> returns them.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A window larger than the padded input.</exception>
    public MaxPool2dPass ForwardFast(ImageBatch x)
    {
        Require.NotNull(Component, nameof(x), x);
        ConvShape.RequireWindowFits(Component, x, Size, Padding, "window");
        int outH = OutputSize(x.Height, 0), outW = OutputSize(x.Width, 1);
        int count = Require.ElementCount(Component, nameof(x), x.Batch, x.Channels, outH, outW);
        // every value is written below
        var output = new ImageBatch(x.Batch, x.Channels, outH, outW, GC.AllocateUninitializedArray<double>(count));
        int[] argMax = GC.AllocateUninitializedArray<int>(count);
        if (Size == (2, 2) && Stride == (2, 2) && Padding == (0, 0))
        {
            TwoByTwo(x, output, argMax);
        }
        else
        {
            General(x, output, argMax);
        }
        return new MaxPool2dPass(x, output, argMax);
    }

    /// <summary>∂L/∂x: each output's gradient added at its window's maximum (as <see cref="Backward"/>).</summary>
    /// <param name="pass">What <see cref="ForwardFast"/> or <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂output, the shape of the pass's output.</param>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape
    /// the forward pass returned.</exception>
    public MaxPool2dGradients BackwardFast(MaxPool2dPass pass, ImageBatch outputGradient)
    {
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape,
            pass.Output.Shape, "the shape Forward returned");
        var inputGradient = pass.Input.ZerosLike();
        ref double target = ref MemoryMarshal.GetArrayDataReference(inputGradient.Data);
        ReadOnlySpan<int> argMax = pass.ArgMax.AsSpan(0, outputGradient.Data.Length);
        ReadOnlySpan<double> gradient = outputGradient.Data;
        for (int o = 0; o < gradient.Length; o++)
        {
            int index = argMax[o];
            if ((uint)index >= (uint)inputGradient.Data.Length)
            {
                throw ErrorMessage.OutOfRange(Component, nameof(pass), "argmax entries inside the input", index);
            }
            Unsafe.Add(ref target, index) += gradient[o];
        }
        return new MaxPool2dGradients(inputGradient);
    }

    // 2 × 2 windows, stride 2: for output (oy, ox) the values at rows 2oy, 2oy + 1 and columns 2ox, 2ox + 1,
    // compared in the readable path's order (row-major, a later value wins if strictly larger or NaN).
    private static void TwoByTwo(ImageBatch x, ImageBatch output, int[] argMax)
    {
        int width = x.Width, outH = output.Height, outW = output.Width, plane = x.Height * width;
        ref double input = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref double z = ref MemoryMarshal.GetArrayDataReference(output.Data);
        ref int where = ref MemoryMarshal.GetArrayDataReference(argMax);
        int o = 0;
        for (int p = 0; p < x.Batch * x.Channels; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                int top = p * plane + 2 * oy * width;
                for (int ox = 0; ox < outW; ox++, o++)
                {
                    int i0 = top + 2 * ox, i2 = i0 + width;
                    double v0 = Unsafe.Add(ref input, i0), v1 = Unsafe.Add(ref input, i0 + 1);
                    double v2 = Unsafe.Add(ref input, i2), v3 = Unsafe.Add(ref input, i2 + 1);
                    // a later value wins if strictly larger or NaN (PyTorch's val > max || isnan(val))
                    bool take = v1 > v0 || double.IsNaN(v1);
                    int best = take ? i0 + 1 : i0;
                    double value = take ? v1 : v0;
                    take = v2 > value || double.IsNaN(v2);
                    best = take ? i2 : best;
                    value = take ? v2 : value;
                    take = v3 > value || double.IsNaN(v3);
                    best = take ? i2 + 1 : best;
                    value = take ? v3 : value;
                    Unsafe.Add(ref z, o) = value;
                    Unsafe.Add(ref where, o) = best;
                }
            }
        }
    }

    // Any window, stride and padding: each window clipped to the image once (padding never wins).
    private void General(ImageBatch x, ImageBatch output, int[] argMax)
    {
        (int kh, int kw) = Size;
        (int sh, int sw) = Stride;
        (int ph, int pw) = Padding;
        int height = x.Height, width = x.Width, outH = output.Height, outW = output.Width;
        double[] input = x.Data;
        int o = 0;
        for (int p = 0; p < x.Batch * x.Channels; p++)
        {
            int plane = p * height * width;
            for (int oy = 0; oy < outH; oy++)
            {
                int rowStart = Math.Max(0, oy * sh - ph), rowEnd = Math.Min(height, oy * sh - ph + kh);
                for (int ox = 0; ox < outW; ox++, o++)
                {
                    int columnStart = Math.Max(0, ox * sw - pw), columnEnd = Math.Min(width, ox * sw - pw + kw);
                    int best = plane + rowStart * width + columnStart;
                    double value = input[best];
                    for (int row = rowStart; row < rowEnd; row++)
                    {
                        ReadOnlySpan<double> run = input.AsSpan(plane + row * width + columnStart,
                            columnEnd - columnStart);
                        for (int j = 0; j < run.Length; j++)
                        {
                            if (run[j] > value || double.IsNaN(run[j]))
                            {
                                value = run[j];
                                best = plane + row * width + columnStart + j;
                            }
                        }
                    }
                    output.Data[o] = value;
                    argMax[o] = best;
                }
            }
        }
    }
}
