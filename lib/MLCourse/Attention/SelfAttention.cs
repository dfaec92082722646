using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using MLCourse.Errors;

namespace MLCourse.Attention;

/// <summary>
/// Multi-head self-attention from scratch (the notes' "Self attention"): from every input vector
/// make a query, a key and a value, Q = X·W_Qᵀ + b_Q, K = X·W_Kᵀ + b_K, V = X·W_Vᵀ + b_V; score every
/// pair by Q·Kᵀ/√d_k; softmax each row; Z = softmax(Q·Kᵀ/√d_k)·V. With h heads the d columns are split
/// into h groups of d_k = d/h, attended separately and concatenated, then projected by W_O.
/// </summary>
/// <remarks>
/// Weights use TorchSharp's <c>nn.MultiheadAttention</c> layout (W_Q, W_K, W_V, W_O each (d, d),
/// applied as x·Wᵀ), so <see cref="TransformerEncoderBlock.CopyTo"/> can copy them across. Introduced in notebook day 14.
/// </remarks>
public sealed class SelfAttention
{
    private const string Component = "SelfAttention";

    /// <summary>Creates the projections with weights uniform in ±1/√d.</summary>
    /// <exception cref="ArgumentException"><paramref name="d"/> is not a multiple of <paramref name="heads"/>.</exception>
    public SelfAttention(int d, int heads, Random random)
    {
        if (heads < 1 || d % heads != 0)
        {
            throw new ArgumentException($"{Component}: the model width d = {d} must be a multiple of the number of heads, {heads}.", nameof(heads));
        }
        var init = new UniformInit(random, d);
        (Wq, Wk, Wv, Wo) = (init.NextMatrix(d, d), init.NextMatrix(d, d), init.NextMatrix(d, d), init.NextMatrix(d, d));
        (Bq, Bk, Bv, Bo) = (init.NextVector(d), init.NextVector(d), init.NextVector(d), init.NextVector(d));
        Heads = heads;
    }

    /// <summary>The number of heads h.</summary>
    public int Heads { get; }

    /// <summary>W_Q, (d, d).</summary>
    public Matrix<double> Wq { get; }

    /// <summary>W_K, (d, d).</summary>
    public Matrix<double> Wk { get; }

    /// <summary>W_V, (d, d).</summary>
    public Matrix<double> Wv { get; }

    /// <summary>W_O, (d, d), the output projection.</summary>
    public Matrix<double> Wo { get; }

    /// <summary>b_Q.</summary>
    public Vector<double> Bq { get; }

    /// <summary>b_K.</summary>
    public Vector<double> Bk { get; }

    /// <summary>b_V.</summary>
    public Vector<double> Bv { get; }

    /// <summary>b_O.</summary>
    public Vector<double> Bo { get; }

    /// <summary>Attends every token of <paramref name="x"/> to every other.</summary>
    /// <param name="x">(tokens, d).</param>
    /// <returns>The output (tokens, d) and each head's attention weights (tokens, tokens), rows summing to 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d columns.</exception>
    public (Matrix<double> Output, IReadOnlyList<Matrix<double>> Weights) Forward(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Wq.RowCount);
        int dk = Wq.RowCount / Heads;
        Matrix<double> Project(Matrix<double> w, Vector<double> b) => Gemm.Multiply(x, w.Transpose()) + b.RepeatRows(x.RowCount);   // x·Wᵀ + b
        Matrix<double> q = Project(Wq, Bq), k = Project(Wk, Bk), v = Project(Wv, Bv);   // (tokens, d) each
        var concatenated = Matrix<double>.Build.Dense(x.RowCount, Wq.RowCount);
        var weights = new List<Matrix<double>>();
        for (int head = 0; head < Heads; head++)
        {
            Matrix<double> qh = q.SubMatrix(0, x.RowCount, head * dk, dk), kh = k.SubMatrix(0, x.RowCount, head * dk, dk), vh = v.SubMatrix(0, x.RowCount, head * dk, dk);
            Matrix<double> a = Softmax.Rows(Gemm.Multiply(qh, kh.Transpose()) / Math.Sqrt(dk));   // softmax(Q·Kᵀ/√d_k), (tokens, tokens)
            concatenated.SetSubMatrix(0, head * dk, Gemm.Multiply(a, vh));                         // Z_h = A·V_h
            weights.Add(a);
        }
        return (Gemm.Multiply(concatenated, Wo.Transpose()) + Bo.RepeatRows(x.RowCount), weights);
    }
}
