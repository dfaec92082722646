using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// The fast path of <see cref="Conv2d"/>: im2col. Each output position's receptive field becomes
/// one column of a (c_in·k_h·k_w, positions) matrix, so the convolution is one matrix product per
/// image (the library's <see cref="Gemm"/>) and the backward pass is two more plus a scatter-add
/// (col2im). Buffers are allocated per call, never per element. The same numbers as the readable
/// <see cref="Forward"/> and <see cref="Backward"/> in <c>Conv2d.cs</c>, checked by a test.
/// </summary>
public sealed partial class Conv2d
{
    private int PatchSize => ChannelsIn * Weights.Height * Weights.Width;   // K

    /// <summary>z = conv(x, W) + b by im2col (the same numbers as <see cref="Forward"/>).</summary>
    /// <param name="x">Shape (batch, c_in, height, width).</param>
    /// <returns>x and z, z of shape <see cref="OutputShape"/>.</returns>
    /// <exception cref="ArgumentException">Wrong channel count, or a kernel larger than the padded input.</exception>
    public Conv2dPass ForwardFast(ImageBatch x) => new(x, ForwardIm2Col(x, OutputShape(x)));

    /// <summary>Back-propagates ∂L/∂z by im2col (the same numbers as <see cref="Backward"/>).</summary>
    /// <param name="pass">What <see cref="ForwardFast"/> or <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂z, the shape of <paramref name="pass"/>'s output.</param>
    /// <returns>∂L/∂W (filters, c_in, k_h, k_w), ∂L/∂b (filters,) and ∂L/∂x (the input's shape).</returns>
    /// <exception cref="ArgumentException">The gradient's shape is not the output's, or the pass is not from a layer of
    /// this shape.</exception>
    public Conv2dGradients BackwardFast(Conv2dPass pass, ImageBatch outputGradient)
    {
        CheckGradient(pass, outputGradient);
        return BackwardIm2Col(pass.Input, outputGradient);
    }

    private ImageBatch ForwardIm2Col(ImageBatch x, long[] shape)
    {
        int outH = (int)shape[2], outW = (int)shape[3];
        int positions = outH * outW;   // at most an ImageBatch's elements: no overflow
        var output = new ImageBatch(x.Batch, Filters, outH, outW);
        // one image's im2col matrix (K, P), reused
        var columns = new double[Require.ElementCount("Conv2d", "x", PatchSize, positions)];
        for (int n = 0; n < x.Batch; n++)
        {
            Im2Col(x, n, outH, outW, columns);
            int offset = n * Filters * positions;
            // z_n (filters, P) = W (filters, K) · cols (K, P), written straight into the output batch.
            Gemm.MultiplyFast(new Operand(Weights.Data, 0), new Operand(columns, 0),
                new Operand(output.Data, offset), Filters, PatchSize, positions);
            for (int o = 0; o < Filters; o++)
            {
                foreach (ref double z in output.Data.AsSpan(offset + o * positions, positions))
                {
                    z += Bias[o];
                }
            }
        }
        return output;
    }

    private Conv2dGradients BackwardIm2Col(ImageBatch x, ImageBatch outputGradient)
    {
        int positions = outputGradient.Height * outputGradient.Width;
        var inputGradient = x.ZerosLike();
        var weightGradient = Weights.ZerosLike();
        var biasGradient = new double[Filters];
        double[] weightsT = Transpose(Weights.Data, Filters, PatchSize);          // Wᵀ (K, filters)
        double[] gradientT = new double[positions * Filters];                    // (∂L/∂z_n)ᵀ (P, filters)
        double[] perImage = new double[PatchSize * Filters];                     // (K, filters)
        double[] weightGradientT = new double[PatchSize * Filters];
        double[] columns = new double[PatchSize * positions];                    // (K, P)
        double[] columnGradient = new double[PatchSize * positions];             // (K, P)
        for (int n = 0; n < x.Batch; n++)
        {
            int offset = n * Filters * positions;   // ∂L/∂z_n is the row-major (filters, P) slice here
            TransposeInto(outputGradient.Data, offset, Filters, positions, gradientT);
            // rebuilt, not cached: cheaper than keeping the batch's
            Im2Col(x, n, outputGradient.Height, outputGradient.Width, columns);
            // ∂L/∂Wᵀ += cols · (∂L/∂z)ᵀ
            Gemm.MultiplyFast(columns, gradientT, perImage, PatchSize, positions, Filters);
            for (int i = 0; i < perImage.Length; i++)
            {
                weightGradientT[i] += perImage[i];
            }
            Gemm.MultiplyFast(new Operand(weightsT, 0),
                new Operand(outputGradient.Data, offset), new Operand(columnGradient, 0),
                PatchSize, Filters, positions);                                   // ∂L/∂cols = Wᵀ · ∂L/∂z
            Col2Im(columnGradient, inputGradient, n, outputGradient.Height, outputGradient.Width);
            for (int o = 0; o < Filters; o++)
            {
                foreach (double g in outputGradient.Data.AsSpan(offset + o * positions, positions))
                {
                    biasGradient[o] += g;   // ∂L/∂b = Σ ∂L/∂z
                }
            }
        }
        TransposeInto(weightGradientT, 0, PatchSize, Filters, weightGradient.Data);
        return new Conv2dGradients(weightGradient, biasGradient, inputGradient);
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
    // (y, ox·s_w − p_w + j) lies inside the image is one call visitor.Run(first im2col entry, first
    // input pixel within the image, length, stride) — padding is skipped, which leaves zeros in
    // Im2Col and adds nothing in Col2Im. The visitor is a struct, so the JIT compiles one loop per
    // visitor with the run inlined; with stride 1 a run is a contiguous copy.
    private void ForEachTap<TVisitor>(int height, int width, int outH, int outW, ref TVisitor visitor)
        where TVisitor : struct, ITapVisitor
    {
        int kh = Weights.Height, kw = Weights.Width;
        (int sh, int sw) = Stride;
        (int ph, int pw) = Padding;
        int positions = outH * outW;
        for (int c = 0; c < ChannelsIn; c++)
        {
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    int column = ((c * kh + i) * kw + j) * positions;
                    int first = Math.Max(0, (int)Math.Ceiling((pw - j) / (double)sw));   // smallest ox with x ≥ 0
                    // largest ox with x < width
                    int last = Math.Min(outW - 1, (int)Math.Floor((width - 1 + pw - j) / (double)sw));
                    if (last < first)
                    {
                        continue;
                    }
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int y = oy * sh - ph + i;
                        if (y >= 0 && y < height)
                        {
                            visitor.Run(column + oy * outW + first,
                                (c * height + y) * width + first * sw - pw + j, last - first + 1, sw);
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
