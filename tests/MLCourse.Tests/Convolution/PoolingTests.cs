using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
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

        var maxOut = max.Forward(x);
        var avgOut = avg.Forward(x);
        var g = Random(random, maxOut.Batch, maxOut.Channels, maxOut.Height, maxOut.Width);
        var maxGrad = max.Backward(g);
        var avgGrad = avg.Backward(g);

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

    [Fact]
    public void Max_pooling_routes_each_gradient_to_its_window_maximum_only()
    {
        // The notes' picture: a 2×2 gradient goes back to a 4×4 map, non-zero only where the maxima were.
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 9, 2, 0 }, { 3, 4, 8, 1 }, { 0, 1, 2, 3 }, { 7, 2, 5, 6 } });
        var pool = new MaxPool2d(2);
        Assert.Equal(new double[,] { { 9, 8 }, { 7, 6 } }, pool.Forward(ImageBatch.FromMatrix(a)).ToMatrix().ToArray());

        var back = pool.Backward(ImageBatch.FromMatrix(Matrix<double>.Build.DenseOfArray(new double[,] { { 10, 20 }, { 30, 40 } }))).ToMatrix();

        Assert.Equal(new double[,] { { 0, 10, 0, 0 }, { 0, 0, 20, 0 }, { 0, 0, 0, 0 }, { 30, 0, 0, 40 } }, back.ToArray());
    }
}
