using MathNet.Numerics.LinearAlgebra;
using MLCourse.Sequence;

namespace MLCourse.Tests.Sequence;

public class GradientClippingTests
{
    [Fact]
    public void Clipping_scales_every_gradient_to_the_limit_and_keeps_the_direction()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 0 }, { 0, 0 } });
        var v = Vector<double>.Build.DenseOfArray([4.0]);

        double before = GradientClipping.ClipByGlobalNorm([m], [v], maxNorm: 1);

        Assert.Equal(5, before, 1e-15);
        Assert.Equal(0.6, m[0, 0], 1e-15);
        Assert.Equal(0.8, v[0], 1e-15);
        Assert.Equal(1, GradientClipping.GlobalNorm([m], [v]), 1e-15);
        Assert.Equal(1, GradientClipping.ClipByGlobalNorm([m], [v], maxNorm: 2), 1e-15);   // below the limit: unchanged
        Assert.Equal(0.6, m[0, 0], 1e-15);
    }
}
