using MLCourse.Errors;
using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Sequence;

/// <summary>
/// Gradient clipping by global norm, the usual cure for exploding gradients in RNNs: when the norm
/// of all gradients together exceeds a limit, scale every one by limit/norm, keeping the direction.
/// The same rule as TorchSharp's <c>clip_grad_norm_</c>.
/// </summary>
/// <remarks>Introduced in notebook day 11 (problems with RNNs).</remarks>
public static class GradientClipping
{
    /// <summary>√(Σ over all entries of all gradients of g²).</summary>
    public static double GlobalNorm(IEnumerable<Matrix<double>> matrices, IEnumerable<Vector<double>> vectors) =>
        Math.Sqrt(Require.NotNull("GradientClipping", nameof(matrices), matrices)
                .Sum(m => Math.Pow(m.FrobeniusNorm(), 2))
            + Require.NotNull("GradientClipping", nameof(vectors), vectors).Sum(v => v.DotProduct(v)));

    /// <summary>
    /// Scales the gradients in place so that their global norm is at most <paramref name="maxNorm"/>.
    /// </summary>
    /// <returns>The global norm before clipping.</returns>
    public static double ClipByGlobalNorm(IReadOnlyList<Matrix<double>> matrices,
        IReadOnlyList<Vector<double>> vectors, double maxNorm)
    {
        Require.Positive("GradientClipping", nameof(maxNorm), maxNorm);   // 0 or −1 would zero or flip every weight
        double norm = GlobalNorm(matrices, vectors);
        if (norm > maxNorm)
        {
            double scale = maxNorm / norm;
            foreach (var m in matrices) m.Multiply(scale, m);
            foreach (var v in vectors) v.Multiply(scale, v);
        }
        return norm;
    }
}
