using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Tensors;

/// <summary>
/// Moves data between MathNet vectors/matrices (rank-1 and rank-2 tensors) and TorchSharp
/// tensors of any rank. Every conversion copies, so changing one side never changes the other.
/// </summary>
/// <remarks>Introduced in notebook day 02 (tensors).</remarks>
public static class TensorConvert
{
    private const string Component = "TensorConvert";

    /// <summary>A float64 tensor of shape (count,) holding a copy of <paramref name="vector"/>.</summary>
    public static torch.Tensor ToTensor(this Vector<double> vector) =>
        torch.tensor(Require.NotNull("TensorConvert", nameof(vector), vector).ToArray(), torch.float64);

    /// <summary>A float64 tensor of shape (rows, columns) holding a copy of <paramref name="matrix"/>.</summary>
    public static torch.Tensor ToTensor(this Matrix<double> matrix) =>
        torch.tensor(Require.NotNull("TensorConvert", nameof(matrix), matrix).ToRowMajorArray(),
            new long[] { matrix.RowCount, matrix.ColumnCount }, torch.float64);

    /// <summary>A copy of a rank-2 tensor as a dense matrix.</summary>
    /// <param name="tensor">Shape (rows, columns); any floating dtype, converted to double.</param>
    /// <exception cref="ArgumentException">The tensor is not rank 2.</exception>
    public static Matrix<double> ToMatrix(this torch.Tensor tensor)
    {
        Require.NotNull("TensorConvert", nameof(tensor), tensor);
        if (tensor.dim() != 2)
        {
            throw ErrorMessage.Shape(Component, nameof(tensor),
                "(rows, columns)", ErrorMessage.FormatShape(tensor.shape));
        }
        double[] values = ToDoubles(tensor);
        return Matrix<double>.Build.Dense((int)tensor.shape[0],
            (int)tensor.shape[1], (i, j) => values[i * tensor.shape[1] + j]);
    }

    /// <summary>A copy of a rank-1 tensor as a dense vector.</summary>
    /// <param name="tensor">Shape (count,).</param>
    /// <exception cref="ArgumentException">The tensor is not rank 1.</exception>
    public static Vector<double> ToVector(this torch.Tensor tensor)
    {
        Require.NotNull("TensorConvert", nameof(tensor), tensor);
        if (tensor.dim() != 1)
        {
            throw ErrorMessage.Shape(Component, nameof(tensor), "(count,)", ErrorMessage.FormatShape(tensor.shape));
        }
        return Vector<double>.Build.DenseOfArray(ToDoubles(tensor));
    }

    private static double[] ToDoubles(torch.Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return tensor.to_type(torch.float64).contiguous().data<double>().ToArray();
    }
}
