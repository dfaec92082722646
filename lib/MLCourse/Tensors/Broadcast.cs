using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>NumPy-style broadcasting of a row vector over a matrix, which MathNet does not do implicitly.</summary>
/// <remarks>
/// Used wherever a per-column mean or bias is added to or subtracted from every row (PCA,
/// attention, transformer blocks).
/// </remarks>
public static class Broadcast
{
    /// <summary>A (rows, v.Count) matrix whose every row is <paramref name="v"/>.</summary>
    public static Matrix<double> RepeatRows(this Vector<double> v, int rows) =>
        Matrix<double>.Build.Dense(rows, Require.NotNull("Broadcast", nameof(v), v).Count, (_, j) => v[j]);
}
