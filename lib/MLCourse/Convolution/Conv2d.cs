using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Convolution;

/// <summary>
/// A 2-D convolution layer from scratch — cross-correlation, as deep learning uses the word, like
/// TorchSharp's <c>nn.Conv2d</c>: z[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] ·
/// input[n, c, y·s − p + i, x·s − p + j], with zeros outside the input (padding).
/// </summary>
/// <remarks>
/// Forward and backward use im2col: each output position's receptive field becomes one column of
/// a (c_in·f·f, positions) matrix, so the convolution is one matrix product per image (MathNet's
/// blocked multiply) and the backward pass is two more plus a scatter-add (col2im). Buffers are
/// allocated per call, never per element. The backward pass is the notes' convolution backprop:
/// ∂L/∂W = Σ over positions of ∂L/∂z · patch, ∂L/∂b = Σ ∂L/∂z, and ∂L/∂x adds each patch's
/// gradient back where the patch came from. Introduced in notebook day 15; day 17 trains with it.
/// </remarks>
public sealed class Conv2d
{
    private const string Component = "Conv2d";
    private ImageBatch? _input;      // cached by Forward for Backward
    private double[][]? _columns;    // per image, the im2col matrix, column-major (K, P)

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
        var weightsT = Matrix<double>.Build.Dense(PatchSize, Filters, Weights.Data);   // Wᵀ (K, filters): wraps the row-major weights
        var product = Matrix<double>.Build.Dense(positions, Filters);                  // (P, filters), column-major = row-major (filters, P)
        var productData = product.AsColumnMajorArray();
        _columns = new double[x.Batch][];
        for (int n = 0; n < x.Batch; n++)
        {
            _columns[n] = Im2Col(x, n, outH, outW);
            Matrix<double>.Build.Dense(PatchSize, positions, _columns[n]).TransposeThisAndMultiply(weightsT, product);   // colsᵀ·Wᵀ = (W·cols)ᵀ
            for (int o = 0; o < Filters; o++)
            {
                int offset = (n * Filters + o) * positions;
                for (int p = 0; p < positions; p++)
                {
                    output.Data[offset + p] = productData[o * positions + p] + Bias[o];
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
        var weightsT = Matrix<double>.Build.Dense(PatchSize, Filters, Weights.Data);
        var weightGradientT = Matrix<double>.Build.Dense(PatchSize, Filters);
        var perImage = Matrix<double>.Build.Dense(PatchSize, Filters);
        var columnGradient = Matrix<double>.Build.Dense(PatchSize, positions);
        Array.Clear(BiasGradient);
        for (int n = 0; n < x.Batch; n++)
        {
            // ∂L/∂z of image n as (P, filters), column-major — the row-major (filters, P) slice itself.
            var gradientT = Matrix<double>.Build.Dense(positions, Filters, outputGradient.Data[(n * Filters * positions)..((n + 1) * Filters * positions)]);
            var columns = Matrix<double>.Build.Dense(PatchSize, positions, _columns![n]);
            columns.Multiply(gradientT, perImage);        // ∂L/∂Wᵀ += cols · (∂L/∂z)ᵀ
            weightGradientT.Add(perImage, weightGradientT);
            weightsT.TransposeAndMultiply(gradientT, columnGradient);   // ∂L/∂cols = Wᵀ · ∂L/∂z
            Col2Im(columnGradient.AsColumnMajorArray(), inputGradient, n, outputGradient.Height, outputGradient.Width);
            for (int o = 0; o < Filters; o++)
            {
                for (int p = 0; p < positions; p++)
                {
                    BiasGradient[o] += outputGradient.Data[(n * Filters + o) * positions + p];   // ∂L/∂b = Σ ∂L/∂z
                }
            }
        }
        Array.Copy(weightGradientT.AsColumnMajorArray(), WeightGradient.Data, WeightGradient.Data.Length);
        return inputGradient;
    }

    // Column p holds the receptive field of output position p, in (c, i, j) order; zeros for padding.
    private double[] Im2Col(ImageBatch x, int n, int outH, int outW)
    {
        int f = KernelSize;
        var columns = new double[PatchSize * outH * outW];
        int index = 0;
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                for (int c = 0; c < ChannelsIn; c++)
                {
                    for (int i = 0; i < f; i++)
                    {
                        int y = oy * Stride - Padding + i;
                        for (int j = 0; j < f; j++, index++)
                        {
                            int xx = ox * Stride - Padding + j;
                            columns[index] = y >= 0 && y < x.Height && xx >= 0 && xx < x.Width ? x[n, c, y, xx] : 0;
                        }
                    }
                }
            }
        }
        return columns;
    }

    // The adjoint of Im2Col: each column entry is added back to the input pixel it was copied from.
    private void Col2Im(double[] columns, ImageBatch gradient, int n, int outH, int outW)
    {
        int f = KernelSize;
        int index = 0;
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                for (int c = 0; c < ChannelsIn; c++)
                {
                    for (int i = 0; i < f; i++)
                    {
                        int y = oy * Stride - Padding + i;
                        for (int j = 0; j < f; j++, index++)
                        {
                            int xx = ox * Stride - Padding + j;
                            if (y >= 0 && y < gradient.Height && xx >= 0 && xx < gradient.Width)
                            {
                                gradient[n, c, y, xx] += columns[index];
                            }
                        }
                    }
                }
            }
        }
    }
}
