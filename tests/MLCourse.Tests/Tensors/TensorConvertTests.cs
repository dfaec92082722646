using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Tensors;

public class TensorConvertTests
{
    [Fact]
    public void A_matrix_becomes_a_row_major_tensor_and_comes_back_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        var t = m.ToTensor();

        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(6.0, t[1, 2].item<double>());
        Assert.Equal(m, t.ToMatrix());
    }

    [Fact]
    public void The_copy_is_independent_of_the_source()
    {
        using var scope = torch.NewDisposeScope();
        var v = Vector<double>.Build.DenseOfArray([1.0, 2.0]);
        var t = v.ToTensor();

        v[0] = 100;

        Assert.Equal([1.0, 2.0], t.ToVector().ToArray());
    }

    [Fact]
    public void Float32_tensors_convert_to_double()
    {
        using var scope = torch.NewDisposeScope();

        var v = torch.tensor(new float[] { 0.5f, 1.5f }).ToVector();

        Assert.Equal([0.5, 1.5], v.ToArray());
    }

    [Fact]
    public void A_tensor_of_the_wrong_rank_is_an_error_with_its_shape()
    {
        using var scope = torch.NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3, 4).ToMatrix());
        var vectorError = Assert.Throws<ArgumentException>(() => torch.zeros(2, 3).ToVector());

        Assert.Equal("TensorConvert: tensor must have shape (rows, columns), but has shape (2, 3, 4). (Parameter 'tensor')", error.Message);
        Assert.Equal("TensorConvert: tensor must have shape (count,), but has shape (2, 3). (Parameter 'tensor')", vectorError.Message);
    }
}
