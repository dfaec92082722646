using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Tensors;

/// <summary>
/// softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z): subtracting the maximum leaves the result
/// unchanged (it cancels) but keeps every exponent ≤ 0, so large scores cannot overflow to ∞/∞.
/// </summary>
/// <remarks>Introduced in notebook day 15 (attention).</remarks>
public static class Softmax
{
    /// <summary>The softmax of <paramref name="scores"/>.</summary>
    public static Vector<double> Of(Vector<double> scores)
    {
        double max = scores.Maximum();
        Vector<double> exponentials = scores.Map(z => Math.Exp(z - max));
        return exponentials / exponentials.Sum();
    }

    /// <summary>The softmax of each row of <paramref name="scores"/>.</summary>
    public static Matrix<double> Rows(Matrix<double> scores) =>
        Matrix<double>.Build.DenseOfRowVectors(scores.EnumerateRows().Select(Of));
}
