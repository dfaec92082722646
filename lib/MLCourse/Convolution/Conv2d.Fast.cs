using System.Buffers;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Convolution;

/// <summary>
/// The fast path of <see cref="Conv2d"/>. With stride 1 it convolves straight from the zero-padded
/// image with SIMD (<see cref="DirectConvolution"/>): each filter tap is a contiguous run of the
/// input row, four filters share every load, and nothing of the size of the batch is built besides
/// the results. The backward pass is two more such passes: ∂L/∂W correlates the image with ∂L/∂z,
/// and ∂L/∂x is a convolution of ∂L/∂z, padded by k − 1 − p, with the filters flipped and the
/// channel axes swapped (each input pixel gathers from every output that saw it). Other strides,
/// and rows narrower than one SIMD vector, go through im2col: each output position's receptive field
/// becomes one column of a (c_in·k_h·k_w, positions) matrix, so the convolution is one matrix
/// product per image (the library's <see cref="Gemm"/>) and the backward pass is two more plus a
/// scatter-add (col2im). The same numbers as the readable <see cref="Forward"/> and
/// <see cref="Backward"/> in <c>Conv2d.cs</c>, up to rounding, checked by tests.
/// </summary>
public sealed partial class Conv2d
{
    private int PatchSize => ChannelsIn * Weights.Height * Weights.Width;   // K

    /// <summary>z = conv(x, W) + b, fast (the same numbers as <see cref="Forward"/>).</summary>
    /// <param name="x">Shape (batch, c_in, height, width).</param>
    /// <returns>x and z, z of shape <see cref="OutputShape"/>.</returns>
    /// <exception cref="ArgumentException">Wrong channel count, or a kernel larger than the padded input.</exception>
    /// <remarks>The output's array is not zeroed (every value is written) and is a released result's when one
    /// of its size was disposed (<see cref="ImageBatch.Dispose"/>): disposing z when done with it, as one disposes
    /// a TorchSharp tensor, spares the garbage collector a multi-megabyte array per call.</remarks>
    public Conv2dPass ForwardFast(ImageBatch x)
    {
        long[] shape = OutputShape(x);
        var output = ImageBatch.RentUninitialized(x.Batch, Filters, (int)shape[2], (int)shape[3]);
        return ForwardFast(x, output);
    }

    /// <summary>
    /// z = conv(x, W) + b written into <paramref name="output"/>, whose values are all replaced — for a caller
    /// that reuses one buffer from step to step instead of a new array per call (what TorchSharp's allocator does
    /// for its results). The same numbers as <see cref="ForwardFast(ImageBatch)"/>.
    /// </summary>
    /// <param name="x">Shape (batch, c_in, height, width).</param>
    /// <param name="output">Shape <see cref="OutputShape"/>; overwritten.</param>
    /// <returns>x and z (the same object as <paramref name="output"/>).</returns>
    /// <exception cref="ArgumentException">Wrong channel count, a kernel larger than the padded input, or an
    /// output of another shape.</exception>
    public Conv2dPass ForwardFast(ImageBatch x, ImageBatch output)
    {
        long[] shape = OutputShape(x);
        Require.Shape(Component, nameof(output), output.Shape, shape, "the shape OutputShape(x) gives");
        if (Direct(output.Width, x.Width))
        {
            ForwardDirect(x, output);
        }
        else
        {
            ForwardIm2Col(x, output);
        }
        return new(x, output);
    }

    /// <summary>Back-propagates ∂L/∂z, fast (the same numbers as <see cref="Backward"/>).</summary>
    /// <param name="pass">What <see cref="ForwardFast(ImageBatch)"/> or <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂z, the shape of <paramref name="pass"/>'s output.</param>
    /// <returns>∂L/∂W (filters, c_in, k_h, k_w), ∂L/∂b (filters,) and ∂L/∂x (the input's shape).</returns>
    /// <exception cref="ArgumentException">The gradient's shape is not the output's, or the pass is not from a layer of
    /// this shape.</exception>
    public Conv2dGradients BackwardFast(Conv2dPass pass, ImageBatch outputGradient)
    {
        CheckGradient(pass, outputGradient);
        return Direct(outputGradient.Width, pass.Input.Width) ? BackwardDirect(pass.Input, outputGradient)
            : BackwardIm2Col(pass.Input, outputGradient);
    }

    // The direct kernels need stride 1 and output rows (and, backward, input rows) of at least one vector.
    private bool Direct(int outW, int width) =>
        Stride == (1, 1) && Math.Min(outW, width) >= System.Numerics.Vector<double>.Count;

