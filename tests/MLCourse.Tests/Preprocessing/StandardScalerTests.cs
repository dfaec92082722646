using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class StandardScalerTests
{
    [Fact]
    public void Columns_get_zero_mean_and_unit_population_variance()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 10 }, { 2, 20 }, { 3, 60 } });

        var z = new StandardScaler().Fit(x).Transform(x);

        Assert.Equal(-Math.Sqrt(1.5), z[0, 0], 1e-12);   // (1 − 2) / sqrt(2/3)
        foreach (var column in z.EnumerateColumns())
        {
            Assert.Equal(0, column.Average(), 1e-12);
            Assert.Equal(1, column.Select(v => v * v).Average(), 1e-12);
        }
    }

    [Fact]
    public void A_constant_column_gets_scale_1_and_becomes_zeros_as_in_scikit_learn()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 5, 1 }, { 5, 2 } });

        var scaler = new StandardScaler().Fit(x);

        Assert.Equal(1, scaler.Scale[0]);
        Assert.All(scaler.Transform(x).Column(0), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Transform_with_a_different_column_count_is_an_error_with_both_shapes()
    {
        var scaler = new StandardScaler().Fit(Matrix<double>.Build.Dense(3, 2, 1.0));

        var error = Assert.Throws<ArgumentException>(() => scaler.Transform(Matrix<double>.Build.Dense(3, 4)));

        Assert.Equal("StandardScaler: x must have shape (rows, 2), but has shape (3, 4). (Parameter 'x')", error.Message);
    }

    [Fact]
    public void NaN_and_empty_input_are_refused()
    {
        var nan = Matrix<double>.Build.Dense(2, 2, 1.0);
        nan[1, 0] = double.NaN;

        var nanError = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(nan));
        var emptyError = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(Matrix<double>.Build.Dense(0, 2)));

        Assert.Equal("StandardScaler: x must be finite, but the entry at row 1, column 0 is NaN. (Parameter 'x')", nanError.Message);
        Assert.Equal("StandardScaler: x must not be empty. (Parameter 'x')", emptyError.Message);
    }
}
