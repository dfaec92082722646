using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>The notes' cosine similarity, Σ A_i B_i / (√Σ A_i² · √Σ B_i²): 1 for the same direction, 0 for orthogonal.</summary>
/// <remarks>Introduced in notebook day 12 (embeddings); day 15 compares it with dot-product attention.</remarks>
public static class Similarity
{
    /// <summary>cos(A, B).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a vector is all zeros (no direction).</exception>
    public static double Cosine(Vector<double> a, Vector<double> b)
    {
        Require.Length("Similarity", nameof(b), b, a.Count);
        double norms = a.L2Norm() * b.L2Norm();
        return norms > 0 ? a.DotProduct(b) / norms : throw new ArgumentException("Similarity: cosine similarity needs non-zero vectors.", norms == 0 && a.L2Norm() == 0 ? nameof(a) : nameof(b));
    }
}