    private void ForwardDirect(ImageBatch x, ImageBatch output)
    {
        int outH = output.Height, outW = output.Width;
        (int ph, int pw) = Padding;
        int hp = x.Height + 2 * ph, wp = x.Width + 2 * pw;
        int paddedSize = ChannelsIn * hp * wp;
        int outSize = Filters * outH * outW;
        int[] taps = DirectConvolution.Taps(ChannelsIn, Weights.Height, Weights.Width, hp, wp);
        bool padded = (ph, pw) != (0, 0);
        double[] buffer = padded ? ArrayPool<double>.Shared.Rent(paddedSize) : [];
        try
        {
            for (int n = 0; n < x.Batch; n++)
            {
                ReadOnlySpan<double> image = PaddedImage(x, n, buffer);
                DirectConvolution.Forward(image, wp, taps, Weights.Data, Bias, Filters,
                    output.Data.AsSpan(n * outSize, outSize), outH, outW);
            }
        }
        finally
        {
            if (padded)
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }
    }

    // Image n of x, zero-padded into buffer when the layer pads (a view of x's data when it does not).
    private ReadOnlySpan<double> PaddedImage(ImageBatch x, int n, double[] buffer)
    {
        int imageSize = ChannelsIn * x.Height * x.Width;
        ReadOnlySpan<double> image = x.Data.AsSpan(n * imageSize, imageSize);
        (int ph, int pw) = Padding;
        if ((ph, pw) == (0, 0))
        {
            return image;
        }
        DirectConvolution.Pad(image, ChannelsIn, x.Height, x.Width, ph, pw, buffer);
        return buffer.AsSpan(0, ChannelsIn * (x.Height + 2 * ph) * (x.Width + 2 * pw));
    }

    private Conv2dGradients BackwardDirect(ImageBatch x, ImageBatch outputGradient)
    {
        int kh = Weights.Height, kw = Weights.Width, outH = outputGradient.Height, outW = outputGradient.Width;
        (int ph, int pw) = Padding;
        int hp = x.Height + 2 * ph, wp = x.Width + 2 * pw;
        int imageSize = ChannelsIn * x.Height * x.Width, paddedSize = ChannelsIn * hp * wp;
        int outSize = Filters * outH * outW;
        // ∂L/∂x[c, y, x] = Σ_o Σ_i Σ_j ∂L/∂z[o, y + p_h − i, x + p_w − j] · W[o, c, i, j]: a stride-1 convolution
        // of ∂L/∂z padded by (k_h − 1 − p_h, k_w − 1 − p_w) with W[o, c, k_h − 1 − i, k_w − 1 − j] as filter c.
        int gph = kh - 1 - ph, gpw = kw - 1 - pw;
        int ghp = outH + 2 * gph, gwp = outW + 2 * gpw, paddedGradientSize = Filters * ghp * gwp;
        double[] flipped = new double[ChannelsIn * Filters * kh * kw];
        for (int o = 0; o < Filters; o++)
        for (int c = 0; c < ChannelsIn; c++)
        for (int i = 0; i < kh; i++)
        for (int j = 0; j < kw; j++)
        {
            flipped[((c * Filters + o) * kh + kh - 1 - i) * kw + kw - 1 - j] = Weights[o, c, i, j];
        }
        int[] taps = DirectConvolution.Taps(ChannelsIn, kh, kw, hp, wp);
        int[] gradientTaps = DirectConvolution.Taps(Filters, kh, kw, ghp, gwp);
        var weightGradient = Weights.ZerosLike();
        var biasGradient = new double[Filters];
        var inputGradient = new ImageBatch(x.Batch, ChannelsIn, x.Height, x.Width,
            GC.AllocateUninitializedArray<double>(x.Batch * imageSize));   // every value is written below
        bool padded = (ph, pw) != (0, 0);
        double[] buffer = padded ? ArrayPool<double>.Shared.Rent(paddedSize) : [];
        double[] gradientBuffer = ArrayPool<double>.Shared.Rent(paddedGradientSize);
        try
        {
            for (int n = 0; n < x.Batch; n++)
            {
                ReadOnlySpan<double> image = PaddedImage(x, n, buffer);
                ReadOnlySpan<double> gradient = outputGradient.Data.AsSpan(n * outSize, outSize);
                DirectConvolution.WeightGradient(image, wp, taps, gradient, Filters, outH, outW,
                    weightGradient.Data);                                                   // ∂L/∂W
                DirectConvolution.AddPlaneSums(gradient, Filters, outH * outW, biasGradient);    // ∂L/∂b = Σ ∂L/∂z
                DirectConvolution.Pad(gradient, Filters, outH, outW, gph, gpw, gradientBuffer);
                DirectConvolution.Forward(gradientBuffer.AsSpan(0, paddedGradientSize), gwp, gradientTaps, flipped,
                    [], ChannelsIn, inputGradient.Data.AsSpan(n * imageSize, imageSize), x.Height, x.Width);
            }
        }
        finally
        {
            if (padded)
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
            ArrayPool<double>.Shared.Return(gradientBuffer);
        }
        return new Conv2dGradients(weightGradient, biasGradient, inputGradient);
    }

    private void ForwardIm2Col(ImageBatch x, ImageBatch output)
    {
        int outH = output.Height, outW = output.Width;
        int positions = outH * outW;
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
