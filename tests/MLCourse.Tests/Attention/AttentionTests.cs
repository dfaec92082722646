using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Attention;

public class AttentionTests
{
    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);

    [Fact]
    public void Softmax_of_large_scores_stays_finite_and_sums_to_1()
    {
        var p = Softmax.Of(V(1000, 1001, 999));

        Assert.All(p, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, p.Sum(), 1e-15);
        Assert.Equal(Math.Exp(1) / (1 + Math.Exp(1) + Math.Exp(-1)), p[1], 1e-15);
    }

    [Fact]
    public void Cosine_similarity_follows_the_notes_formula()
    {
        Assert.Equal(1.0, Similarity.Cosine(V(1, 2), V(2, 4)), 1e-15);
        Assert.Equal(0.0, Similarity.Cosine(V(1, 0), V(0, 3)), 1e-15);
        Assert.Equal((1 * 3 + 2 * 1) / (Math.Sqrt(5) * Math.Sqrt(10)), Similarity.Cosine(V(1, 2), V(3, 1)), 1e-15);
        Assert.Throws<ArgumentException>(() => Similarity.Cosine(V(0, 0), V(1, 1)));
    }

    [Fact]
    public void Positional_encoding_matches_the_closed_form()
    {
        var pe = PositionalEncoding.Sinusoidal(50, 16);

        Assert.Equal(Math.Sin(7 / Math.Pow(10000, 4 / 16.0)), pe[7, 4], 1e-15);
        Assert.Equal(Math.Cos(7 / Math.Pow(10000, 4 / 16.0)), pe[7, 5], 1e-15);
        Assert.Equal(1.0, pe[0, 1], 1e-15);   // cos 0
    }

    [Fact]
    public void Self_attention_weights_are_row_stochastic_and_additive_attention_weights_sum_to_1()
    {
        var random = new Random(2);
        var attention = new SelfAttention(d: 8, heads: 2, random);
        var x = Matrix<double>.Build.Dense(5, 8, (_, _) => random.NextDouble());

        var (output, weights) = attention.Forward(x);

        Assert.Equal((5, 8), (output.RowCount, output.ColumnCount));
        Assert.All(weights, w => Assert.All(w.EnumerateRows(), row => Assert.Equal(1.0, row.Sum(), 1e-12)));
        var identity = Matrix<double>.Build.DenseIdentity(2);
        var additive = AdditiveAttention.FromWeights(V(1, -1), identity, identity);
        var states = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var pass = additive.Forward(V(0.5, 0.1), states);
        Assert.Equal(1.0, pass.Weights.Sum(), 1e-15);
        Assert.Equal(pass.Weights[0] + pass.Weights[2], pass.Context[0], 1e-15);
        Assert.Equal(Math.Tanh(1.5) - Math.Tanh(0.1), pass.Scores[0], 1e-15);   // v·tanh(W·s + U·h_1), h_1 = (1, 0)
    }

    [Fact]
    public void A_transformer_encoder_block_from_scratch_equals_TorchSharps_with_the_same_weights()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(7);
        var block = new TransformerEncoderBlock(d: 8, heads: 2, feedForward: 16, random);
        for (int j = 0; j < 8; j++) { block.Norm1.Gamma[j] = 1 + 0.1 * j; block.Norm2.Beta[j] = -0.05 * j; }
        var x = Matrix<double>.Build.Dense(6, 8, (_, _) => random.NextDouble() * 2 - 1);

        using var layer = torch.nn.TransformerEncoderLayer(8, 2, 16, dropout: 0.0);
        layer.to(torch.float64);
        block.CopyTo(layer);
        layer.eval();
        var expected = layer.call(x.ToTensor().unsqueeze(1)).squeeze(1);   // (tokens, batch 1, d)

        var (output, _) = block.Forward(x);

        Assert.True(expected.contiguous().data<double>().ToArray().Zip(output.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second)) < 1e-10);
    }

    [Fact]
    public void A_width_that_the_heads_do_not_divide_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SelfAttention(10, 3, new Random(1)));

        Assert.Equal("SelfAttention: heads must divide the model width d = 10, but is 3. (Parameter 'heads')",
            error.Message);
    }
}
