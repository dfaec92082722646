using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Attention;

/// <summary>
/// Multi-head self-attention from scratch (the notes' "Self attention"): from every input vector
/// make a query, a key and a value, Q = X·W_Qᵀ + b_Q, K = X·W_Kᵀ + b_K, V = X·W_Vᵀ + b_V; score every
/// pair by Q·Kᵀ/√d_k; softmax each row; Z = softmax(Q·Kᵀ/√d_k)·V (<see cref="ScaledDotProductAttention"/>).
/// With h heads the projections' rows are split into h groups (d_k each for Q and K, d_v for V),
/// attended separately and concatenated, then projected by W_O.
/// </summary>
/// <remarks>
/// Projections may be non-square: inputs of width d_in, queries and keys of h·d_k, values of h·d_v,
/// outputs of d_out. The square case (all d, d_k = d_v = d/h) is TorchSharp's <c>nn.MultiheadAttention</c>
/// layout (W_Q, W_K, W_V, W_O each (d, d), applied as x·Wᵀ), so <see cref="CopyTo"/>, <see cref="CopyFrom"/> and
/// <see cref="TransformerEncoderBlock.CopyTo"/> can copy them across. The layer follows the library's one
/// contract: <see cref="Forward"/> returns a
/// <see cref="SelfAttentionPass"/> with every head's scores and weights, <see cref="Backward"/> the gradients
/// of every projection and of X by hand (each head through <see cref="ScaledDotProductAttention.Backward"/>),
/// <see cref="Step"/> one gradient-descent step. The course's classifier trains attention with TorchSharp;
/// the tests prove the hand-written gradients agree with its autograd. <see cref="ForwardFast"/>
/// (<c>SelfAttention.Fast.cs</c>) computes the same output for inference, faster. Introduced in notebook day 15.
/// </remarks>
public sealed partial class SelfAttention
{
    private const string Component = "SelfAttention";

    /// <summary>Creates square projections (d, d) with weights uniform in ±1/√d; d_k = d_v = d/h.</summary>
    /// <exception cref="ArgumentException"><paramref name="heads"/> does not divide <paramref name="d"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one head.</exception>
    public SelfAttention(int d, int heads, Random random)
        : this(d, heads, HeadSize(d, heads), HeadSize(d, heads), d, random)
    {
    }

    private static int HeadSize(int d, int heads) =>
        heads < 1 ? throw ErrorMessage.OutOfRange(Component, nameof(heads), "at least 1", heads)
        : d % heads != 0 ? throw ErrorMessage.Must(Component, nameof(heads), $"divide the model width d = {d}",
            $"is {heads}")
        : d / heads;

    /// <summary>
    /// Creates projections of any widths, weights uniform in ±1/√fan-in (as TorchSharp's <c>nn.Linear</c>).
    /// </summary>
    /// <param name="inputs">d_in, the width of each input row.</param>
    /// <param name="heads">h ≥ 1.</param>
    /// <param name="keySize">d_k per head (queries and keys).</param>
    /// <param name="valueSize">d_v per head.</param>
    /// <param name="outputs">d_out, the width of each output row.</param>
    /// <param name="random">Draws the weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    public SelfAttention(int inputs, int heads, int keySize, int valueSize, int outputs, Random random)
    {
        int[] sizes = [inputs, heads, keySize, valueSize, outputs];
        string[] names = [nameof(inputs), nameof(heads), nameof(keySize), nameof(valueSize), nameof(outputs)];
        int bad = Array.FindIndex(sizes, n => n < 1);
        if (bad >= 0)
        {
            throw ErrorMessage.OutOfRange(Component, names[bad], "at least 1", sizes[bad]);
        }
        var init = new UniformInit(random, inputs);
        var outputInit = new UniformInit(random, heads * valueSize);
        (Wq, Wk, Wv) = (init.NextMatrix(heads * keySize, inputs),
            init.NextMatrix(heads * keySize, inputs), init.NextMatrix(heads * valueSize, inputs));
        Wo = outputInit.NextMatrix(outputs, heads * valueSize);
        (Bq, Bk, Bv) = (init.NextVector(heads * keySize),
            init.NextVector(heads * keySize), init.NextVector(heads * valueSize));
        Bo = outputInit.NextVector(outputs);
        Heads = heads;
    }

