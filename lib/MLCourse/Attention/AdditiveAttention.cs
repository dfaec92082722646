using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Attention;

/// <summary>
/// Bahdanau's additive attention for one decoder state (the notes'
/// Score(s_{t−1}, h_i) = v_aᵀ tanh(W·s_{t−1} + U·h_i)): a small network scores how well each
/// encoder state h_i matches the decoder state s_{t−1}; a softmax over i turns the scores e_i into
/// attention weights α_i, and the context is c = Σ α_i h_i.
/// </summary>
/// <remarks>
/// On the library's one layer contract: <see cref="Forward"/> returns an <see cref="AdditiveAttentionPass"/>
/// (the tanh activations, scores, weights and context), <see cref="Backward"/> the gradients of v, W, U
/// and of both inputs, <see cref="Step"/> one gradient-descent step; <see cref="FromWeights"/> builds it from
/// given weights. W and U are two matrices (not the notes' one W_att), since s and h may differ in width.
/// Introduced in notebook day 14.
/// </remarks>
public sealed class AdditiveAttention
{
    private const string Component = "AdditiveAttention";

    /// <summary>Creates the layer with weights uniform in ±1/√fan-in: W in ±1/√d_s, U in ±1/√d_h, v in ±1/√a.</summary>
    /// <param name="decoderSize">d_s, the width of the decoder state.</param>
    /// <param name="encoderSize">d_h, the width of each encoder state.</param>
    /// <param name="attentionSize">a, the width of the scoring network's hidden layer.</param>
    /// <param name="random">Draws the weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    public AdditiveAttention(int decoderSize, int encoderSize, int attentionSize, Random random)
    {
        int[] sizes = [decoderSize, encoderSize, attentionSize];
        string[] names = [nameof(decoderSize), nameof(encoderSize), nameof(attentionSize)];
        int bad = Array.FindIndex(sizes, n => n < 1);
        if (bad >= 0)
        {
            throw ErrorMessage.OutOfRange(Component, names[bad], "at least 1", sizes[bad]);
        }
        W = new UniformInit(random, decoderSize).NextMatrix(attentionSize, decoderSize);
        U = new UniformInit(random, encoderSize).NextMatrix(attentionSize, encoderSize);
        V = new UniformInit(random, attentionSize).NextVector(attentionSize);
    }

    private AdditiveAttention(Vector<double> v, Matrix<double> w, Matrix<double> u) => (V, W, U) = (v, w, u);

