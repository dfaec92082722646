using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Convolution;

/// <summary>
/// A 2-D convolution layer from scratch — cross-correlation, as deep learning uses the word, like
/// TorchSharp's <c>nn.Conv2d</c>: z[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] ·
/// input[n, c, y·s_h − p_h + i, x·s_w − p_w + j], with zeros outside the input (padding).
/// Kernels may be rectangular (k_h × k_w), and stride and padding are given per axis.
/// </summary>
/// <remarks>
/// The contract of every hand-written layer: <see cref="Forward"/> returns a <see cref="Conv2dPass"/>
/// (the input and output, nothing kept in the layer), <see cref="Backward"/> takes that pass and
/// ∂L/∂z and returns <see cref="Conv2dGradients"/> (∂L/∂W, ∂L/∂b and ∂L/∂x), <see cref="Step"/>
/// applies them. This file holds the readable path, <see cref="Forward"/> and <see cref="Backward"/>:
/// the sliding-window sum above, written as the equation (the one notebook day 16 teaches).
/// <see cref="ForwardFast(ImageBatch)"/> and <see cref="BackwardFast"/> compute the same numbers faster with
/// im2col and a matrix product (<c>Conv2d.Fast.cs</c>); a test proves they agree. The backward pass is the notes'
/// convolution backprop: ∂L/∂W = Σ over positions of
/// ∂L/∂z · patch, ∂L/∂b = Σ ∂L/∂z, and ∂L/∂x adds each patch's gradient back where the patch came
/// from. Introduced in notebook day 16; day 18 trains with it.
/// </remarks>
public sealed partial class Conv2d
{
    private const string Component = "Conv2d";

    /// <summary>
    /// Creates a layer with square kernels and zero weights and bias; fill <see cref="Weights"/> and <see cref="Bias"/>
    /// before use (or use <see cref="FromWeights"/>).
    /// </summary>
    /// <param name="channelsIn">Input channels c_in ≥ 1.</param>
    /// <param name="filters">Output channels, one per filter, ≥ 1.</param>
    /// <param name="kernelSize">Filter side f ≥ 1 (an f × f kernel).</param>
    /// <param name="stride">Stride s ≥ 1 along both axes.</param>
    /// <param name="padding">Zero padding p ≥ 0 on every side.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public Conv2d(int channelsIn, int filters, int kernelSize, int stride = 1, int padding = 0)
        : this(channelsIn, filters, (kernelSize, kernelSize), (stride, stride), (padding, padding))
    {
    }

