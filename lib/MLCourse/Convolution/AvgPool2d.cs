using MLCourse.Errors;
namespace MLCourse.Convolution;

/// <summary>
/// Average pooling from scratch: each size × size window keeps its mean; backward spreads each
/// output's gradient equally, 1/size², over its window.
/// </summary>
/// <remarks>Introduced in notebook day 16.</remarks>
public sealed class AvgPool2d
{
    private ImageBatch? _input;

    /// <summary>Stores the window size and stride (default: the window size).</summary>
    public AvgPool2d(int size = 2, int? stride = null)
    {
        Size = size;
        Stride = stride ?? size;
    }

    /// <summary>The window side.</summary>
    public int Size { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The mean of each window.</summary>
    /// <param name="x">Shape (batch, channels, height, width).</param>
    public ImageBatch Forward(ImageBatch x)
    {
        _input = x;
        var output = Output(x);
        Visit(x, output, (o, index) => output.Data[o] += x.Data[index] / (Size * Size));
        return output;
    }

    /// <summary>∂L/∂x: each output's gradient divided equally over its window.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape <see cref="Forward"/> returned.</exception>
    public ImageBatch Backward(ImageBatch outputGradient)
    {
        ImageBatch x = _input ?? throw new InvalidOperationException($"AvgPool2d: call {nameof(Forward)} before {nameof(Backward)}.");
        Require.Shape("AvgPool2d", nameof(outputGradient), outputGradient.Shape, Output(x).Shape, "the shape Forward returned");
        var inputGradient = x.ZerosLike();
        Visit(x, outputGradient, (o, index) => inputGradient.Data[index] += outputGradient.Data[o] / (Size * Size));
        return inputGradient;
    }

    private ImageBatch Output(ImageBatch x) =>
        new(x.Batch, x.Channels, ConvShape.OutputSize(x.Height, Size, 0, Stride), ConvShape.OutputSize(x.Width, Size, 0, Stride));

    // Calls visit(output index, input index) for every input pixel of every window.
    private void Visit(ImageBatch x, ImageBatch output, Action<int, int> visit)
    {
        int o = 0;
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Channels; c++)
            {
                for (int oy = 0; oy < output.Height; oy++)
                {
                    for (int ox = 0; ox < output.Width; ox++, o++)
                    {
                        for (int i = 0; i < Size; i++)
                        {
                            for (int j = 0; j < Size; j++)
                            {
                                visit(o, ((n * x.Channels + c) * x.Height + oy * Stride + i) * x.Width + ox * Stride + j);
                            }
                        }
                    }
                }
            }
        }
    }
}
