using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Attention;

/// <summary>
/// One transformer encoder block from scratch, as in the notes' diagram and TorchSharp's
/// <c>nn.TransformerEncoderLayer</c> with its defaults (post-norm, ReLU, no dropout at inference):
/// X₁ = LayerNorm(X + SelfAttention(X)) — "add and normalize" —, then
/// X₂ = LayerNorm(X₁ + W₂·relu(W₁·X₁ + b₁) + b₂) — the feed-forward network, added and normalised.
/// </summary>
/// <remarks><see cref="CopyTo"/> writes the weights into a TorchSharp layer of the same sizes. Introduced in notebook day 15.</remarks>
public sealed class TransformerEncoderBlock
{
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

    /// <summary>The block's output for <paramref name="x"/> (tokens, d), and the attention weights.</summary>
    public (Matrix<double> Output, IReadOnlyList<Matrix<double>> Weights) Forward(Matrix<double> x)
    {
        var (attended, weights) = Attention.Forward(x);
        Matrix<double> x1 = Norm1.Forward(x + attended).Output;                                             // add & normalize
        Matrix<double> hidden = (x1.TransposeAndMultiply(W1) + B1.RepeatRows(x.RowCount)).PointwiseMaximum(0);   // relu(x₁·W₁ᵀ + b₁)
        Matrix<double> x2 = Norm2.Forward(x1 + hidden.TransposeAndMultiply(W2) + B2.RepeatRows(x.RowCount)).Output; // add & normalize
        return (x2, weights);
    }

    /// <summary>Writes every weight into a TorchSharp encoder layer of the same sizes.</summary>
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

    private static void Set(torch.nn.Module module, string name, torch.Tensor value) =>
        (module.named_parameters().FirstOrDefault(p => p.name == name).parameter
            ?? throw new InvalidOperationException($"TransformerEncoderBlock: TorchSharp's layer has no parameter '{name}'.")).copy_(value);
}
