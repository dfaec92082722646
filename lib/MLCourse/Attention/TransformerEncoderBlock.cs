using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Attention;

/// <summary>
/// One transformer encoder block from scratch, as in the notes' diagram and TorchSharp's
/// <c>nn.TransformerEncoderLayer</c> with its defaults (post-norm, ReLU, no dropout at inference):
/// X₁ = LayerNorm(X + SelfAttention(X)) — "add and normalize" —, then
/// X₂ = LayerNorm(X₁ + W₂·relu(W₁·X₁ + b₁) + b₂) — the feed-forward network, added and normalised.
/// </summary>
/// <remarks>
/// On the library's one layer contract: <see cref="Forward"/> returns a <see cref="TransformerEncoderBlockPass"/>
/// holding the sub-layers' passes, <see cref="Backward"/> composes their backward passes (residuals add
/// gradients), <see cref="Step"/> steps every sub-layer. <see cref="FromWeights"/> builds it from given
/// weights; <see cref="CopyTo"/> and <see cref="CopyFrom"/> move them to and from a TorchSharp layer of the same
/// sizes. Introduced in notebook day 15.
/// </remarks>
public sealed class TransformerEncoderBlock
{
    private const string Component = "TransformerEncoderBlock";

    /// <summary>Creates the block's layers.</summary>
    /// <param name="d">Model width.</param>
    /// <param name="heads">Attention heads; must divide d.</param>
    /// <param name="feedForward">Hidden width of the feed-forward network.</param>
    /// <param name="random">Draws the initial weights.</param>
    public TransformerEncoderBlock(int d, int heads, int feedForward, Random random)
    {
        Attention = new SelfAttention(d, heads, random);
        double b1 = 1 / Math.Sqrt(d), b2 = 1 / Math.Sqrt(feedForward);
        W1 = Matrix<double>.Build.Dense(feedForward, d, (_, _) => (2 * random.NextDouble() - 1) * b1);
        B1 = Vector<double>.Build.Dense(feedForward, _ => (2 * random.NextDouble() - 1) * b1);
        W2 = Matrix<double>.Build.Dense(d, feedForward, (_, _) => (2 * random.NextDouble() - 1) * b2);
        B2 = Vector<double>.Build.Dense(d, _ => (2 * random.NextDouble() - 1) * b2);
        Norm1 = new LayerNorm(d);
        Norm2 = new LayerNorm(d);
    }

    private TransformerEncoderBlock(SelfAttention attention, Matrix<double> w1, Vector<double> b1, Matrix<double> w2,
        Vector<double> b2, LayerNorm norm1, LayerNorm norm2)
    {
        (Attention, W1, B1, W2, B2, Norm1, Norm2) = (attention, w1, b1, w2, b2, norm1, norm2);
    }

