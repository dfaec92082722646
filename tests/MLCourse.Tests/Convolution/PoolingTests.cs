using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;
using static MLCourse.Tests.Convolution.TorchReference;

namespace MLCourse.Tests.Convolution;

public class PoolingTests
{
    [Theory]
    [InlineData(2, 3, 6, 6, 2, 2)]
    [InlineData(1, 2, 7, 5, 3, 2)]
    [InlineData(2, 1, 8, 8, 2, 1)]
    public void Max_and_average_pooling_agree_with_TorchSharp_forward_and_backward(int n, int c, int h, int w, int size, int stride)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(h * 10 + size);
        var x = Random(random, n, c, h, w);
        var max = new MaxPool2d(size, stride);
        var avg = new AvgPool2d(size, stride);

        var maxPass = max.Forward(x);
        var avgPass = avg.Forward(x);
        var maxOut = maxPass.Output;
        var avgOut = avgPass.Output;
        var g = Random(random, maxOut.Batch, maxOut.Channels, maxOut.Height, maxOut.Width);
        var maxGrad = max.Backward(maxPass, g).Input;
        var avgGrad = avg.Backward(avgPass, g).Input;

        var tx = x.ToTensor().requires_grad_(true);
        var tmax = torch.nn.functional.max_pool2d(tx, [size, size], [stride, stride]);
        Project(tmax, g).backward();
        Assert.True(MaxDifference(Values(tmax), maxOut.Data) < 1e-15);
        Assert.True(MaxDifference(Values(tx.grad!), maxGrad.Data) < 1e-15);

        var ty = x.ToTensor().requires_grad_(true);
        var tavg = torch.nn.functional.avg_pool2d(ty, [size, size], [stride, stride]);
        Project(tavg, g).backward();
        Assert.True(MaxDifference(Values(tavg), avgOut.Data) < 1e-12);
        Assert.True(MaxDifference(Values(ty.grad!), avgGrad.Data) < 1e-12);
    }

    [Theory]
    [InlineData(2, 2, 7, 9, 3, 2, 2, 1, 1, 0)]
    [InlineData(1, 3, 8, 6, 2, 3, 1, 2, 0, 1)]
    [InlineData(2, 1, 5, 5, 3, 3, 2, 2, 1, 1)]
    public void Rectangular_windows_with_per_axis_stride_and_padding_agree_with_TorchSharp(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(h * 10 + kw);
        var x = Random(random, n, c, h, w);
        var max = new MaxPool2d((kh, kw), (sh, sw), (ph, pw));
        var avg = new AvgPool2d((kh, kw), (sh, sw), (ph, pw));

        var maxPass = max.Forward(x);
        var avgPass = avg.Forward(x);
        var g = Random(random, maxPass.Output.Batch, maxPass.Output.Channels, maxPass.Output.Height, maxPass.Output.Width);

        var tx = x.ToTensor().requires_grad_(true);
        var tmax = torch.nn.functional.max_pool2d(tx, [kh, kw], [sh, sw], [ph, pw]);
        Project(tmax, g).backward();
        Assert.Equal(tmax.shape, maxPass.Output.Shape);
        Assert.True(MaxDifference(Values(tmax), maxPass.Output.Data) < 1e-15);
        Assert.True(MaxDifference(Values(tx.grad!), max.Backward(maxPass, g).Input.Data) < 1e-15);

        var ty = x.ToTensor().requires_grad_(true);
        var tavg = torch.nn.functional.avg_pool2d(ty, [kh, kw], [sh, sw], [ph, pw]);
        Project(tavg, g).backward();
        Assert.Equal(tavg.shape, avgPass.Output.Shape);
        Assert.True(MaxDifference(Values(tavg), avgPass.Output.Data) < 1e-12);
        Assert.True(MaxDifference(Values(ty.grad!), avg.Backward(avgPass, g).Input.Data) < 1e-12);
    }

    // The fast path's two branches: the branch-free 2×2 / stride 2 kernel (odd sides leave a row and a
    // column unpooled) and the clipped general loop (overlapping windows, padding, rectangular windows).
    // Ties are part of the input (values rounded to a few levels), so first-maximum-wins is checked too.
    [Theory]
    [InlineData(3, 4, 26, 26, 2, 2, 2, 2, 0, 0)]
    [InlineData(2, 3, 7, 9, 2, 2, 2, 2, 0, 0)]
    [InlineData(2, 2, 6, 6, 2, 2, 2, 2, 1, 1)]
    [InlineData(2, 2, 9, 8, 3, 3, 2, 2, 1, 1)]
    [InlineData(1, 3, 8, 7, 3, 2, 1, 2, 1, 0)]
    [InlineData(2, 1, 5, 6, 2, 2, 1, 1, 0, 0)]
    public void The_fast_max_pool_equals_the_readable_one_and_TorchSharp(int n, int c, int h, int w, int kh, int kw,
        int sh, int sw, int ph, int pw)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(n * 1000 + h * 10 + kw + ph);
        var x = Random(random, n, c, h, w);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = Math.Round(x.Data[i] * 3) / 3;   // many ties
        }
        var pool = new MaxPool2d((kh, kw), (sh, sw), (ph, pw));

        MaxPool2dPass readable = pool.Forward(x);
        MaxPool2dPass fast = pool.ForwardFast(x);
        var g = Random(random, fast.Output.Batch, fast.Output.Channels, fast.Output.Height, fast.Output.Width);
        var tx = x.ToTensor().requires_grad_(true);
        var tmax = torch.nn.functional.max_pool2d(tx, [kh, kw], [sh, sw], [ph, pw]);
        Project(tmax, g).backward();

        Assert.Equal(readable.Output.Shape, fast.Output.Shape);
        Assert.Equal(readable.Output.Data, fast.Output.Data);
        Assert.Equal(readable.ArgMax, fast.ArgMax);
        Assert.Equal(pool.Backward(readable, g).Input.Data, pool.BackwardFast(fast, g).Input.Data);
        Assert.Equal(Values(tmax), fast.Output.Data);
        Assert.True(MaxDifference(Values(tx.grad!), pool.BackwardFast(fast, g).Input.Data) < 1e-15);
    }

    [Fact]
    public void Padding_of_more_than_half_the_window_is_refused_as_TorchSharp_does()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d((2, 2), padding: (2, 0)));

        Assert.StartsWith("MaxPool2d: padding must be between 0 and half the window along each axis", error.Message);
    }

    [Fact]
    public void Max_pooling_routes_each_gradient_to_its_window_maximum_only()
    {
        // The notes' picture: a 2×2 gradient goes back to a 4×4 map, non-zero only where the maxima were.
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 9, 2, 0 }, { 3, 4, 8, 1 }, { 0, 1, 2, 3 }, { 7, 2, 5, 6 } });
        var pool = new MaxPool2d(2);
        var pass = pool.Forward(ImageBatch.FromMatrix(a));
        Assert.Equal(new double[,] { { 9, 8 }, { 7, 6 } }, pass.Output.ToMatrix().ToArray());

        var back = pool.Backward(pass, ImageBatch.FromMatrix(Matrix<double>.Build.DenseOfArray(new double[,] { { 10, 20 }, { 30, 40 } }))).Input.ToMatrix();

        Assert.Equal(new double[,] { { 0, 10, 0, 0 }, { 0, 0, 20, 0 }, { 0, 0, 0, 0 }, { 30, 0, 0, 40 } }, back.ToArray());
    }
}
