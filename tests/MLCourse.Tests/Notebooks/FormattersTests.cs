using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;
using TorchSharp;

namespace MLCourse.Tests.Notebooks;

public class FormattersTests
{
    [Fact]
    public void A_matrix_shows_its_shape_and_values()
    {
        var html = Formatters.Html(Matrix<double>.Build.DenseOfArray(new double[,] { { 1.5, 2 }, { 3, 4 } }));

        Assert.Contains("Matrix (2, 2), float64", html);
        Assert.Contains("<td>1.5</td>", html);
        Assert.Contains("<td>4</td>", html);
    }

    [Fact]
    public void A_large_matrix_elides_its_middle_like_NumPy()
    {
        var html = Formatters.Html(Matrix<double>.Build.Dense(1797, 64, (i, j) => i * 1000 + j));

        Assert.Contains("Matrix (1797, 64), float64", html);
        Assert.Contains("<td>1796063</td>", html);      // the last entry is shown
        Assert.DoesNotContain("<td>900032</td>", html); // a middle entry is not
        Assert.Contains("⋮", html);
    }

    [Fact]
    public void Tensors_show_rank_shape_dtype_and_a_slice_of_values()
    {
        using var scope = torch.NewDisposeScope();

        string scalar = Formatters.Html(torch.tensor(2.5));
        string cube = Formatters.Html(torch.arange(24, dtype: torch.float32).reshape(2, 3, 4));

        Assert.Equal("<div>Tensor rank 0, shape (), Float64: 2.5</div>", scalar);
        Assert.Contains("Tensor rank 3, shape (2, 3, 4), Float32; showing [0, :, :]", cube);
        Assert.Contains("<td>11</td>", cube);          // last entry of slice 0
        Assert.DoesNotContain("<td>12</td>", cube);    // first entry of slice 1
    }
}