    /// <summary>Builds the block from given sub-layers and feed-forward weights (all copied).</summary>
    /// <param name="attention">The self-attention, (d, d) in and out so the residual X + SelfAttention(X) fits.</param>
    /// <param name="w1">W₁, (feedForward, d).</param>
    /// <param name="b1">b₁, (feedForward,).</param>
    /// <param name="w2">W₂, (d, feedForward).</param>
    /// <param name="b2">b₂, (d,).</param>
    /// <param name="norm1">The layer norm after attention, width d.</param>
    /// <param name="norm2">The layer norm after the feed-forward network, width d.</param>
    /// <exception cref="ArgumentException">Shapes that do not fit together, d taken from W₁'s columns.</exception>
    public static TransformerEncoderBlock FromWeights(SelfAttention attention, Matrix<double> w1, Vector<double> b1,
        Matrix<double> w2, Vector<double> b2, LayerNorm norm1, LayerNorm norm2)
    {
        Require.NotNull(Component, nameof(attention), attention);
        Require.NotNull(Component, nameof(w1), w1);
        Require.NotNull(Component, nameof(b1), b1);
        Require.NotNull(Component, nameof(w2), w2);
        Require.NotNull(Component, nameof(b2), b2);
        Require.NotNull(Component, nameof(norm1), norm1);
        Require.NotNull(Component, nameof(norm2), norm2);
        long d = w1.ColumnCount, feedForward = w1.RowCount;
        if (d == 0 || feedForward == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(w1));
        }
        var a = attention;
        Require.Shape(Component, "attention.Wq", [a.Wq.RowCount, a.Wq.ColumnCount], [a.Wq.RowCount, d],
            "(h·d_k, d), d from w1");
        Require.Shape(Component, "attention.Wo", [a.Wo.RowCount, a.Wo.ColumnCount], [d, a.Wo.ColumnCount],
            "(d, h·d_v), d from w1");
        Require.Length(Component, nameof(b1), b1, (int)feedForward);
        Require.Shape(Component, nameof(w2), [w2.RowCount, w2.ColumnCount], [d, feedForward],
            "(d, feedForward) from w1");
        Require.Length(Component, nameof(b2), b2, (int)d);
        Require.Length(Component, "norm1.Gamma", norm1.Gamma, (int)d);
        Require.Length(Component, "norm2.Gamma", norm2.Gamma, (int)d);
        return new TransformerEncoderBlock(
            SelfAttention.FromWeights(a.Heads, a.Wq, a.Bq, a.Wk, a.Bk, a.Wv, a.Bv, a.Wo, a.Bo),
            w1.Clone(), b1.Clone(), w2.Clone(), b2.Clone(),
            LayerNorm.FromWeights(norm1.Gamma, norm1.Beta, norm1.Epsilon),
            LayerNorm.FromWeights(norm2.Gamma, norm2.Beta, norm2.Epsilon));
    }

    /// <summary>
    /// Builds the block from a TorchSharp <c>nn.TransformerEncoderLayer</c> (the inverse of <see cref="CopyTo"/>):
    /// <c>self_attn.in_proj_*</c> and <c>self_attn.out_proj.*</c> into the attention's projections, as
    /// <see cref="SelfAttention.CopyFrom"/>; <c>linear1</c> and <c>linear2</c> into W₁, b₁, W₂, b₂; <c>norm1</c>
    /// and <c>norm2</c> into the layer norms' γ and β.
    /// </summary>
    /// <param name="layer">
    /// The layer; its dropout is not copied (the block has none) and its activation must be ReLU.
    /// </param>
    /// <param name="heads">Its number of heads (TorchSharp keeps it out of the parameters).</param>
    /// <param name="epsilon">
    /// The layer norms' ε, the layer's <c>layer_norm_eps</c> (TorchSharp's native layer does not expose it).
    /// </param>
    /// <exception cref="ArgumentException">
    /// The layer lacks a parameter, or its width is not a multiple of the heads.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one head, or ε not positive.</exception>
    public static TransformerEncoderBlock CopyFrom(TorchSharp.Modules.TransformerEncoderLayer layer, int heads,
        double epsilon = 1e-5)
    {
        Require.NotNull(Component, nameof(layer), layer);
        using var scope = torch.NewDisposeScope();
        torch.Tensor Weight(string name) => Parameter(layer, name).detach().to_type(torch.float64);
        var attention = SelfAttention.FromInProjection(heads, Weight("self_attn.in_proj_weight").ToMatrix(),
            Weight("self_attn.in_proj_bias").ToVector(), Weight("self_attn.out_proj.weight").ToMatrix(),
            Weight("self_attn.out_proj.bias").ToVector());
        LayerNorm Norm(string name) =>
            LayerNorm.FromWeights(Weight($"{name}.weight").ToVector(), Weight($"{name}.bias").ToVector(), epsilon);
        return FromWeights(attention, Weight("linear1.weight").ToMatrix(), Weight("linear1.bias").ToVector(),
            Weight("linear2.weight").ToMatrix(), Weight("linear2.bias").ToVector(), Norm("norm1"), Norm("norm2"));
    }

    /// <summary>The multi-head self-attention.</summary>
    public SelfAttention Attention { get; }

    /// <summary>W₁, (feedForward, d).</summary>
    public Matrix<double> W1 { get; }

    /// <summary>b₁.</summary>
    public Vector<double> B1 { get; }

    /// <summary>W₂, (d, feedForward).</summary>
    public Matrix<double> W2 { get; }

    /// <summary>b₂.</summary>
    public Vector<double> B2 { get; }

    /// <summary>The layer norm after attention.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>The layer norm after the feed-forward network.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Runs the block on <paramref name="x"/>, keeping every sub-layer's pass.</summary>
    /// <param name="x">(tokens, d).</param>
    /// <returns>The sub-passes and the output (tokens, d); deconstructs into (Output, Weights).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d columns.</exception>
    public TransformerEncoderBlockPass Forward(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, W1.ColumnCount);
        SelfAttentionPass attention = Attention.Forward(x);
        LayerNormPass norm1 = Norm1.Forward(x + attention.Output);                                  // add & normalize
        Matrix<double> x1 = norm1.Output;
        // x₁·W₁ᵀ + b₁
        Matrix<double> preActivation = Gemm.MultiplyFast(x1, W1.Transpose()) + B1.RepeatRows(x.RowCount);
        Matrix<double> hidden = preActivation.PointwiseMaximum(0);                                    // relu
        LayerNormPass norm2 = Norm2.Forward(x1 + Gemm.MultiplyFast(hidden, W2.Transpose()) + B2.RepeatRows(x.RowCount));
        return new TransformerEncoderBlockPass(x, attention, norm1, preActivation, hidden, norm2);
    }

    /// <summary>
    /// The backward pass, the forward pass in reverse: through <see cref="Norm2"/>'s backward; the residual
    /// X₁ + FFN(X₁) sends that gradient both into the feed-forward network (W₂, relu, W₁) and straight to X₁,
    /// where the two add; through <see cref="Norm1"/>'s backward; the residual X + SelfAttention(X) again
    /// sends it into <see cref="SelfAttention.Backward"/> and straight to X, and ∂L/∂X is the sum.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂output, (tokens, d).</param>
    /// <returns>The sub-layers' gradients, the feed-forward weights' and ∂L/∂X.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputGradient"/> is not the shape of the output.
    /// </exception>
    public TransformerEncoderBlockGradients Backward(TransformerEncoderBlockPass pass, Matrix<double> outputGradient)
    {
        Matrix<double> output = pass.Output;
        Require.Shape(Component, nameof(outputGradient), [outputGradient.RowCount, outputGradient.ColumnCount],
            [output.RowCount, output.ColumnCount], "the shape Forward returned");
        LayerNormGradients norm2 = Norm2.Backward(pass.Norm2, outputGradient);   // ∂L/∂(X₁ + FFN(X₁))
        Matrix<double> dHidden = Gemm.MultiplyFast(norm2.X, W2);
        Matrix<double> dPreActivation = Matrix<double>.Build.Dense(dHidden.RowCount, dHidden.ColumnCount,
            (i, j) => pass.PreActivation[i, j] > 0 ? dHidden[i, j] : 0);      // relu′
        Matrix<double> dX1 = norm2.X + Gemm.MultiplyFast(dPreActivation, W1);        // residual + through the FFN
        LayerNormGradients norm1 = Norm1.Backward(pass.Norm1, dX1);              // ∂L/∂(X + SelfAttention(X))
        SelfAttentionGradients attention = Attention.Backward(pass.Attention, norm1.X);
        return new TransformerEncoderBlockGradients(attention, norm1,
            Gemm.MultiplyFast(dPreActivation.Transpose(), pass.Norm1.Output), dPreActivation.ColumnSums(),
            Gemm.MultiplyFast(norm2.X.Transpose(), pass.Hidden), norm2.X.ColumnSums(), norm2, norm1.X + attention.X);
    }

    /// <summary>One gradient-descent step on every weight of the block: θ ← θ − η·∂L/∂θ.</summary>
    /// <param name="gradients">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(TransformerEncoderBlockGradients gradients, double learningRate)
    {
        Attention.Step(gradients.Attention, learningRate);
        Norm1.Step(gradients.Norm1, learningRate);
        Norm2.Step(gradients.Norm2, learningRate);
        W1.Subtract(learningRate * gradients.W1, W1);
        B1.Subtract(learningRate * gradients.B1, B1);
        W2.Subtract(learningRate * gradients.W2, W2);
        B2.Subtract(learningRate * gradients.B2, B2);
    }

    /// <summary>Writes every weight into a TorchSharp encoder layer of the same sizes.</summary>
    /// <param name="layer">The layer, created with the block's d, heads and feedForward.</param>
    /// <exception cref="ArgumentException">The layer lacks one of the twelve parameters.</exception>
    public void CopyTo(TorchSharp.Modules.TransformerEncoderLayer layer)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var a = Attention;
        Set(layer, "self_attn.in_proj_weight", a.Wq.Stack(a.Wk).Stack(a.Wv).ToTensor());
        Set(layer, "self_attn.in_proj_bias", torch.tensor(a.Bq.Concat(a.Bk).Concat(a.Bv).ToArray(), torch.float64));
        Set(layer, "self_attn.out_proj.weight", a.Wo.ToTensor());
        Set(layer, "self_attn.out_proj.bias", a.Bo.ToTensor());
        Set(layer, "linear1.weight", W1.ToTensor());
        Set(layer, "linear1.bias", B1.ToTensor());
        Set(layer, "linear2.weight", W2.ToTensor());
        Set(layer, "linear2.bias", B2.ToTensor());
        Set(layer, "norm1.weight", Norm1.Gamma.ToTensor());
        Set(layer, "norm1.bias", Norm1.Beta.ToTensor());
        Set(layer, "norm2.weight", Norm2.Gamma.ToTensor());
        Set(layer, "norm2.bias", Norm2.Beta.ToTensor());
    }

    private static void Set(TorchSharp.Modules.TransformerEncoderLayer layer, string name, torch.Tensor value) =>
        Parameter(layer, name).copy_(value);

    private static torch.Tensor Parameter(TorchSharp.Modules.TransformerEncoderLayer layer, string name) =>
        TorchModuleParts.Parameter(Component, nameof(layer), layer, name);
}

