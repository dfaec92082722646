using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>
/// softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z): subtracting the maximum leaves the result
/// unchanged (it cancels) but keeps every exponent ≤ 0, so large scores cannot overflow to ∞/∞.
/// </summary>
/// <remarks>
/// Introduced in notebook day 15 (attention). Edge cases follow PyTorch's <c>softmax</c>: a NaN score makes
/// every entry NaN, and so does a +∞ score (∞ − ∞); a −∞ score gets probability 0. An empty vector (or a
/// matrix without columns) is refused, since no distribution has no outcomes (PyTorch returns an empty tensor).
/// </remarks>
public static class Softmax
{
    /// <summary>The softmax of <paramref name="scores"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty.</exception>
    public static Vector<double> Of(Vector<double> scores)
    {
        if (Require.NotNull("Softmax", nameof(scores), scores).Count == 0)
        {
            throw ErrorMessage.Empty("Softmax", nameof(scores));
        }
        double max = scores.Maximum();
        Vector<double> exponentials = scores.Map(z => Math.Exp(z - max));
        return exponentials / exponentials.Sum();
    }

    /// <summary>The softmax of each row of <paramref name="scores"/>.</summary>
    public static Matrix<double> Rows(Matrix<double> scores) =>
        Matrix<double>.Build.DenseOfRowVectors(Require.NotNull("Softmax", nameof(scores), scores)
            .EnumerateRows().Select(Of));
}
