using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// A 2-D convolution layer from scratch — cross-correlation, as deep learning uses the word, like
/// TorchSharp's <c>nn.Conv2d</c>: z[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] ·
/// input[n, c, y·s − p + i, x·s − p + j], with zeros outside the input (padding).
/// </summary>
/// <remarks>
/// Forward and backward use im2col: each output position's receptive field becomes one column of
/// a (c_in·f·f, positions) matrix, so the convolution is one matrix product per image (the
/// library's <see cref="Gemm"/>) and the backward pass is two more plus a scatter-add (col2im).
/// Buffers are allocated per call, never per element. The backward pass is the notes' convolution backprop:
/// ∂L/∂W = Σ over positions of ∂L/∂z · patch, ∂L/∂b = Σ ∂L/∂z, and ∂L/∂x adds each patch's
/// gradient back where the patch came from. Introduced in notebook day 15; day 17 trains with it.
/// </remarks>
public sealed class Conv2d
{
    private const string Component = "Conv2d";
    private ImageBatch? _input;      // cached by Forward for Backward

    /// <summary>Creates a layer with zero weights and bias; fill <see cref="Weights"/> and <see cref="Bias"/> before use.</summary>
    /// <param name="channelsIn">Input channels c_in ≥ 1.</param>
    /// <param name="filters">Output channels, one per filter, ≥ 1.</param>
    /// <param name="kernelSize">Filter side f ≥ 1.</param>
    /// <param name="stride">Stride s ≥ 1.</param>
    /// <param name="padding">Zero padding p ≥ 0 on every side.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public Conv2d(int channelsIn, int filters, int kernelSize, int stride = 1, int padding = 0)
    {
        if (stride < 1 || padding < 0)
        {
            throw ErrorMessage.OutOfRange(Component, stride < 1 ? nameof(stride) : nameof(padding), stride < 1 ? "at least 1" : "at least 0", stride < 1 ? stride : padding);
        }
        Weights = new ImageBatch(filters, channelsIn, kernelSize, kernelSize);
        Bias = new double[filters];
        WeightGradient = Weights.ZerosLike();
        BiasGradient = new double[filters];
        Stride = stride;
        Padding = padding;
    }

    /// <summary>The filters, shape (filters, c_in, f, f) — TorchSharp's <c>weight</c> layout.</summary>
    public ImageBatch Weights { get; }

    /// <summary>One bias per filter.</summary>
    public double[] Bias { get; }

    /// <summary>∂L/∂W from the last <see cref="Backward"/>, shape of <see cref="Weights"/>.</summary>
    public ImageBatch WeightGradient { get; }

    /// <summary>∂L/∂b from the last <see cref="Backward"/>.</summary>
    public double[] BiasGradient { get; }

    /// <summary>The stride s.</summary>
    public int Stride { get; }

    /// <summary>The zero padding p on each side.</summary>
    public int Padding { get; }

    private int Filters => Weights.Batch;
    private int ChannelsIn => Weights.Channels;
    private int KernelSize => Weights.Height;
    private int PatchSize => ChannelsIn * KernelSize * KernelSize;   // K

    /// <summary>z = conv(x, W) + b, caching x for <see cref="Backward"/>.</summary>
    /// <param name="x">Shape (batch, c_in, height, width).</param>
    /// <returns>Shape (batch, filters, ⌊(h + 2p − f)/s⌋ + 1, ⌊(w + 2p − f)/s⌋ + 1).</returns>
    /// <exception cref="ArgumentException">Wrong channel count, or a filter larger than the padded input.</exception>
    public ImageBatch Forward(ImageBatch x)
    {
        if (x.Channels != ChannelsIn)
        {
            throw ErrorMessage.Shape(Component, nameof(x), $"(batch, {ChannelsIn}, height, width)", ErrorMessage.FormatShape(x.Shape));
        }
        int outH = ConvShape.OutputSize(x.Height, KernelSize, Padding, Stride);
        int outW = ConvShape.OutputSize(x.Width, KernelSize, Padding, Stride);
        int positions = outH * outW;
        var output = new ImageBatch(x.Batch, Filters, outH, outW);
        var columns = new double[PatchSize * positions];   // one image's im2col matrix (K, P), reused
        for (int n = 0; n < x.Batch; n++)
        {
            Im2Col(x, n, outH, outW, columns);
            int offset = n * Filters * positions;
            // z_n (filters, P) = W (filters, K) · cols (K, P), written straight into the output batch.
            Gemm.Multiply(new Operand(Weights.Data, 0), new Operand(columns, 0), new Operand(output.Data, offset), Filters, PatchSize, positions);
            for (int o = 0; o < Filters; o++)
            {
                foreach (ref double z in output.Data.AsSpan(offset + o * positions, positions))
                {
                    z += Bias[o];
                }
            }
        }
        _input = x;
        return output;
    }