/// <summary>What <see cref="TransformerEncoderBlock.Forward"/> computed: every sub-layer's pass.</summary>
/// <param name="X">The input, (tokens, d).</param>
/// <param name="Attention">The self-attention's pass on X.</param>
/// <param name="Norm1">The first layer norm's pass on X + SelfAttention(X); its output is X₁.</param>
/// <param name="PreActivation">X₁·W₁ᵀ + b₁, (tokens, feedForward).</param>
/// <param name="Hidden">relu of it, (tokens, feedForward).</param>
/// <param name="Norm2">The second layer norm's pass on X₁ + Hidden·W₂ᵀ + b₂, its output the block's.</param>
public sealed record TransformerEncoderBlockPass(Matrix<double> X, SelfAttentionPass Attention, LayerNormPass Norm1,
    Matrix<double> PreActivation, Matrix<double> Hidden, LayerNormPass Norm2)
{
    /// <summary>The block's output X₂, (tokens, d).</summary>
    public Matrix<double> Output => Norm2.Output;

    /// <summary>Each head's attention weights (tokens, tokens).</summary>
    public IReadOnlyList<Matrix<double>> Weights => Attention.Weights;

    /// <summary>
    /// Deconstructs into the output and the heads' weights, as <c>var (x2, maps) = block.Forward(x)</c>.
    /// </summary>
    /// <param name="output">(tokens, d).</param>
    /// <param name="weights">One (tokens, tokens) matrix per head.</param>
    public void Deconstruct(out Matrix<double> output, out IReadOnlyList<Matrix<double>> weights) =>
        (output, weights) = (Output, Weights);
}

/// <summary>The gradients of <see cref="TransformerEncoderBlock.Backward"/>.</summary>
/// <param name="Attention">The self-attention's gradients.</param>
/// <param name="Norm1">The first layer norm's gradients.</param>
/// <param name="W1">∂L/∂W₁, (feedForward, d).</param>
/// <param name="B1">∂L/∂b₁, (feedForward,).</param>
/// <param name="W2">∂L/∂W₂, (d, feedForward).</param>
/// <param name="B2">∂L/∂b₂, (d,).</param>
/// <param name="Norm2">The second layer norm's gradients.</param>
/// <param name="X">∂L/∂X, (tokens, d).</param>
public sealed record TransformerEncoderBlockGradients(SelfAttentionGradients Attention, LayerNormGradients Norm1,
    Matrix<double> W1, Vector<double> B1, Matrix<double> W2, Vector<double> B2, LayerNormGradients Norm2,
    Matrix<double> X);
