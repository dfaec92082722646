using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Attention;

/// <summary>
/// Scaled dot-product attention, the notes' "Self attention" equation on its own:
/// scores S = Q·Kᵀ/√d_k, weights A = softmax of each row of S, output Z = A·V. Every query row
/// scores every key row; the weights of a query sum to 1 and mix the value rows.
/// </summary>
/// <remarks>
/// Like TorchSharp's <c>torch.nn.functional.scaled_dot_product_attention</c> (no mask, no dropout),
/// which returns only Z; this returns the scores and weights too, so a notebook can show them.
/// Queries and keys share d_k; values may have another width d_v and the number of queries may
/// differ from the number of keys. Introduced in notebook day 15.
/// </remarks>
public static class ScaledDotProductAttention
{
    private const string Component = "ScaledDotProductAttention";

    /// <summary>S = Q·Kᵀ/√d_k, A = softmax(S) row by row, Z = A·V.</summary>
    /// <param name="q">Queries, (queries, d_k).</param>
    /// <param name="k">Keys, (keys, d_k).</param>
    /// <param name="v">Values, (keys, d_v).</param>
    /// <returns>The scores and weights (queries, keys) and the output (queries, d_v).</returns>
    /// <exception cref="ArgumentException">Keys of another width than the queries, or not one value row per key.</exception>
    public static ScaledDotProductAttentionPass Forward(Matrix<double> q, Matrix<double> k, Matrix<double> v)
    {
        if (q.ColumnCount == 0 || q.RowCount == 0 || k.RowCount == 0)
        {
            throw ErrorMessage.Empty(Component, q.RowCount == 0 || q.ColumnCount == 0 ? nameof(q) : nameof(k));
        }
        Require.Shape(Component, nameof(k), [k.RowCount, k.ColumnCount], [k.RowCount, q.ColumnCount], "(keys, d_k) with d_k the width of q");
        Require.Shape(Component, nameof(v), [v.RowCount, v.ColumnCount], [k.RowCount, v.ColumnCount], "(keys, d_v), one row per key");
        Matrix<double> scores = Gemm.Multiply(q, k.Transpose()) / Math.Sqrt(q.ColumnCount);   // Q·Kᵀ/√d_k
        Matrix<double> weights = Softmax.Rows(scores);                                         // each row sums to 1
        return new ScaledDotProductAttentionPass(scores, weights, Gemm.Multiply(weights, v));  // Z = A·V
    }
}

/// <summary>What <see cref="ScaledDotProductAttention.Forward"/> computed.</summary>
/// <param name="Scores">S = Q·Kᵀ/√d_k, (queries, keys).</param>
/// <param name="Weights">A = softmax of each row of S, (queries, keys), rows summing to 1.</param>
/// <param name="Output">Z = A·V, (queries, d_v).</param>
public sealed record ScaledDotProductAttentionPass(Matrix<double> Scores, Matrix<double> Weights, Matrix<double> Output);