    /// <summary>
    /// Creates a layer with a k_h × k_w kernel, per-axis stride and padding, and zero weights and bias.
    /// </summary>
    /// <param name="channelsIn">Input channels c_in ≥ 1.</param>
    /// <param name="filters">Output channels, one per filter, ≥ 1.</param>
    /// <param name="kernelSize">(k_h, k_w), each ≥ 1.</param>
    /// <param name="stride">(s_h, s_w), each ≥ 1.</param>
    /// <param name="padding">(p_h, p_w), each ≥ 0: p_h zero rows above and below, p_w zero
    /// columns left and right.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public Conv2d(int channelsIn, int filters, (int Height, int Width) kernelSize,
        (int Height, int Width) stride, (int Height, int Width) padding)
    {
        if (channelsIn < 1 || filters < 1)
        {
            throw ErrorMessage.OutOfRange(Component, channelsIn < 1 ? nameof(channelsIn) : nameof(filters),
                "at least 1", channelsIn < 1 ? channelsIn : filters);
        }
        if (kernelSize.Height < 1 || kernelSize.Width < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(kernelSize), "at least 1 along each axis", kernelSize);
        }
        if (stride.Height < 1 || stride.Width < 1 || padding.Height < 0 || padding.Width < 0)
        {
            bool badStride = stride.Height < 1 || stride.Width < 1;
            throw ErrorMessage.OutOfRange(Component, badStride ? nameof(stride) : nameof(padding),
                badStride ? "at least 1" : "at least 0",
                badStride ? (stride.Height == stride.Width ? stride.Height : stride)
                    : (padding.Height == padding.Width ? padding.Height : padding));
        }
        Weights = new ImageBatch(filters, channelsIn, kernelSize.Height, kernelSize.Width);
        Bias = new double[filters];
        Stride = stride;
        Padding = padding;
    }

    /// <summary>Builds a layer from given filters and biases (copied, so the caller's arrays stay its own).</summary>
    /// <param name="weights">The filters, shape (filters, c_in, k_h, k_w).</param>
    /// <param name="bias">One bias per filter, shape (filters,).</param>
    /// <param name="stride">(s_h, s_w); default (1, 1).</param>
    /// <param name="padding">(p_h, p_w); default (0, 0).</param>
    /// <exception cref="ArgumentException"><paramref name="bias"/> does not have one value per filter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stride or padding out of range.</exception>
    public static Conv2d FromWeights(ImageBatch weights, double[] bias,
        (int Height, int Width)? stride = null, (int Height, int Width)? padding = null)
    {
        Require.NotNull(Component, nameof(weights), weights);
        Require.NotNull(Component, nameof(bias), bias);
        Require.Shape(Component, nameof(bias), [bias.Length], [weights.Batch], "one bias per filter");
        var layer = new Conv2d(weights.Channels, weights.Batch,
            (weights.Height, weights.Width), stride ?? (1, 1), padding ?? (0, 0));
        weights.Data.CopyTo(layer.Weights.Data, 0);
        bias.CopyTo(layer.Bias, 0);
        return layer;
    }

    /// <summary>The filters, shape (filters, c_in, k_h, k_w) — TorchSharp's <c>weight</c> layout.</summary>
    public ImageBatch Weights { get; }

    /// <summary>One bias per filter, shape (filters,).</summary>
    public double[] Bias { get; }

    /// <summary>
    /// The filters and biases by reference (entries <c>Weights</c>, <c>Bias</c>), to save a trained layer
    /// and load it into a new one of the same shape: <c>conv.StoredWeights().Save(path)</c>,
    /// <c>fresh.StoredWeights().Load(path)</c>, as every layer with weights.
    /// </summary>
    public Persistence.LayerWeights StoredWeights() =>
        new Persistence.LayerWeights().Add("Weights", Weights).Add("Bias", Bias);

    /// <summary>The kernel size (k_h, k_w).</summary>
    public (int Height, int Width) KernelSize => (Weights.Height, Weights.Width);

    /// <summary>The stride (s_h, s_w).</summary>
    public (int Height, int Width) Stride { get; }

    /// <summary>The zero padding (p_h, p_w) on each side.</summary>
    public (int Height, int Width) Padding { get; }

    private int Filters => Weights.Batch;
    private int ChannelsIn => Weights.Channels;

    /// <summary>
    /// The output shape for input <paramref name="x"/>: (batch, filters, ⌊(h + 2p_h − k_h)/s_h⌋ + 1, ⌊(w + 2p_w −
    /// k_w)/s_w⌋ + 1).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong channel count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel larger than the padded input.</exception>
    public long[] OutputShape(ImageBatch x)
    {
        Require.NotNull(Component, nameof(x), x);
        if (x.Channels != ChannelsIn)
        {
            throw ErrorMessage.Shape(Component, nameof(x),
                $"(batch, {ChannelsIn}, height, width)", ErrorMessage.FormatShape(x.Shape));
        }
        ConvShape.RequireWindowFits(Component, x, (Weights.Height, Weights.Width), Padding, "kernel");
        return [x.Batch, Filters, ConvShape.OutputSize(x.Height, Weights.Height, Padding.Height, Stride.Height),
            ConvShape.OutputSize(x.Width, Weights.Width, Padding.Width, Stride.Width)];
    }

    /// <summary>
    /// z = conv(x, W) + b as the equation: z[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] ·
    /// input[n, c, y·s_h − p_h + i, x·s_w − p_w + j], one output at a time.
    /// </summary>
    /// <param name="x">Shape (batch, c_in, height, width).</param>
    /// <returns>x and z, z of shape <see cref="OutputShape"/>.</returns>
    /// <exception cref="ArgumentException">Wrong channel count, or a kernel larger than the padded input.</exception>
    public Conv2dPass Forward(ImageBatch x)
    {
        long[] shape = OutputShape(x);
        var z = new ImageBatch(x.Batch, Filters, (int)shape[2], (int)shape[3]);
        for (int n = 0; n < x.Batch; n++)
        for (int o = 0; o < Filters; o++)
        for (int y = 0; y < z.Height; y++)
        for (int xo = 0; xo < z.Width; xo++)
        {
            double sum = Bias[o];
            for (int c = 0; c < ChannelsIn; c++)
            for (int i = 0; i < Weights.Height; i++)
            for (int j = 0; j < Weights.Width; j++)
            {
                sum += Weights[o, c, i, j]
                    * Pixel(x, n, c, y * Stride.Height - Padding.Height + i, xo * Stride.Width - Padding.Width + j);
            }
            z[n, o, y, xo] = sum;
        }
        return new Conv2dPass(x, z);
    }

    /// <summary>
    /// The backward pass, read off the forward sum: every term W[o, c, i, j] · input[…]
    /// of z[n, o, y, x] sends ∂L/∂z[n, o, y, x] · input[…] to ∂L/∂W[o, c, i, j] and
    /// ∂L/∂z[n, o, y, x] · W[o, c, i, j] to ∂L/∂input[…]; ∂L/∂b[o] = Σ ∂L/∂z[·, o, ·, ·].
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> or <see cref="ForwardFast(ImageBatch)"/> returned.</param>
    /// <param name="outputGradient">∂L/∂z, the shape of <paramref name="pass"/>'s output.</param>
    /// <returns>∂L/∂W, ∂L/∂b and ∂L/∂x.</returns>
    /// <exception cref="ArgumentException">The gradient's shape is not the output's, or the pass is not from a layer of
    /// this shape.</exception>
    public Conv2dGradients Backward(Conv2dPass pass, ImageBatch outputGradient)
    {
        CheckGradient(pass, outputGradient);
        ImageBatch x = pass.Input, dz = outputGradient;
        var dW = Weights.ZerosLike();
        var dB = new double[Filters];
        var dX = x.ZerosLike();
        for (int n = 0; n < x.Batch; n++)
        for (int o = 0; o < Filters; o++)
        for (int y = 0; y < dz.Height; y++)
        for (int xo = 0; xo < dz.Width; xo++)
        {
            double g = dz[n, o, y, xo];
            dB[o] += g;
            for (int c = 0; c < ChannelsIn; c++)
            for (int i = 0; i < Weights.Height; i++)
            for (int j = 0; j < Weights.Width; j++)
            {
                int row = y * Stride.Height - Padding.Height + i, column = xo * Stride.Width - Padding.Width + j;
                // padding has no gradient to receive
                if (row >= 0 && row < x.Height && column >= 0 && column < x.Width)
                {
                    dW[o, c, i, j] += g * x[n, c, row, column];
                    dX[n, c, row, column] += g * Weights[o, c, i, j];
                }
            }
        }
        return new Conv2dGradients(dW, dB, dX);
    }

    /// <summary>One gradient-descent step: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b.</summary>
    /// <param name="gradients">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    /// <exception cref="ArgumentException">Gradients of another layer's shape.</exception>
    public void Step(Conv2dGradients gradients, double learningRate)
    {
        Require.Shape(Component, nameof(gradients), gradients.Weights.Shape, Weights.Shape, "the shape of the weights");
        for (int k = 0; k < Weights.Data.Length; k++)
        {
            Weights.Data[k] -= learningRate * gradients.Weights.Data[k];
        }
        for (int o = 0; o < Filters; o++)
        {
            Bias[o] -= learningRate * gradients.Bias[o];
        }
    }

    /// <summary>
    /// Builds a layer with the weights, bias, stride and padding of a TorchSharp <c>nn.Conv2d</c> (groups 1, dilation
    /// 1, zero padding).
    /// </summary>
    /// <param name="module">The module; its bias may be absent (then zeros).</param>
    public static Conv2d CopyFrom(TorchSharp.Modules.Conv2d module)
    {
        Require.NotNull(Component, nameof(module), module);
        using var scope = torch.NewDisposeScope();
        ImageBatch weights = ImageBatch.FromTensor(module.weight!.detach());
        double[] bias = module.bias is null ? new double[weights.Batch]
            : module.bias.detach().to(torch.float64).data<double>().ToArray();
        return FromWeights(weights, bias, ((int)module.stride[0], (int)module.stride[1]),
            ((int)module.padding![0], (int)module.padding[1]));
    }

    /// <summary>
    /// Writes these weights and bias into a TorchSharp <c>nn.Conv2d</c> of the same sizes, so
    /// it computes the same function.
    /// </summary>
    /// <param name="module">A module with weight (filters, c_in, k_h, k_w) and a bias.</param>
    /// <exception cref="ArgumentException">The module's weight has another shape, or it has no bias.</exception>
    public void CopyTo(TorchSharp.Modules.Conv2d module)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Require.Shape(Component, nameof(module), module.weight!.shape, Weights.Shape, "the shape of the weights");
        if (module.bias is null)
        {
            throw ErrorMessage.Must(Component, nameof(module),
                "have a bias to copy the layer's bias into (create it with bias: true)",
                "has none");
        }
        module.weight.copy_(Weights.ToTensor());
        module.bias.copy_(torch.tensor(Bias, torch.float64));
    }

    private static double Pixel(ImageBatch x, int n, int c, int row, int column) =>
        row >= 0 && row < x.Height && column >= 0 && column < x.Width ? x[n, c, row, column] : 0.0;   // zero padding

    private void CheckGradient(Conv2dPass pass, ImageBatch outputGradient)
    {
        long[] expected = OutputShape(pass.Input);
        Require.Shape(Component, nameof(outputGradient), outputGradient.Shape, expected, "the shape Forward returned");
    }
}

/// <summary>What <see cref="Conv2d.Forward"/> computed, kept for <see cref="Conv2d.Backward"/>.</summary>
/// <param name="Input">x, (batch, c_in, height, width).</param>
/// <param name="Output">z = conv(x, W) + b, (batch, filters, out_h, out_w).</param>
public sealed record Conv2dPass(ImageBatch Input, ImageBatch Output);

/// <summary>The gradients of <see cref="Conv2d.Backward"/>.</summary>
/// <param name="Weights">∂L/∂W, (filters, c_in, k_h, k_w).</param>
/// <param name="Bias">∂L/∂b, (filters,).</param>
/// <param name="Input">∂L/∂x, the input's shape.</param>
public sealed record Conv2dGradients(ImageBatch Weights, double[] Bias, ImageBatch Input);
