using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;
using static MLCourse.Tests.Convolution.TorchReference;

namespace MLCourse.Tests.Convolution;

public class Conv2dTests
{
    private static Conv2d RandomLayer(Random random, int cin, int filters, (int, int) kernel, (int, int) stride, (int, int) padding)
    {
        var bias = Enumerable.Range(0, filters).Select(_ => random.NextDouble() - 0.5).ToArray();
        return Conv2d.FromWeights(Random(random, filters, cin, kernel.Item1, kernel.Item2), bias, stride, padding);
    }

    [Theory]
    [InlineData(2, 1, 1, 6, 7, 3, 3, 1, 1, 0, 0)]
    [InlineData(3, 2, 4, 8, 8, 3, 3, 2, 2, 1, 1)]
    [InlineData(1, 3, 2, 5, 9, 2, 2, 1, 1, 1, 1)]
    [InlineData(2, 2, 3, 9, 6, 1, 1, 3, 3, 0, 0)]
    [InlineData(1, 1, 1, 7, 7, 5, 5, 1, 1, 2, 2)]
    [InlineData(2, 2, 3, 7, 9, 2, 4, 1, 2, 0, 1)]   // rectangular kernel, per-axis stride and padding
    [InlineData(1, 3, 2, 8, 5, 3, 1, 2, 1, 1, 0)]
    public void Forward_and_every_gradient_agree_with_TorchSharp_autograd(int batch, int cin, int filters, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(batch * 1000 + cin * 100 + kh * 10 + kw + sh);
        var x = Random(random, batch, cin, h, w);
        var conv = RandomLayer(random, cin, filters, (kh, kw), (sh, sw), (ph, pw));

        Conv2dPass pass = conv.Forward(x);
        var g = Random(random, pass.Output.Batch, pass.Output.Channels, pass.Output.Height, pass.Output.Width);
        Conv2dGradients grads = conv.Backward(pass, g);
        Conv2dPass fastPass = conv.ForwardFast(x);
        Conv2dGradients fastGrads = conv.BackwardFast(fastPass, g);

        var tx = x.ToTensor().requires_grad_(true);
        var tw = conv.Weights.ToTensor().requires_grad_(true);
        var tb = torch.tensor(conv.Bias, torch.float64).requires_grad_(true);
        var tout = torch.nn.functional.conv2d(tx, tw, tb, strides: [sh, sw], padding: [ph, pw]);
        Project(tout, g).backward();

        Assert.Equal(tout.shape, pass.Output.Shape);
        Assert.True(MaxDifference(Values(tout), pass.Output.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tx.grad!), grads.Input.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tw.grad!), grads.Weights.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tb.grad!), grads.Bias) < 1e-12);
        Assert.True(MaxDifference(Values(tout), fastPass.Output.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tx.grad!), fastGrads.Input.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tw.grad!), fastGrads.Weights.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tb.grad!), fastGrads.Bias) < 1e-12);
    }

    [Theory]
    [InlineData(2, 3, 4, 9, 8, 3, 3, 1, 1, 0, 0)]
    [InlineData(3, 2, 5, 10, 7, 4, 2, 2, 3, 1, 2)]
    [InlineData(1, 1, 1, 5, 5, 5, 5, 1, 1, 2, 2)]
    public void The_readable_sliding_window_and_the_fast_im2col_path_agree(int batch, int cin, int filters, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var random = new Random(h * 100 + w);
        var x = Random(random, batch, cin, h, w);
        var conv = RandomLayer(random, cin, filters, (kh, kw), (sh, sw), (ph, pw));

        Conv2dPass fast = conv.ForwardFast(x);
        Conv2dPass readable = conv.Forward(x);
        var g = Random(random, fast.Output.Batch, fast.Output.Channels, fast.Output.Height, fast.Output.Width);
        Conv2dGradients fastGrads = conv.BackwardFast(fast, g);
        Conv2dGradients readableGrads = conv.Backward(readable, g);

        Assert.Equal(readable.Output.Shape, fast.Output.Shape);
        Assert.True(MaxDifference(readable.Output.Data, fast.Output.Data) < 1e-12);
        Assert.True(MaxDifference(readableGrads.Input.Data, fastGrads.Input.Data) < 1e-12);
        Assert.True(MaxDifference(readableGrads.Weights.Data, fastGrads.Weights.Data) < 1e-12);
        Assert.True(MaxDifference(readableGrads.Bias, fastGrads.Bias) < 1e-12);
    }

    // The fast path's branches: the direct SIMD kernels (stride 1) with output rows that are and are not a
    // multiple of the vector width, filter counts around the four that share a load, padding up to and
    // beyond the kernel (then the gradient's padding k − 1 − p crops), several channels, rectangular
    // kernels; and the im2col fallback (other strides, rows narrower than a vector).
    [Theory]
    [InlineData(2, 1, 1, 6, 7, 3, 3, 1, 1, 0, 0)]      // outW 5
    [InlineData(3, 1, 8, 10, 10, 3, 3, 1, 1, 0, 0)]    // outW 8: whole vectors
    [InlineData(2, 1, 5, 9, 13, 3, 3, 1, 1, 0, 0)]     // outW 11, five filters (4 + 1)
    [InlineData(2, 2, 7, 11, 9, 3, 2, 1, 1, 1, 0)]     // rectangular kernel, padding on one axis
    [InlineData(1, 3, 6, 8, 8, 5, 5, 1, 1, 2, 2)]      // 5×5 'same' convolution
    [InlineData(2, 2, 3, 6, 6, 1, 1, 1, 1, 1, 1)]      // padding larger than the 1×1 kernel
    [InlineData(1, 2, 9, 7, 10, 2, 3, 1, 1, 2, 3)]     // padding of the whole kernel width
    [InlineData(2, 4, 4, 12, 12, 4, 4, 1, 1, 0, 0)]    // even kernel, 16 taps per filter
    [InlineData(2, 2, 3, 9, 9, 3, 3, 2, 2, 1, 1)]      // stride 2: im2col
    [InlineData(2, 1, 4, 5, 5, 3, 3, 1, 1, 0, 0)]      // outW 3, narrower than a vector: im2col
    [InlineData(3, 1, 8, 28, 28, 3, 3, 1, 1, 0, 0)]    // the benchmark's shape
    public void Every_fast_path_agrees_with_the_readable_one_and_TorchSharp(int batch, int cin, int filters, int h,
        int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(batch * 7919 + cin * 101 + filters * 13 + h + w * 3 + kh + ph);
        var x = Random(random, batch, cin, h, w);
        var conv = RandomLayer(random, cin, filters, (kh, kw), (sh, sw), (ph, pw));

        Conv2dPass fast = conv.ForwardFast(x);
        Conv2dPass readable = conv.Forward(x);
        var g = Random(random, fast.Output.Batch, fast.Output.Channels, fast.Output.Height, fast.Output.Width);
        Conv2dGradients fastGrads = conv.BackwardFast(fast, g);
        Conv2dGradients readableGrads = conv.Backward(readable, g);
        var tx = x.ToTensor().requires_grad_(true);
        var tw = conv.Weights.ToTensor().requires_grad_(true);
        var tb = torch.tensor(conv.Bias, torch.float64).requires_grad_(true);
        var tout = torch.nn.functional.conv2d(tx, tw, tb, strides: [sh, sw], padding: [ph, pw]);
        Project(tout, g).backward();

        Assert.Equal(readable.Output.Shape, fast.Output.Shape);
        // sums of up to a few thousand terms: compare relative to the size of the values
        AssertClose(readable.Output.Data, fast.Output.Data);
        AssertClose(readableGrads.Input.Data, fastGrads.Input.Data);
        AssertClose(readableGrads.Weights.Data, fastGrads.Weights.Data);
        AssertClose(readableGrads.Bias, fastGrads.Bias);
        AssertClose(Values(tout), fast.Output.Data);
        AssertClose(Values(tx.grad!), fastGrads.Input.Data);
        AssertClose(Values(tw.grad!), fastGrads.Weights.Data);
        AssertClose(Values(tb.grad!), fastGrads.Bias);
    }

    [Fact]
    public void The_fast_path_accepts_the_readable_forward_pass_and_leaves_its_inputs_alone()
    {
        var random = new Random(5);
        var x = Random(random, 2, 2, 9, 9);
        var conv = RandomLayer(random, 2, 5, (3, 3), (1, 1), (1, 1));
        double[] before = [.. x.Data];
        double[] weights = [.. conv.Weights.Data];
        Conv2dPass readable = conv.Forward(x);
        var g = Random(random, 2, 5, 9, 9);
        double[] gradient = [.. g.Data];

        Conv2dGradients fastGrads = conv.BackwardFast(readable, g);

        AssertClose(conv.Backward(readable, g).Input.Data, fastGrads.Input.Data);
        Assert.Equal(before, x.Data);
        Assert.Equal(weights, conv.Weights.Data);
        Assert.Equal(gradient, g.Data);
    }

    [Theory]
    [InlineData(1, 1)]   // the direct kernels
    [InlineData(2, 2)]   // im2col
    public void Forward_into_a_reused_output_overwrites_every_value(int sh, int sw)
    {
        var random = new Random(11);
        var x = Random(random, 2, 2, 10, 11);
        var conv = RandomLayer(random, 2, 5, (3, 3), (sh, sw), (1, 1));
        long[] shape = conv.OutputShape(x);
        var output = new ImageBatch((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        Array.Fill(output.Data, double.NaN);   // what a previous step left there

        Conv2dPass pass = conv.ForwardFast(x, output);

        Assert.Same(output, pass.Output);
        AssertClose(conv.Forward(x).Output.Data, output.Data);
        var wrong = new ImageBatch((int)shape[0], (int)shape[1], (int)shape[2] + 1, (int)shape[3]);
        var error = Assert.Throws<ArgumentException>(() => conv.ForwardFast(x, wrong));
        Assert.StartsWith("Conv2d: output", error.Message);
    }

    // A disposed result's array comes back, full of the old values, as the next result of its size: every path
    // must overwrite all of it. The shapes are used by no other test, so no test running alongside takes the array.
    [Theory]
    [InlineData(1, 1, 0)]   // the direct kernels, no padding
    [InlineData(1, 1, 1)]   // the direct kernels over a padded copy
    [InlineData(2, 2, 1)]   // im2col
    public void A_disposed_result_is_reused_by_the_next_and_overwritten(int sh, int sw, int padding)
    {
        var random = new Random(13 + sh + padding);
        var conv = RandomLayer(random, 2, 7, (3, 3), (sh, sw), (padding, padding));
        var x = Random(random, 3, 2, 13 + padding, 17);
        var next = Random(random, 3, 2, 13 + padding, 17);
        ImageBatch first = conv.ForwardFast(x).Output;
        double[] released = first.Data;
        Array.Fill(released, double.NaN);

        first.Dispose();
        Conv2dPass pass = conv.ForwardFast(next);

        Assert.Same(released, pass.Output.Data);
        AssertClose(conv.Forward(next).Output.Data, pass.Output.Data);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        double difference = MaxDifference(expected, actual);
        Assert.True(difference < 1e-12 * scale, $"max difference {difference:E2} at scale {scale:G4}");
    }

    [Fact]
    public void The_notes_worked_example_z11_to_z22()
    {
        // x is 3×3, w₁ is 2×2: z₁₁ = x₁₁w₁₁ + x₁₂w₁₂ + x₂₁w₂₁ + x₂₂w₂₂ + b₁, and so on.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        var conv = Conv2d.FromWeights(new ImageBatch(1, 1, 2, 2, [1, -1, 2, 0.5]), [0.25]);   // w₁₁, w₁₂, w₂₁, w₂₂ and b₁
        double W(int i, int j) => conv.Weights[0, 0, i - 1, j - 1];
        double X(int i, int j) => x[i - 1, j - 1];

        var pass = conv.Forward(ImageBatch.FromMatrix(x));
        var z = pass.Output.ToMatrix();

        Assert.Equal(X(1, 1) * W(1, 1) + X(1, 2) * W(1, 2) + X(2, 1) * W(2, 1) + X(2, 2) * W(2, 2) + 0.25, z[0, 0]);
        Assert.Equal(X(1, 2) * W(1, 1) + X(1, 3) * W(1, 2) + X(2, 2) * W(2, 1) + X(2, 3) * W(2, 2) + 0.25, z[0, 1]);
        Assert.Equal(X(2, 1) * W(1, 1) + X(2, 2) * W(1, 2) + X(3, 1) * W(2, 1) + X(3, 2) * W(2, 2) + 0.25, z[1, 0]);
        Assert.Equal(X(2, 2) * W(1, 1) + X(2, 3) * W(1, 2) + X(3, 2) * W(2, 1) + X(3, 3) * W(2, 2) + 0.25, z[1, 1]);

        var dz = ImageBatch.FromMatrix(Matrix<double>.Build.DenseOfArray(new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 } }));
        var grads = conv.Backward(pass, dz);
        Assert.Equal(1.0, grads.Bias[0], 1e-15);                                       // ∂L/∂b₁ = sum(∂L/∂z₁)
        Assert.Equal(0.1 * X(1, 1) + 0.2 * X(1, 2) + 0.3 * X(2, 1) + 0.4 * X(2, 2), grads.Weights[0, 0, 0, 0], 1e-12);   // ∂L/∂w₁₁
    }

    [Fact]
    public void Gradients_pass_a_finite_difference_check()
    {
        var random = new Random(5);
        var x = Random(random, 2, 2, 5, 6);
        var conv = RandomLayer(random, 2, 3, (3, 2), (2, 1), (1, 0));
        var pass = conv.Forward(x);
        var g = Random(random, pass.Output.Batch, pass.Output.Channels, pass.Output.Height, pass.Output.Width);
        double Loss() => conv.Forward(x).Output.Data.Zip(g.Data).Sum(p => p.First * p.Second);

        Conv2dGradients grads = conv.Backward(pass, g);

        FiniteDifference.AssertMatches(x.Data, grads.Input.Data, Loss, 1e-6, stride: 3);
        FiniteDifference.AssertMatches(conv.Weights.Data, grads.Weights.Data, Loss, 1e-6, stride: 3);
    }

    [Fact]
    public void A_step_moves_the_weights_against_the_gradient()
    {
        var conv = Conv2d.FromWeights(new ImageBatch(1, 1, 1, 2, [1.0, 2.0]), [0.5]);
        var grads = new Conv2dGradients(new ImageBatch(1, 1, 1, 2, [10.0, -10.0]), [4.0], new ImageBatch(1, 1, 1, 1));

        conv.Step(grads, learningRate: 0.1);

        Assert.Equal([0.0, 3.0], conv.Weights.Data);
        Assert.Equal(0.1, conv.Bias[0], 1e-15);
    }

    [Fact]
    public void Copies_to_and_from_a_TorchSharp_module_compute_the_same_function()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(8);
        var conv = RandomLayer(random, 2, 3, (3, 2), (2, 1), (1, 0));
        var x = Random(random, 2, 2, 7, 6);
        using var module = torch.nn.Conv2d(2, 3, (3, 2), stride: (2, 1), padding: (1, 0), dtype: torch.float64);

        conv.CopyTo(module);
        var back = Conv2d.CopyFrom(module);

        Assert.True(MaxDifference(Values(module.forward(x.ToTensor())), conv.Forward(x).Output.Data) < 1e-12);
        Assert.Equal(conv.Weights.Data, back.Weights.Data);
        Assert.Equal(conv.Bias, back.Bias);
        Assert.Equal((2, 1), back.Stride);
        Assert.Equal((1, 0), back.Padding);
    }

    [Fact]
    public void Wrong_channels_and_a_bias_of_the_wrong_length_are_refused()
    {
        var conv = new Conv2d(3, 2, 3);

        var channels = Assert.Throws<ArgumentException>(() => conv.Forward(new ImageBatch(1, 1, 5, 5)));
        var bias = Assert.Throws<ArgumentException>(() => Conv2d.FromWeights(new ImageBatch(2, 1, 3, 3), [0.0]));

        Assert.Equal("Conv2d: x must have shape (batch, 3, height, width), but has shape (1, 1, 5, 5). (Parameter 'x')", channels.Message);
        Assert.StartsWith("Conv2d: bias must have shape (2,) (one bias per filter), but has shape (1,).", bias.Message);
    }
}
