using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using TorchSharp;
using static MLCourse.Tests.Convolution.TorchReference;

namespace MLCourse.Tests.Convolution;

public class Conv2dTests
{
    [Theory]
    [InlineData(2, 1, 1, 6, 7, 3, 1, 0)]
    [InlineData(3, 2, 4, 8, 8, 3, 2, 1)]
    [InlineData(1, 3, 2, 5, 9, 2, 1, 1)]
    [InlineData(2, 2, 3, 9, 6, 1, 3, 0)]
    [InlineData(1, 1, 1, 7, 7, 5, 1, 2)]
    public void Forward_and_every_gradient_agree_with_TorchSharp_autograd(int batch, int cin, int filters, int h, int w, int f, int s, int p)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(batch * 1000 + cin * 100 + f * 10 + s);
        var x = Random(random, batch, cin, h, w);
        var conv = new Conv2d(cin, filters, f, s, p);
        Random(random, filters, cin, f, f).Data.CopyTo(conv.Weights.Data, 0);
        for (int o = 0; o < filters; o++) conv.Bias[o] = random.NextDouble() - 0.5;

        ImageBatch output = conv.Forward(x);
        var g = Random(random, output.Batch, output.Channels, output.Height, output.Width);
        ImageBatch dx = conv.Backward(g);

        var tx = x.ToTensor().requires_grad_(true);
        var tw = conv.Weights.ToTensor().requires_grad_(true);
        var tb = torch.tensor(conv.Bias, torch.float64).requires_grad_(true);
        var tout = torch.nn.functional.conv2d(tx, tw, tb, strides: [s, s], padding: [p, p]);
        Project(tout, g).backward();

        Assert.Equal(tout.shape, output.Shape);
        Assert.True(MaxDifference(Values(tout), output.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tx.grad!), dx.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tw.grad!), conv.WeightGradient.Data) < 1e-12);
        Assert.True(MaxDifference(Values(tb.grad!), conv.BiasGradient) < 1e-12);
    }

    [Fact]
    public void The_notes_worked_example_z11_to_z22()
    {
        // x is 3×3, w₁ is 2×2: z₁₁ = x₁₁w₁₁ + x₁₂w₁₂ + x₂₁w₂₁ + x₂₂w₂₂ + b₁, and so on.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        var conv = new Conv2d(1, 1, 2);
        new double[] { 1, -1, 2, 0.5 }.CopyTo(conv.Weights.Data, 0);   // w₁₁, w₁₂, w₂₁, w₂₂
        conv.Bias[0] = 0.25;
        double W(int i, int j) => conv.Weights[0, 0, i - 1, j - 1];
        double X(int i, int j) => x[i - 1, j - 1];

        var z = conv.Forward(ImageBatch.FromMatrix(x)).ToMatrix();

        Assert.Equal(X(1, 1) * W(1, 1) + X(1, 2) * W(1, 2) + X(2, 1) * W(2, 1) + X(2, 2) * W(2, 2) + 0.25, z[0, 0]);
        Assert.Equal(X(1, 2) * W(1, 1) + X(1, 3) * W(1, 2) + X(2, 2) * W(2, 1) + X(2, 3) * W(2, 2) + 0.25, z[0, 1]);
        Assert.Equal(X(2, 1) * W(1, 1) + X(2, 2) * W(1, 2) + X(3, 1) * W(2, 1) + X(3, 2) * W(2, 2) + 0.25, z[1, 0]);
        Assert.Equal(X(2, 2) * W(1, 1) + X(2, 3) * W(1, 2) + X(3, 2) * W(2, 1) + X(3, 3) * W(2, 2) + 0.25, z[1, 1]);

        var dz = ImageBatch.FromMatrix(Matrix<double>.Build.DenseOfArray(new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 } }));
        conv.Backward(dz);
        Assert.Equal(1.0, conv.BiasGradient[0], 1e-15);                                       // ∂L/∂b₁ = sum(∂L/∂z₁)
        Assert.Equal(0.1 * X(1, 1) + 0.2 * X(1, 2) + 0.3 * X(2, 1) + 0.4 * X(2, 2), conv.WeightGradient[0, 0, 0, 0], 1e-12);   // ∂L/∂w₁₁
    }

    [Fact]
    public void Gradients_pass_a_finite_difference_check()
    {
        var random = new Random(5);
        var x = Random(random, 2, 2, 5, 5);
        var conv = new Conv2d(2, 3, 3, stride: 2, padding: 1);
        Random(random, 3, 2, 3, 3).Data.CopyTo(conv.Weights.Data, 0);
        var g = Random(random, 2, 3, 3, 3);
        double Loss() => conv.Forward(x).Data.Zip(g.Data).Sum(p => p.First * p.Second);

        conv.Forward(x);
        double[] dx = conv.Backward(g).Data;
        double[] dw = (double[])conv.WeightGradient.Data.Clone();

        FiniteDifference.AssertMatches(x.Data, dx, Loss, 1e-6, stride: 3);
        FiniteDifference.AssertMatches(conv.Weights.Data, dw, Loss, 1e-6, stride: 3);
    }

    [Fact]
    public void Wrong_channels_and_backward_before_forward_are_refused()
    {
        var conv = new Conv2d(3, 2, 3);

        var channels = Assert.Throws<ArgumentException>(() => conv.Forward(new ImageBatch(1, 1, 5, 5)));
        var order = Assert.Throws<InvalidOperationException>(() => conv.Backward(new ImageBatch(1, 2, 3, 3)));

        Assert.Equal("Conv2d: x must have shape (batch, 3, height, width), but has shape (1, 1, 5, 5). (Parameter 'x')", channels.Message);
        Assert.Equal("Conv2d: call Forward before Backward.", order.Message);
    }
}
