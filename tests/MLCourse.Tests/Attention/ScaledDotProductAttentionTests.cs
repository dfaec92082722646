using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using F = TorchSharp.torch.nn.functional;

namespace MLCourse.Tests.Attention;

public class ScaledDotProductAttentionTests
{
    private static Matrix<double> Random(Random random, int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 2 - 1);

    private static double Max(torch.Tensor expected, Matrix<double> actual) =>
        expected.detach().contiguous().data<double>().ToArray().Zip(actual.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));

    [Fact]
    public void Scores_weights_and_output_agree_with_TorchSharp_for_more_keys_than_queries_and_wider_values()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(3);
        var (q, k, v) = (Random(random, 3, 4), Random(random, 5, 4), Random(random, 5, 6));   // 3 queries, 5 keys, d_k = 4, d_v = 6

        var pass = ScaledDotProductAttention.Forward(q, k, v);

        var (tq, tk, tv) = (q.ToTensor(), k.ToTensor(), v.ToTensor());
        var scores = tq.matmul(tk.T) / 2.0;   // √d_k = 2
        Assert.True(Max(scores, pass.Scores) < 1e-12);
        Assert.True(Max(torch.softmax(scores, 1), pass.Weights) < 1e-12);
        Assert.True(Max(F.scaled_dot_product_attention(tq.unsqueeze(0), tk.unsqueeze(0), tv.unsqueeze(0)).squeeze(0), pass.Output) < 1e-12);
        Assert.Equal((3, 6), (pass.Output.RowCount, pass.Output.ColumnCount));
    }

    [Fact]
    public void Keys_of_another_width_than_the_queries_are_refused()
    {
        var random = new Random(4);

        var error = Assert.Throws<ArgumentException>(() => ScaledDotProductAttention.Forward(Random(random, 3, 4), Random(random, 5, 3), Random(random, 5, 2)));

        Assert.StartsWith("ScaledDotProductAttention: k must have shape (5, 4) ((keys, d_k) with d_k the width of q), but has shape (5, 3).", error.Message);
    }

    [Fact]
    public void Self_attention_with_non_square_projections_agrees_with_TorchSharp_head_by_head()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(5);
        var attention = new SelfAttention(inputs: 6, heads: 2, keySize: 3, valueSize: 5, outputs: 4, random);
        var x = Random(random, 7, 6);

        var pass = attention.Forward(x);

        var tx = x.ToTensor();
        torch.Tensor Project(Matrix<double> w, Vector<double> b) => F.linear(tx, w.ToTensor(), b.ToTensor());
        var (q, k, v) = (Project(attention.Wq, attention.Bq), Project(attention.Wk, attention.Bk), Project(attention.Wv, attention.Bv));
        var split = (torch.Tensor t, int width) => t.view(7, 2, width).transpose(0, 1);   // (heads, tokens, width)
        var heads = F.scaled_dot_product_attention(split(q, 3), split(k, 3), split(v, 5));   // (2, 7, 5)
        var output = F.linear(heads.transpose(0, 1).reshape(7, 10), attention.Wo.ToTensor(), attention.Bo.ToTensor());
        Assert.True(Max(output, pass.Output) < 1e-12);
        Assert.Equal((7, 4), (pass.Output.RowCount, pass.Output.ColumnCount));
        Assert.All(pass.Heads, h => Assert.Equal((7, 7), (h.Scores.RowCount, h.Scores.ColumnCount)));
    }

    [Fact]
    public void Self_attention_from_given_weights_computes_what_the_original_computes()
    {
        var random = new Random(6);
        var a = new SelfAttention(inputs: 5, heads: 3, keySize: 2, valueSize: 4, outputs: 5, random);
        var x = Random(random, 4, 5);

        var copy = SelfAttention.FromWeights(3, a.Wq, a.Bq, a.Wk, a.Bk, a.Wv, a.Bv, a.Wo, a.Bo);
        var wrong = Assert.Throws<ArgumentException>(() => SelfAttention.FromWeights(3, a.Wq, a.Bq, a.Wk, a.Bk, a.Wv, a.Bv, a.Wo.SubMatrix(0, 5, 0, 11), a.Bo));

        Assert.Equal(a.Forward(x).Output.ToRowMajorArray(), copy.Forward(x).Output.ToRowMajorArray());
        Assert.StartsWith("SelfAttention: wo must have shape (5, 12) ((d_out, h·d_v), h·d_v from wv), but has shape (5, 11).", wrong.Message);
    }
}

public class ScaledDotProductAttentionBackwardTests(ITestOutputHelper output)
{
    [Fact]
    public void The_hand_written_backward_agrees_with_TorchSharp_autograd_on_non_square_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(11);
        Matrix<double> R(int rows, int columns) => AttentionCheck.Random(random, rows, columns);
        var (q, k, v, g) = (R(3, 4), R(5, 4), R(5, 6), R(3, 6));   // 3 queries, 5 keys, d_k = 4, d_v = 6

        var grads = ScaledDotProductAttention.Backward(ScaledDotProductAttention.Forward(q, k, v), g);

        torch.Tensor Leaf(Matrix<double> m) => m.ToTensor().requires_grad_(true);
        var (tq, tk, tv) = (Leaf(q), Leaf(k), Leaf(v));
        var z = torch.softmax(tq.matmul(tk.T) / 2.0, 1).matmul(tv);   // √d_k = 2
        (z * g.ToTensor()).sum().backward();
        double worst = new[]
        {
            AttentionCheck.Max(tq.grad!, grads.Q), AttentionCheck.Max(tk.grad!, grads.K),
            AttentionCheck.Max(tv.grad!, grads.V),
        }.Max();
        output.WriteLine($"worst |dQ, dK, dV − autograd| = {worst:E2}");
        Assert.True(worst <= 1e-10);
    }

    [Fact]
    public void The_hand_written_backward_passes_a_finite_difference_check()
    {
        var random = new Random(12);
        Matrix<double> R(int rows, int columns) => AttentionCheck.Random(random, rows, columns);
        var (q, k, v, g) = (R(4, 3), R(2, 3), R(2, 5), R(4, 5));   // more queries than keys this time
        var grads = ScaledDotProductAttention.Backward(ScaledDotProductAttention.Forward(q, k, v), g);
        double Loss() => ScaledDotProductAttention.Forward(q, k, v).Output.PointwiseMultiply(g).Enumerate().Sum();

        FiniteDifference.AssertMatches(q, grads.Q, Loss, 1e-8);
        FiniteDifference.AssertMatches(k, grads.K, Loss, 1e-8);
        FiniteDifference.AssertMatches(v, grads.V, Loss, 1e-8);
    }

    [Fact]
    public void An_output_gradient_of_the_wrong_shape_is_refused()
    {
        var random = new Random(13);
        Matrix<double> R(int rows, int columns) => AttentionCheck.Random(random, rows, columns);
        var pass = ScaledDotProductAttention.Forward(R(3, 4), R(5, 4), R(5, 6));

        var error = Assert.Throws<ArgumentException>(() => ScaledDotProductAttention.Backward(pass, R(3, 5)));

        Assert.StartsWith("ScaledDotProductAttention: outputGradient must have shape (3, 6) "
            + "(the shape Forward returned), but has shape (3, 5).", error.Message);
    }
}
