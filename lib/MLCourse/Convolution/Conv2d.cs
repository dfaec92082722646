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
    private double[][]? _columns;    // per image, the im2col matrix, row-major (K, P)

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
        _columns = new double[x.Batch][];
        for (int n = 0; n < x.Batch; n++)
        {
            _columns[n] = Im2Col(x, n, outH, outW);
            int offset = n * Filters * positions;
            // z_n (filters, P) = W (filters, K) · cols (K, P), written straight into the output batch.
            Gemm.Multiply(new Operand(Weights.Data, 0), new Operand(_columns[n], 0), new Operand(output.Data, offset), Filters, PatchSize, positions);
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
    public ImageBatch Backward(ImageBatch outputGradient)
    {
        ImageBatch x = _input ?? throw new InvalidOperationException($"{Component}: call {nameof(Forward)} before {nameof(Backward)}.");
        int positions = outputGradient.Height * outputGradient.Width;
        var inputGradient = x.ZerosLike();
        double[] weightsT = Transpose(Weights.Data, Filters, PatchSize);          // Wᵀ (K, filters)
        double[] gradientT = new double[positions * Filters];                    // (∂L/∂z_n)ᵀ (P, filters)
        double[] perImage = new double[PatchSize * Filters];                     // (K, filters)
        double[] weightGradientT = new double[PatchSize * Filters];
        double[] columnGradient = new double[PatchSize * positions];             // (K, P)
        Array.Clear(BiasGradient);
        for (int n = 0; n < x.Batch; n++)
        {
            int offset = n * Filters * positions;                                // ∂L/∂z_n is the row-major (filters, P) slice here
            TransposeInto(outputGradient.Data, offset, Filters, positions, gradientT);
            Gemm.Multiply(_columns![n], gradientT, perImage, PatchSize, positions, Filters);   // ∂L/∂Wᵀ += cols · (∂L/∂z)ᵀ
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
    private double[] Im2Col(ImageBatch x, int n, int outH, int outW)
    {
        var gather = new Gather(x.Data, n * ChannelsIn * x.Height * x.Width, new double[PatchSize * outH * outW]);
        ForEachTap(x.Height, x.Width, outH, outW, ref gather);
        return gather.Columns;
    }

    // The adjoint of Im2Col: each entry is added back to the input pixel it was copied from.
    private void Col2Im(double[] columns, ImageBatch gradient, int n, int outH, int outW)
    {
        var scatter = new Scatter(columns, gradient.Data, n * ChannelsIn * gradient.Height * gradient.Width);
        ForEachTap(gradient.Height, gradient.Width, outH, outW, ref scatter);
    }

    // Calls visit(row offset of tap (c, i, j) in the (K, P) matrix, offset of the input pixel within
    // the image, output position p) for every tap and position whose pixel lies inside the image —
    // padding is skipped, which leaves zeros in Im2Col and adds nothing in Col2Im. The visitor is a
    // struct, so the JIT compiles one loop per visitor with the visit inlined.
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
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * Stride - Padding + i;
                        if (y < 0 || y >= height)
                        {
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++)
                        {
                            int xx = ox * Stride - Padding + j;
                            if (xx >= 0 && xx < width)
                            {
                                visitor.Visit(column + oy * outW + ox, (c * height + y) * width + xx);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// <summary>What <c>Conv2d</c> does at each (im2col entry, input pixel) pair.</summary>
internal interface ITapVisitor
{
    /// <summary>Visits im2col entry <paramref name="entry"/> and the input pixel at <paramref name="pixel"/> within the image.</summary>
    void Visit(int entry, int pixel);
}

/// <summary>Im2col: copies each input pixel into its entries.</summary>
internal struct Gather(double[] input, int imageOffset, double[] columns) : ITapVisitor
{
    public readonly double[] Columns => columns;

    public readonly void Visit(int entry, int pixel) => columns[entry] = input[imageOffset + pixel];
}

/// <summary>Col2im: adds each entry's gradient back to its input pixel.</summary>
internal struct Scatter(double[] columns, double[] gradient, int imageOffset) : ITapVisitor
{
    public readonly void Visit(int entry, int pixel) => gradient[imageOffset + pixel] += columns[entry];
}
