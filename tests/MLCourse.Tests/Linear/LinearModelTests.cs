using MathNet.Numerics.LinearAlgebra;
using MLCourse.Linear;

namespace MLCourse.Tests.Linear;

public class LinearModelTests
{
    private readonly LinearModel _model = new(Vector<double>.Build.DenseOfArray([2.0, -1.0]), 0.5);

    [Fact]
    public void Predict_computes_x_dot_w_plus_b_for_a_row_and_for_a_matrix()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 3, 2 } });

        Assert.Equal(1.5, _model.Predict(x.Row(0)));
        Assert.Equal([1.5, 4.5], _model.Predict(x).ToArray());
    }

    [Fact]
    public void A_matrix_with_the_wrong_number_of_columns_is_an_error_with_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => _model.Predict(Matrix<double>.Build.Dense(4, 3)));

        Assert.Equal("LinearModel: x must have shape (rows, 2), but has shape (4, 3). (Parameter 'x')", error.Message);
    }
}
