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
/// differ from the number of keys. It has no parameters: <see cref="Backward"/> returns ∂L/∂Q, ∂L/∂K
/// and ∂L/∂V, and there is nothing to step. Introduced in notebook day 15.
/// </remarks>
public static class ScaledDotProductAttention
{
    private const string Component = "ScaledDotProductAttention";

    /// <summary>S = Q·Kᵀ/√d_k, A = softmax(S) row by row, Z = A·V.</summary>
    /// <param name="q">Queries, (queries, d_k).</param>
    /// <param name="k">Keys, (keys, d_k).</param>
    /// <param name="v">Values, (keys, d_v).</param>
    /// <returns>The inputs, the scores and weights (queries, keys) and the output (queries, d_v).</returns>
    /// <exception cref="ArgumentException">Keys of another width than the queries, or not one value row per
    /// key.</exception>
    public static ScaledDotProductAttentionPass Forward(Matrix<double> q, Matrix<double> k, Matrix<double> v)
    {
        Require.NotNull(Component, nameof(q), q);
        Require.NotNull(Component, nameof(k), k);
        Require.NotNull(Component, nameof(v), v);
        if (q.ColumnCount == 0 || q.RowCount == 0 || k.RowCount == 0)
        {
            throw ErrorMessage.Empty(Component, q.RowCount == 0 || q.ColumnCount == 0 ? nameof(q) : nameof(k));
        }
        Require.Shape(Component, nameof(k), [k.RowCount, k.ColumnCount], [k.RowCount, q.ColumnCount],
            "(keys, d_k) with d_k the width of q");
        Require.Shape(Component, nameof(v), [v.RowCount, v.ColumnCount], [k.RowCount, v.ColumnCount],
            "(keys, d_v), one row per key");
        Matrix<double> scores = Gemm.MultiplyFast(q, k.Transpose()) / Math.Sqrt(q.ColumnCount);   // Q·Kᵀ/√d_k
        Matrix<double> weights = Softmax.Rows(scores);                                         // each row sums to 1
        return new ScaledDotProductAttentionPass(q, k, v, scores, weights, Gemm.MultiplyFast(weights, v));  // Z = A·V
    }

    /// <summary>
    /// The backward pass. With G = ∂L/∂Z: ∂L/∂V = Aᵀ·G and ∂L/∂A = G·Vᵀ; through each row's softmax
    /// ∂L/∂S = A ⊙ (∂L/∂A − rowsum(∂L/∂A ⊙ A)) (the softmax Jacobian diag(a) − a·aᵀ, row by row);
    /// then ∂L/∂Q = ∂L/∂S·K/√d_k and ∂L/∂K = (∂L/∂S)ᵀ·Q/√d_k.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂Z, (queries, d_v).</param>
    /// <returns>∂L/∂Q, ∂L/∂K, ∂L/∂V, each the shape of its input.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputGradient"/> is not the shape of the output.
    /// </exception>
    public static ScaledDotProductAttentionGradients Backward(ScaledDotProductAttentionPass pass,
        Matrix<double> outputGradient)
    {
        Require.NotNull(Component, nameof(pass), pass);
        Require.NotNull(Component, nameof(outputGradient), outputGradient);
        Matrix<double> z = pass.Output;
        Require.Shape(Component, nameof(outputGradient), [outputGradient.RowCount, outputGradient.ColumnCount],
            [z.RowCount, z.ColumnCount], "the shape Forward returned");
        Matrix<double> a = pass.Weights;
        Matrix<double> dV = Gemm.MultiplyFast(a.Transpose(), outputGradient);                 // Aᵀ·G
        Matrix<double> dA = Gemm.MultiplyFast(outputGradient, pass.V.Transpose());            // G·Vᵀ
        Vector<double> rowSums = dA.PointwiseMultiply(a).RowSums();                       // rowsum(∂L/∂A ⊙ A)
        Matrix<double> dS = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount,
            (i, j) => a[i, j] * (dA[i, j] - rowSums[i]));                                 // through each row's softmax
        double scale = 1 / Math.Sqrt(pass.Q.ColumnCount);
        return new ScaledDotProductAttentionGradients(
            Gemm.MultiplyFast(dS, pass.K) * scale, Gemm.MultiplyFast(dS.Transpose(), pass.Q) * scale, dV);
    }
}

/// <summary>
/// What <see cref="ScaledDotProductAttention.Forward"/> computed, and the inputs its backward pass needs.
/// </summary>
/// <param name="Q">The queries, (queries, d_k).</param>
/// <param name="K">The keys, (keys, d_k).</param>
/// <param name="V">The values, (keys, d_v).</param>
/// <param name="Scores">S = Q·Kᵀ/√d_k, (queries, keys).</param>
/// <param name="Weights">A = softmax of each row of S, (queries, keys), rows summing to 1.</param>
/// <param name="Output">Z = A·V, (queries, d_v).</param>
public sealed record ScaledDotProductAttentionPass(Matrix<double> Q, Matrix<double> K, Matrix<double> V,
    Matrix<double> Scores, Matrix<double> Weights, Matrix<double> Output);

/// <summary>The gradients of <see cref="ScaledDotProductAttention.Backward"/>.</summary>
/// <param name="Q">∂L/∂Q, (queries, d_k).</param>
/// <param name="K">∂L/∂K, (keys, d_k).</param>
/// <param name="V">∂L/∂V, (keys, d_v).</param>
public sealed record ScaledDotProductAttentionGradients(Matrix<double> Q, Matrix<double> K, Matrix<double> V);
