using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class BinarizerTests
{
    [Fact]
    public void Values_strictly_above_the_threshold_become_1()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 0, 0.5 }, { 2, 3, 2.0001 } });

        var binary = new Binarizer(threshold: 2).Transform(x);

        Assert.Equal(new double[,] { { 0, 0, 0 }, { 0, 1, 1 } }, binary.ToArray());
    }

    [Fact]
    public void A_NaN_threshold_or_value_is_refused()
    {
        var threshold = Assert.Throws<ArgumentException>(() => new Binarizer(double.NaN));
        var value = Assert.Throws<ArgumentException>(() => new Binarizer().Transform(Matrix<double>.Build.Dense(1, 1, double.NaN)));

        Assert.Equal("Binarizer: threshold must be finite, but it is NaN. (Parameter 'threshold')", threshold.Message);
        Assert.Equal("Binarizer: x must be finite, but the entry at row 0, column 0 is NaN. (Parameter 'x')", value.Message);
    }
}
