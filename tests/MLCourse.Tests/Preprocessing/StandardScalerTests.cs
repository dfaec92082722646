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

    // scikit-learn 1.2.1: StandardScaler().fit([[0.1], [0.1], [0.1]]) has scale_ 1.0 and
    // transforms 0.2 to 0.09999999999999999.
    [Fact]
    public void A_constant_that_is_not_exactly_representable_is_still_constant()
    {
        var scaler = new StandardScaler().Fit(Matrix<double>.Build.DenseOfColumnArrays([0.1, 0.1, 0.1]));

        Assert.Equal(1, scaler.Scale[0]);   // was 1.4e-17: the mean 0.10000000000000002 is a rounding error off
        Assert.Equal(0.09999999999999999, scaler.Transform(Matrix<double>.Build.DenseOfColumnArrays([0.2]))[0, 0]);   // was 7.2e15
    }

    [Fact]
    public void A_small_but_real_spread_is_still_scaled()
    {
        var scaler = new StandardScaler().Fit(Matrix<double>.Build.DenseOfColumnArrays([1.0, 1.0 + 1e-7, 1.0]));

        Assert.Equal(4.714045210662693e-08, scaler.Scale[0], 1e-20);   // scikit-learn's scale_ for the same column
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