    /// <summary>Builds the layer from given weights (copied).</summary>
    /// <param name="v">v_a, (a,).</param>
    /// <param name="w">W, (a, d_s), applied to the decoder state.</param>
    /// <param name="u">U, (a, d_h), applied to each encoder state.</param>
    /// <exception cref="ArgumentException">v empty, or shapes that do not fit together.</exception>
    public static AdditiveAttention FromWeights(Vector<double> v, Matrix<double> w, Matrix<double> u)
    {
        Require.NotNull(Component, nameof(v), v);
        Require.NotNull(Component, nameof(w), w);
        Require.NotNull(Component, nameof(u), u);
        if (v.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(v));
        }
        Require.Shape(Component, nameof(w), [w.RowCount, w.ColumnCount], [v.Count, w.ColumnCount],
            "(a, d_s), a from v");
        Require.Shape(Component, nameof(u), [u.RowCount, u.ColumnCount], [v.Count, u.ColumnCount],
            "(a, d_h), a from v");
        return new AdditiveAttention(v.Clone(), w.Clone(), u.Clone());
    }

    /// <summary>v_a, (a,).</summary>
    public Vector<double> V { get; }

    /// <summary>W, (a, d_s).</summary>
    public Matrix<double> W { get; }

    /// <summary>U, (a, d_h).</summary>
    public Matrix<double> U { get; }

    /// <summary>Scores every encoder state against the decoder state, weights them and mixes them.</summary>
    /// <param name="decoderState">s_{t−1}, (d_s,).</param>
    /// <param name="encoderStates">h_1 … h_n as rows, (n, d_h).</param>
    /// <returns>The inputs, the tanh activations (n, a), scores and weights (n,) and the context (d_h,).</returns>
    /// <exception cref="ArgumentException">An input of the wrong width, or no encoder states.</exception>
    public AdditiveAttentionPass Forward(Vector<double> decoderState, Matrix<double> encoderStates)
    {
        Require.Length(Component, nameof(decoderState), decoderState, W.ColumnCount);
        if (encoderStates.RowCount == 0 || encoderStates.ColumnCount != U.ColumnCount)
        {
            throw ErrorMessage.Shape(Component, nameof(encoderStates), $"(n ≥ 1, {U.ColumnCount})",
                ErrorMessage.FormatShape(encoderStates.RowCount, encoderStates.ColumnCount));
        }
        Vector<double> query = W * decoderState;                                           // W·s, (a,)
        Matrix<double> hidden =
            (Gemm.MultiplyFast(encoderStates, U.Transpose()) + query.RepeatRows(encoderStates.RowCount))
            .PointwiseTanh();                                                              // row i: tanh(W·s + U·h_i)
        Vector<double> scores = hidden * V;                                                // e_i = vᵀ tanh(…)
        Vector<double> weights = Softmax.Of(scores);                                       // α
        return new AdditiveAttentionPass(decoderState, encoderStates, hidden, scores, weights,
            encoderStates.TransposeThisAndMultiply(weights));                              // c = Σ α_i h_i
    }

    /// <summary>
    /// The backward pass, with g = ∂L/∂c: ∂L/∂α_i = h_i·g and ∂L/∂h_i gets α_i·g directly; through
    /// the softmax ∂L/∂e = α ⊙ (∂L/∂α − α·∂L/∂α); ∂L/∂v = Σ_i ∂L/∂e_i·t_i with t_i the tanh
    /// activations; ∂L/∂a_i = ∂L/∂e_i·v ⊙ (1 − t_i²) for the pre-activations a_i = W·s + U·h_i; then
    /// ∂L/∂W = (Σ_i ∂L/∂a_i)·sᵀ, ∂L/∂s = Wᵀ·Σ_i ∂L/∂a_i, ∂L/∂U = Σ_i ∂L/∂a_i·h_iᵀ and
    /// ∂L/∂h_i += Uᵀ·∂L/∂a_i.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="contextGradient">∂L/∂c, (d_h,).</param>
    /// <returns>∂L/∂v, ∂L/∂W, ∂L/∂U, ∂L/∂s (d_s,) and ∂L/∂h (n, d_h).</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="contextGradient"/> is not the length of the context.
    /// </exception>
    public AdditiveAttentionGradients Backward(AdditiveAttentionPass pass, Vector<double> contextGradient)
    {
        Require.Length(Component, nameof(contextGradient), contextGradient, pass.Context.Count);
        Matrix<double> h = pass.EncoderStates, t = pass.Hidden;
        Vector<double> alpha = pass.Weights;
        Vector<double> dAlpha = h * contextGradient;                                       // ∂L/∂α_i = h_i·g
        Vector<double> dScores = alpha.PointwiseMultiply(dAlpha - alpha.DotProduct(dAlpha));   // through the softmax
        Matrix<double> dPre = Matrix<double>.Build.Dense(t.RowCount, t.ColumnCount,
            (i, j) => dScores[i] * V[j] * (1 - t[i, j] * t[i, j]));                         // through tanh, (n, a)
        Vector<double> dQuery = dPre.ColumnSums();                                         // W·s feeds every row
        Matrix<double> dEncoder = alpha.OuterProduct(contextGradient) + Gemm.MultiplyFast(dPre, U);
        return new AdditiveAttentionGradients(t.TransposeThisAndMultiply(dScores),
            dQuery.OuterProduct(pass.DecoderState), Gemm.MultiplyFast(dPre.Transpose(), h),
            W.TransposeThisAndMultiply(dQuery), dEncoder);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for v, W and U.</summary>
    /// <param name="gradients">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(AdditiveAttentionGradients gradients, double learningRate)
    {
        V.Subtract(learningRate * gradients.V, V);
        W.Subtract(learningRate * gradients.W, W);
        U.Subtract(learningRate * gradients.U, U);
    }
}

/// <summary>What <see cref="AdditiveAttention.Forward"/> computed, and the inputs its backward pass needs.</summary>
/// <param name="DecoderState">s_{t−1}, (d_s,).</param>
/// <param name="EncoderStates">h_1 … h_n as rows, (n, d_h).</param>
/// <param name="Hidden">The tanh activations, row i = tanh(W·s + U·h_i), (n, a).</param>
/// <param name="Scores">e_i = vᵀ·row i of Hidden, (n,).</param>
/// <param name="Weights">α = softmax(e), (n,), summing to 1.</param>
/// <param name="Context">c = Σ α_i h_i, (d_h,).</param>
public sealed record AdditiveAttentionPass(Vector<double> DecoderState, Matrix<double> EncoderStates,
    Matrix<double> Hidden, Vector<double> Scores, Vector<double> Weights, Vector<double> Context);

/// <summary>The gradients of <see cref="AdditiveAttention.Backward"/>.</summary>
/// <param name="V">∂L/∂v, (a,).</param>
/// <param name="W">∂L/∂W, (a, d_s).</param>
/// <param name="U">∂L/∂U, (a, d_h).</param>
/// <param name="DecoderState">∂L/∂s, (d_s,).</param>
/// <param name="EncoderStates">∂L/∂h, (n, d_h).</param>
public sealed record AdditiveAttentionGradients(Vector<double> V, Matrix<double> W, Matrix<double> U,
    Vector<double> DecoderState, Matrix<double> EncoderStates);
