using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>
/// The notes' cosine similarity, Σ A_i B_i / (√Σ A_i² · √Σ B_i²): 1 for the same direction, 0 for orthogonal.
/// </summary>
/// <remarks>Introduced in notebook day 12 (embeddings); day 15 compares it with dot-product attention.</remarks>
public static class Similarity
{
    /// <summary>cos(A, B).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a vector is all zeros (no direction) or holds
    /// NaN.</exception>
    public static double Cosine(Vector<double> a, Vector<double> b)
    {
        Require.NotNull("Similarity", nameof(a), a);
        Require.Length("Similarity", nameof(b), b, a.Count);
        double norms = a.L2Norm() * b.L2Norm();
        return norms > 0
            ? a.DotProduct(b) / norms
            : throw ErrorMessage.Must("Similarity", a.L2Norm() > 0 ? nameof(b) : nameof(a),
                "have a direction for the cosine similarity (not all zeros, no NaN)",
                (a.L2Norm() > 0 ? b : a).L2Norm() == 0 ? "is all zeros" : "holds NaN");
    }
}