    private SelfAttention(int heads, Matrix<double>[] weights, Vector<double>[] biases)
    {
        Heads = heads;
        (Wq, Wk, Wv, Wo) = (weights[0], weights[1], weights[2], weights[3]);
        (Bq, Bk, Bv, Bo) = (biases[0], biases[1], biases[2], biases[3]);
    }

    /// <summary>Builds the layer from given projections (copied).</summary>
    /// <param name="heads">h ≥ 1; the rows of W_Q, W_K and W_V must split evenly into h heads.</param>
    /// <param name="wq">W_Q, (h·d_k, d_in).</param>
    /// <param name="bq">b_Q, (h·d_k,).</param>
    /// <param name="wk">W_K, (h·d_k, d_in).</param>
    /// <param name="bk">b_K, (h·d_k,).</param>
    /// <param name="wv">W_V, (h·d_v, d_in).</param>
    /// <param name="bv">b_V, (h·d_v,).</param>
    /// <param name="wo">W_O, (d_out, h·d_v).</param>
    /// <param name="bo">b_O, (d_out,).</param>
    /// <exception cref="ArgumentException">Shapes that do not fit together.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one head.</exception>
    public static SelfAttention FromWeights(int heads, Matrix<double> wq,
        Vector<double> bq, Matrix<double> wk, Vector<double> bk,
        Matrix<double> wv, Vector<double> bv, Matrix<double> wo, Vector<double> bo)
    {
        Require.NotNull(Component, nameof(wq), wq);
        Require.NotNull(Component, nameof(bq), bq);
        Require.NotNull(Component, nameof(wk), wk);
        Require.NotNull(Component, nameof(bk), bk);
        Require.NotNull(Component, nameof(wv), wv);
        Require.NotNull(Component, nameof(bv), bv);
        Require.NotNull(Component, nameof(wo), wo);
        Require.NotNull(Component, nameof(bo), bo);
        if (heads < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(heads), "at least 1", heads);
        }
        int inputs = wq.ColumnCount;
        if (wq.RowCount == 0 || wq.RowCount % heads != 0 || wv.RowCount == 0 || wv.RowCount % heads != 0)
        {
            bool query = wq.RowCount == 0 || wq.RowCount % heads != 0;
            throw ErrorMessage.Shape(Component, query ? nameof(wq) : nameof(wv), $"(h·d, d_in) with h = {heads}",
                ErrorMessage.FormatShape(query ? wq.RowCount : wv.RowCount, query ? wq.ColumnCount : wv.ColumnCount));
        }
        Require.Shape(Component, nameof(wk), [wk.RowCount, wk.ColumnCount], [wq.RowCount, inputs], "the shape of wq");
        Require.Shape(Component, nameof(wv), [wv.RowCount, wv.ColumnCount],
            [wv.RowCount, inputs], "(h·d_v, d_in), d_in from wq");
        Require.Shape(Component, nameof(wo), [wo.RowCount, wo.ColumnCount],
            [wo.RowCount, wv.RowCount], "(d_out, h·d_v), h·d_v from wv");
        Require.Length(Component, nameof(bq), bq, wq.RowCount);
        Require.Length(Component, nameof(bk), bk, wk.RowCount);
        Require.Length(Component, nameof(bv), bv, wv.RowCount);
        Require.Length(Component, nameof(bo), bo, wo.RowCount);
        return new SelfAttention(heads, [wq.Clone(), wk.Clone(), wv.Clone(), wo.Clone()],
            [bq.Clone(), bk.Clone(), bv.Clone(), bo.Clone()]);
    }

    /// <summary>The number of heads h.</summary>
    public int Heads { get; }

    /// <summary>W_Q, (h·d_k, d_in).</summary>
    public Matrix<double> Wq { get; }

    /// <summary>W_K, (h·d_k, d_in).</summary>
    public Matrix<double> Wk { get; }

    /// <summary>W_V, (h·d_v, d_in).</summary>
    public Matrix<double> Wv { get; }

    /// <summary>W_O, (d_out, h·d_v), the output projection.</summary>
    public Matrix<double> Wo { get; }

    /// <summary>b_Q, (h·d_k,).</summary>
    public Vector<double> Bq { get; }

    /// <summary>b_K, (h·d_k,).</summary>
    public Vector<double> Bk { get; }

    /// <summary>b_V, (h·d_v,).</summary>
    public Vector<double> Bv { get; }

    /// <summary>b_O, (d_out,).</summary>
    public Vector<double> Bo { get; }

    /// <summary>Attends every token of <paramref name="x"/> to every other.</summary>
    /// <param name="x">(tokens, d_in).</param>
    /// <returns>
    /// Q, K, V, every head's scores, weights and output, and the output (tokens, d_out);
    /// deconstructs into (Output, Weights).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d_in columns.</exception>
    public SelfAttentionPass Forward(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Wq.ColumnCount);
        int dk = Wq.RowCount / Heads, dv = Wv.RowCount / Heads;
        // x·Wᵀ + b
        Matrix<double> Project(Matrix<double> w, Vector<double> b)
            => Gemm.MultiplyFast(x, w.Transpose()) + b.RepeatRows(x.RowCount);
        // (tokens, h·d_k), (tokens, h·d_k), (tokens, h·d_v)
        Matrix<double> q = Project(Wq, Bq), k = Project(Wk, Bk), v = Project(Wv, Bv);
        var concatenated = Matrix<double>.Build.Dense(x.RowCount, Wv.RowCount);
        var heads = new List<ScaledDotProductAttentionPass>();
        for (int head = 0; head < Heads; head++)
        {
            var attended = ScaledDotProductAttention.Forward(q.SubMatrix(0, x.RowCount, head * dk, dk),
                k.SubMatrix(0, x.RowCount, head * dk, dk), v.SubMatrix(0, x.RowCount, head * dv, dv));
            concatenated.SetSubMatrix(0, head * dv, attended.Output);                         // Z_h = A_h·V_h
            heads.Add(attended);
        }
        return new SelfAttentionPass(x, q, k, v, heads, concatenated,
            Gemm.MultiplyFast(concatenated, Wo.Transpose()) + Bo.RepeatRows(x.RowCount));
    }

    /// <summary>
    /// The backward pass. With G = ∂L/∂output: ∂L/∂W_O = Gᵀ·C, ∂L/∂b_O = column sums of G and
    /// ∂L/∂C = G·W_O for the concatenated heads C; each head's slice goes back through
    /// <see cref="ScaledDotProductAttention.Backward"/> into its slice of ∂L/∂Q, ∂L/∂K, ∂L/∂V; then for
    /// each projection P = X·Wᵀ + b: ∂L/∂W = (∂L/∂P)ᵀ·X, ∂L/∂b = column sums of ∂L/∂P, and X, used by
    /// all three, collects ∂L/∂X = ∂L/∂Q·W_Q + ∂L/∂K·W_K + ∂L/∂V·W_V.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂output, (tokens, d_out).</param>
    /// <returns>The gradient of every weight and bias, and ∂L/∂X (tokens, d_in).</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputGradient"/> is not the shape of the output.
    /// </exception>
    public SelfAttentionGradients Backward(SelfAttentionPass pass, Matrix<double> outputGradient)
    {
        Matrix<double> output = pass.Output;
        Require.Shape(Component, nameof(outputGradient), [outputGradient.RowCount, outputGradient.ColumnCount],
            [output.RowCount, output.ColumnCount], "the shape Forward returned");
        int tokens = pass.X.RowCount, dk = Wq.RowCount / Heads, dv = Wv.RowCount / Heads;
        Matrix<double> dConcatenated = Gemm.MultiplyFast(outputGradient, Wo);                  // (tokens, h·d_v)
        Matrix<double> dQ = Matrix<double>.Build.Dense(tokens, Wq.RowCount);
        Matrix<double> dK = Matrix<double>.Build.Dense(tokens, Wk.RowCount);
        Matrix<double> dV = Matrix<double>.Build.Dense(tokens, Wv.RowCount);
        for (int head = 0; head < Heads; head++)
        {
            var g = ScaledDotProductAttention.Backward(pass.Heads[head],
                dConcatenated.SubMatrix(0, tokens, head * dv, dv));                         // this head's slice
            dQ.SetSubMatrix(0, head * dk, g.Q);
            dK.SetSubMatrix(0, head * dk, g.K);
            dV.SetSubMatrix(0, head * dv, g.V);
        }
        Matrix<double> dX = Gemm.MultiplyFast(dQ, Wq) + Gemm.MultiplyFast(dK, Wk) + Gemm.MultiplyFast(dV, Wv);
        Matrix<double> Weight(Matrix<double> d) => Gemm.MultiplyFast(d.Transpose(), pass.X);   // (∂L/∂P)ᵀ·X
        return new SelfAttentionGradients(Weight(dQ), dQ.ColumnSums(), Weight(dK), dK.ColumnSums(),
            Weight(dV), dV.ColumnSums(), Gemm.MultiplyFast(outputGradient.Transpose(), pass.Concatenated),
            outputGradient.ColumnSums(), dX);
    }

    /// <summary>
    /// Writes the projections into a TorchSharp <c>nn.MultiheadAttention</c> of the same width and heads (the
    /// square case): W_Q, W_K, W_V stacked into <c>in_proj_weight</c>, their biases into <c>in_proj_bias</c>, W_O
    /// and b_O into <c>out_proj</c>.
    /// </summary>
    /// <param name="attention">The module, created with bias (TorchSharp's default).</param>
    /// <exception cref="ArgumentException">
    /// The projections are not all (d, d), or the module has another width.
    /// </exception>
    public void CopyTo(TorchSharp.Modules.MultiheadAttention attention)
    {
        int d = Wq.ColumnCount;
        foreach (var (name, w) in new[] { ("Wq", Wq), ("Wk", Wk), ("Wv", Wv), ("Wo", Wo) })
        {
            Require.Shape(Component, name, [w.RowCount, w.ColumnCount], [d, d],
                "square, as nn.MultiheadAttention needs");
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.Tensor inProjection = Parameter(attention, "in_proj_weight");
        Require.Shape(Component, nameof(attention), inProjection.shape, [3 * d, d],
            "in_proj_weight, (3·d, d) with d = W_Q's width");
        inProjection.copy_(Wq.Stack(Wk).Stack(Wv).ToTensor());
        Parameter(attention, "in_proj_bias").copy_(torch.tensor(Bq.Concat(Bk).Concat(Bv).ToArray(), torch.float64));
        Parameter(attention, "out_proj.weight").copy_(Wo.ToTensor());
        Parameter(attention, "out_proj.bias").copy_(Bo.ToTensor());
    }

    private static torch.Tensor Parameter(TorchSharp.Modules.MultiheadAttention attention, string name) =>
        TorchModuleParts.Parameter(Component, nameof(attention), attention, name);

    /// <summary>
    /// Builds the layer from a TorchSharp <c>nn.MultiheadAttention</c> with bias (the inverse of <see cref="CopyTo"/>).
    /// </summary>
    /// <param name="attention">The module.</param>
    /// <param name="heads">Its number of heads (TorchSharp keeps it out of the parameters).</param>
    /// <exception cref="ArgumentException">
    /// The module has no biases, or its width is not a multiple of the heads.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one head.</exception>
    public static SelfAttention CopyFrom(TorchSharp.Modules.MultiheadAttention attention, int heads)
    {
        Require.NotNull(Component, nameof(attention), attention);
        using var scope = torch.NewDisposeScope();
        Matrix<double> AsMatrix(string name) => Parameter(attention, name).detach().to_type(torch.float64).ToMatrix();
        Vector<double> AsVector(string name) => Parameter(attention, name).detach().to_type(torch.float64).ToVector();
        return FromInProjection(heads, AsMatrix("in_proj_weight"), AsVector("in_proj_bias"),
            AsMatrix("out_proj.weight"), AsVector("out_proj.bias"));
    }

    /// <summary>
    /// Builds the layer from TorchSharp's packed layout: W_Q, W_K, W_V stacked in <paramref name="inProjection"/>
    /// (3·d, d), their biases in <paramref name="inBias"/> (3·d,).
    /// </summary>
    internal static SelfAttention FromInProjection(int heads, Matrix<double> inProjection, Vector<double> inBias,
        Matrix<double> outProjection, Vector<double> outBias)
    {
        int d = inProjection.ColumnCount;
        Require.Shape(Component, "in_proj_weight", [inProjection.RowCount, d], [3 * d, d], "W_Q, W_K, W_V stacked");
        Require.Length(Component, "in_proj_bias", inBias, 3 * d);
        Matrix<double> Rows(int block) => inProjection.SubMatrix(block * d, d, 0, d);
        Vector<double> Bias(int block) => inBias.SubVector(block * d, d);
        return FromWeights(heads, Rows(0), Bias(0), Rows(1), Bias(1), Rows(2), Bias(2), outProjection, outBias);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for every weight and bias.</summary>
    /// <param name="gradients">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(SelfAttentionGradients gradients, double learningRate)
    {
        var g = gradients;
        foreach (var (w, dw) in new[] { (Wq, g.Wq), (Wk, g.Wk), (Wv, g.Wv), (Wo, g.Wo) })
        {
            w.Subtract(learningRate * dw, w);
        }
        foreach (var (b, db) in new[] { (Bq, g.Bq), (Bk, g.Bk), (Bv, g.Bv), (Bo, g.Bo) })
        {
            b.Subtract(learningRate * db, b);
        }
    }
}

/// <summary>What <see cref="SelfAttention.Forward"/> computed, and the input its backward pass needs.</summary>
/// <param name="X">The input, (tokens, d_in).</param>
/// <param name="Q">X·W_Qᵀ + b_Q, (tokens, h·d_k).</param>
/// <param name="K">X·W_Kᵀ + b_K, (tokens, h·d_k).</param>
/// <param name="V">X·W_Vᵀ + b_V, (tokens, h·d_v).</param>
/// <param name="Heads">Each head's scores, weights (tokens, tokens) and output (tokens, d_v).</param>
/// <param name="Concatenated">The heads' outputs side by side, (tokens, h·d_v).</param>
/// <param name="Output">Concatenated·W_Oᵀ + b_O, (tokens, d_out).</param>
public sealed record SelfAttentionPass(Matrix<double> X, Matrix<double> Q, Matrix<double> K, Matrix<double> V,
    IReadOnlyList<ScaledDotProductAttentionPass> Heads, Matrix<double> Concatenated, Matrix<double> Output)
{
    /// <summary>Each head's attention weights (tokens, tokens), rows summing to 1.</summary>
    public IReadOnlyList<Matrix<double>> Weights => Heads.Select(h => h.Weights).ToArray();

    /// <summary>
    /// Deconstructs into the output and the heads' weights, as <c>var (z, maps) = attention.Forward(x)</c>.
    /// </summary>
    /// <param name="output">(tokens, d_out).</param>
    /// <param name="weights">One (tokens, tokens) matrix per head.</param>
    public void Deconstruct(out Matrix<double> output, out IReadOnlyList<Matrix<double>> weights)
        => (output, weights) = (Output, Weights);
}

/// <summary>The gradients of <see cref="SelfAttention.Backward"/>, one per parameter, and ∂L/∂X.</summary>
/// <param name="Wq">∂L/∂W_Q, (h·d_k, d_in).</param>
/// <param name="Bq">∂L/∂b_Q, (h·d_k,).</param>
/// <param name="Wk">∂L/∂W_K, (h·d_k, d_in).</param>
/// <param name="Bk">∂L/∂b_K, (h·d_k,).</param>
/// <param name="Wv">∂L/∂W_V, (h·d_v, d_in).</param>
/// <param name="Bv">∂L/∂b_V, (h·d_v,).</param>
/// <param name="Wo">∂L/∂W_O, (d_out, h·d_v).</param>
/// <param name="Bo">∂L/∂b_O, (d_out,).</param>
/// <param name="X">∂L/∂X, (tokens, d_in).</param>
public sealed record SelfAttentionGradients(Matrix<double> Wq, Vector<double> Bq, Matrix<double> Wk, Vector<double> Bk,
    Matrix<double> Wv, Vector<double> Bv, Matrix<double> Wo, Vector<double> Bo, Matrix<double> X);