    /// <summary>Back-propagates ∂L/∂z: sets <see cref="WeightGradient"/> and <see cref="BiasGradient"/> and returns ∂L/∂x.</summary>
    /// <param name="outputGradient">∂L/∂z, the shape <see cref="Forward"/> returned.</param>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> does not have the shape <see cref="Forward"/> returned.</exception>
    public ImageBatch Backward(ImageBatch outputGradient)
    {
        ImageBatch x = _input ?? throw new InvalidOperationException($"{Component}: call {nameof(Forward)} before {nameof(Backward)}.");
        long[] expected = [x.Batch, Filters, ConvShape.OutputSize(x.Height, KernelSize, Padding, Stride), ConvShape.OutputSize(x.Width, KernelSize, Padding, Stride)];
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape, expected, "the shape Forward returned");
        int positions = outputGradient.Height * outputGradient.Width;
        var inputGradient = x.ZerosLike();
        double[] weightsT = Transpose(Weights.Data, Filters, PatchSize);          // Wᵀ (K, filters)
        double[] gradientT = new double[positions * Filters];                    // (∂L/∂z_n)ᵀ (P, filters)
        double[] perImage = new double[PatchSize * Filters];                     // (K, filters)
        double[] weightGradientT = new double[PatchSize * Filters];
        double[] columns = new double[PatchSize * positions];                    // (K, P)
        double[] columnGradient = new double[PatchSize * positions];             // (K, P)
        Array.Clear(BiasGradient);
        for (int n = 0; n < x.Batch; n++)
        {
            int offset = n * Filters * positions;                                // ∂L/∂z_n is the row-major (filters, P) slice here
            TransposeInto(outputGradient.Data, offset, Filters, positions, gradientT);
            Im2Col(x, n, outputGradient.Height, outputGradient.Width, columns);                // rebuilt, not cached: cheaper than keeping the batch's
            Gemm.Multiply(columns, gradientT, perImage, PatchSize, positions, Filters);   // ∂L/∂Wᵀ += cols · (∂L/∂z)ᵀ
            for (int i = 0; i < perImage.Length; i++)
            {
                weightGradientT[i] += perImage[i];
            }
            Gemm.Multiply(new Operand(weightsT, 0), new Operand(outputGradient.Data, offset), new Operand(columnGradient, 0),
                PatchSize, Filters, positions);                                   // ∂L/∂cols = Wᵀ · ∂L/∂z
            Col2Im(columnGradient, inputGradient, n, outputGradient.Height, outputGradient.Width);
            for (int o = 0; o < Filters; o++)
            {
                foreach (double g in outputGradient.Data.AsSpan(offset + o * positions, positions))
                {
                    BiasGradient[o] += g;   // ∂L/∂b = Σ ∂L/∂z
                }
            }
        }
        TransposeInto(weightGradientT, 0, PatchSize, Filters, WeightGradient.Data);
        return inputGradient;
    }

    private static double[] Transpose(double[] values, int rows, int columns)
    {
        var transposed = new double[rows * columns];
        TransposeInto(values, 0, rows, columns, transposed);
        return transposed;
    }

    // target (columns, rows) = source[offset ..] (rows, columns)ᵀ, both row-major.
    private static void TransposeInto(double[] source, int offset, int rows, int columns, double[] target)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                target[c * rows + r] = source[offset + r * columns + c];
            }
        }
    }

    // Row (c, i, j) of the (K, P) matrix holds, for every output position p = (oy, ox), the input
    // pixel that filter tap (c, i, j) sees there; zeros for padding. Rows are filled along p, so the
    // writes are contiguous.
    private void Im2Col(ImageBatch x, int n, int outH, int outW, double[] columns)
    {
        Array.Clear(columns);   // padding stays zero
        var gather = new Gather(x.Data, n * ChannelsIn * x.Height * x.Width, columns);
        ForEachTap(x.Height, x.Width, outH, outW, ref gather);
    }

    // The adjoint of Im2Col: each entry is added back to the input pixel it was copied from.
    private void Col2Im(double[] columns, ImageBatch gradient, int n, int outH, int outW)
    {
        var scatter = new Scatter(columns, gradient.Data, n * ChannelsIn * gradient.Height * gradient.Width);
        ForEachTap(gradient.Height, gradient.Width, outH, outW, ref scatter);
    }

    // For every tap (c, i, j) and output row oy, the run of output columns ox whose input pixel
    // (y, ox·s − p + j) lies inside the image is one call visitor.Run(first im2col entry, first input
    // pixel within the image, length, stride) — padding is skipped, which leaves zeros in Im2Col and
    // adds nothing in Col2Im. The visitor is a struct, so the JIT compiles one loop per visitor with
    // the run inlined; with stride 1 a run is a contiguous copy.
    private void ForEachTap<TVisitor>(int height, int width, int outH, int outW, ref TVisitor visitor) where TVisitor : struct, ITapVisitor
    {
        int f = KernelSize;
        int positions = outH * outW;
        for (int c = 0; c < ChannelsIn; c++)
        {
            for (int i = 0; i < f; i++)
            {
                for (int j = 0; j < f; j++)
                {
                    int column = ((c * f + i) * f + j) * positions;
                    int first = Math.Max(0, (int)Math.Ceiling((Padding - j) / (double)Stride));             // smallest ox with x ≥ 0
                    int last = Math.Min(outW - 1, (int)Math.Floor((width - 1 + Padding - j) / (double)Stride));   // largest ox with x < width
                    if (last < first)
                    {
                        continue;
                    }
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * Stride - Padding + i;
                        if (y >= 0 && y < height)
                        {
                            visitor.Run(column + oy * outW + first, (c * height + y) * width + first * Stride - Padding + j, last - first + 1, Stride);
                        }
                    }
                }
            }
        }
    }
}

