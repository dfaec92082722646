using MLCourse.Errors;

namespace MLCourse.Convolution;

/// <summary>
/// Max pooling from scratch (the notes' "Pooling"): each size × size window (moved by the stride)
/// keeps its largest value. Backward routes each output's gradient to the position of that maximum
/// only; every other input gets zero — the notes' 2×2 → 4×4 picture. On a tie the first maximum
/// in row-major order wins, as in TorchSharp.
/// </summary>
/// <remarks>Introduced in notebook day 16; day 17 back-propagates through it.</remarks>
public sealed class MaxPool2d
{
    private const string Component = "MaxPool2d";
    private int[]? _argMax;      // per output, the flat input index of its maximum
    private ImageBatch? _input;

    /// <summary>Stores the window size and stride (default: the window size, non-overlapping).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size or stride below 1.</exception>
    public MaxPool2d(int size = 2, int? stride = null)
    {
        if (size < 1 || stride is < 1)
        {
            throw ErrorMessage.OutOfRange(Component, size < 1 ? nameof(size) : nameof(stride), "at least 1", size < 1 ? size : stride!);
        }
        Size = size;
        Stride = stride ?? size;
    }

    /// <summary>The window side.</summary>
    public int Size { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The maximum of each window, caching where it was.</summary>
    /// <param name="x">Shape (batch, channels, height, width).</param>
    /// <returns>Shape (batch, channels, ⌊(h − size)/stride⌋ + 1, ⌊(w − size)/stride⌋ + 1).</returns>
    public ImageBatch Forward(ImageBatch x)
    {
        int outH = ConvShape.OutputSize(x.Height, Size, 0, Stride);
        int outW = ConvShape.OutputSize(x.Width, Size, 0, Stride);
        var output = new ImageBatch(x.Batch, x.Channels, outH, outW);
        _argMax = new int[output.Data.Length];
        int o = 0;
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Channels; c++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++, o++)
                    {
                        int best = -1;
                        for (int i = 0; i < Size; i++)
                        {
                            for (int j = 0; j < Size; j++)
                            {
                                int index = ((n * x.Channels + c) * x.Height + oy * Stride + i) * x.Width + ox * Stride + j;
                                if (best < 0 || x.Data[index] > x.Data[best])
                                {
                                    best = index;
                                }
                            }
                        }
                        _argMax[o] = best;
                        output.Data[o] = x.Data[best];
                    }
                }
            }
        }
        _input = x;
        return output;
    }

    /// <summary>∂L/∂x: each output's gradient added at its window's maximum, zero elsewhere.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape <see cref="Forward"/> returned.</exception>
    public ImageBatch Backward(ImageBatch outputGradient)
    {
        ImageBatch x = _input ?? throw new InvalidOperationException($"{Component}: call {nameof(Forward)} before {nameof(Backward)}.");
        long[] expected = [x.Batch, x.Channels, ConvShape.OutputSize(x.Height, Size, 0, Stride), ConvShape.OutputSize(x.Width, Size, 0, Stride)];
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape, expected, "the shape Forward returned");
        var inputGradient = x.ZerosLike();
        for (int o = 0; o < outputGradient.Data.Length; o++)
        {
            inputGradient.Data[_argMax![o]] += outputGradient.Data[o];
        }
        return inputGradient;
    }
}