/// <summary>What <c>Conv2d</c> does along a run of im2col entries and the input pixels they hold.</summary>
internal interface ITapVisitor
{
    /// <summary>
    /// Entries entry … entry + length − 1 (consecutive) go with input pixels pixel, pixel + stride, …
    /// (offsets within the image).
    /// </summary>
    void Run(int entry, int pixel, int length, int stride);
}

/// <summary>Im2col: copies the input pixels into their entries.</summary>
internal readonly struct Gather(double[] input, int imageOffset, double[] columns) : ITapVisitor
{
    public void Run(int entry, int pixel, int length, int stride)
    {
        if (stride == 1)
        {
            input.AsSpan(imageOffset + pixel, length).CopyTo(columns.AsSpan(entry, length));
            return;
        }
        for (int k = 0; k < length; k++)
        {
            columns[entry + k] = input[imageOffset + pixel + k * stride];
        }
    }
}

/// <summary>Col2im: adds each entry's gradient back to its input pixel.</summary>
internal readonly struct Scatter(double[] columns, double[] gradient, int imageOffset) : ITapVisitor
{
    public void Run(int entry, int pixel, int length, int stride)
    {
        for (int k = 0; k < length; k++)
        {
            gradient[imageOffset + pixel + k * stride] += columns[entry + k];
        }
    }
}
