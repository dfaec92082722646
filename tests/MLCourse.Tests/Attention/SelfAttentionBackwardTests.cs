using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using F = TorchSharp.torch.nn.functional;

namespace MLCourse.Tests.Attention;

public class SelfAttentionBackwardTests(ITestOutputHelper output)
{
    private static (SelfAttention Layer, Matrix<double> X, Matrix<double> G) Example(int seed, int inputs = 6,
        int heads = 2, int keySize = 3, int valueSize = 5, int outputs = 4, int tokens = 7)
    {
        var random = new Random(seed);
        var layer = new SelfAttention(inputs, heads, keySize, valueSize, outputs, random);
        return (layer, AttentionCheck.Random(random, tokens, inputs), AttentionCheck.Random(random, tokens, outputs));
    }

    private static double Loss(SelfAttention layer, Matrix<double> x, Matrix<double> g) =>
        layer.Forward(x).Output.PointwiseMultiply(g).Enumerate().Sum();

    private static double[] All(SelfAttentionGradients d) =>
    [
        .. d.Wq.ToRowMajorArray(), .. d.Bq, .. d.Wk.ToRowMajorArray(), .. d.Bk, .. d.Wv.ToRowMajorArray(), .. d.Bv,
        .. d.Wo.ToRowMajorArray(), .. d.Bo, .. d.X.ToRowMajorArray(),
    ];

    [Fact]
    public void Every_gradient_agrees_with_TorchSharp_autograd_for_non_square_projections()
    {
        using var scope = torch.NewDisposeScope();
        var (layer, x, g) = Example(21);

        var grads = layer.Backward(layer.Forward(x), g);

        torch.Tensor Leaf(Matrix<double> m) => m.ToTensor().requires_grad_(true);
        torch.Tensor LeafVector(Vector<double> v) => v.ToTensor().requires_grad_(true);
        var (wq, wk, wv, wo) = (Leaf(layer.Wq), Leaf(layer.Wk), Leaf(layer.Wv), Leaf(layer.Wo));
        var (bq, bk, bv, bo) = (LeafVector(layer.Bq), LeafVector(layer.Bk), LeafVector(layer.Bv), LeafVector(layer.Bo));
        var tx = Leaf(x);
        var split = (torch.Tensor t, int width) => t.view(7, 2, width).transpose(0, 1);   // (heads, tokens, width)
        var heads = F.scaled_dot_product_attention(split(F.linear(tx, wq, bq), 3), split(F.linear(tx, wk, bk), 3),
            split(F.linear(tx, wv, bv), 5));
        var z = F.linear(heads.transpose(0, 1).reshape(7, 10), wo, bo);
        (z * g.ToTensor()).sum().backward();

        var leaves = new[] { wq, bq, wk, bk, wv, bv, wo, bo, tx };
        var expected = torch.cat(leaves.Select(t => t.grad!.flatten()).ToArray(), 0);
        double worst = AttentionCheck.Max(expected, All(grads));
        output.WriteLine($"worst |gradient − autograd| = {worst:E2}");
        Assert.True(worst <= 1e-10);
    }

    [Fact]
    public void The_square_case_agrees_with_TorchSharps_nn_MultiheadAttention()
    {
        using var scope = torch.NewDisposeScope();
        var (layer, x, g) = Example(22, inputs: 8, heads: 2, keySize: 4, valueSize: 4, outputs: 8, tokens: 5);
        var pass = layer.Forward(x);
        var grads = layer.Backward(pass, g);

        using var mha = torch.nn.MultiheadAttention(8, 2);
        mha.to(torch.float64);
        layer.CopyTo(mha);
        var tx = x.ToTensor().unsqueeze(1).requires_grad_(true);                        // (tokens, batch 1, d)
        var (z, _) = mha.forward(tx, tx, tx, null, false, null);
        (z.squeeze(1) * g.ToTensor()).sum().backward();

        double[] inProjection = [.. grads.Wq.Stack(grads.Wk).Stack(grads.Wv).ToRowMajorArray()];
        double[] inBias = [.. grads.Bq, .. grads.Bk, .. grads.Bv];
        double worst = new[]
        {
            AttentionCheck.Max(z.squeeze(1), pass.Output),
            AttentionCheck.Max(AttentionCheck.Grad(mha, "in_proj_weight"), inProjection),
            AttentionCheck.Max(AttentionCheck.Grad(mha, "in_proj_bias"), inBias),
            AttentionCheck.Max(AttentionCheck.Grad(mha, "out_proj.weight"), grads.Wo),
            AttentionCheck.Max(AttentionCheck.Grad(mha, "out_proj.bias"), grads.Bo),
            AttentionCheck.Max(tx.grad!.squeeze(1), grads.X),
        }.Max();
        output.WriteLine($"worst |output or gradient − nn.MultiheadAttention| = {worst:E2}");
        Assert.True(worst <= 1e-10);
    }

    [Fact]
    public void Copying_to_nn_MultiheadAttention_and_back_gives_the_same_layer_and_only_square_layers_copy()
    {
        using var scope = torch.NewDisposeScope();
        var (layer, x, _) = Example(26, inputs: 6, heads: 3, keySize: 2, valueSize: 2, outputs: 6, tokens: 4);
        using var mha = torch.nn.MultiheadAttention(6, 3);
        mha.to(torch.float64);
        layer.CopyTo(mha);

        var back = SelfAttention.CopyFrom(mha, heads: 3);
        var (nonSquare, _, _) = Example(27);
        var error = Assert.Throws<ArgumentException>(() => nonSquare.CopyTo(mha));

        Assert.Equal(layer.Forward(x).Output.ToRowMajorArray(), back.Forward(x).Output.ToRowMajorArray());
        Assert.StartsWith("SelfAttention: Wv must have shape (6, 6) (square, as nn.MultiheadAttention needs), "
            + "but has shape (10, 6).", error.Message);   // d_v = 5 per head, 2 heads
    }

    [Fact]
    public void Every_gradient_passes_a_finite_difference_check()
    {
        var (layer, x, g) = Example(23, inputs: 5, heads: 3, keySize: 2, valueSize: 3, outputs: 4, tokens: 4);
        var grads = layer.Backward(layer.Forward(x), g);
        double L() => Loss(layer, x, g);

        var (a, d) = (layer, grads);
        foreach (var (w, dw) in new[] { (a.Wq, d.Wq), (a.Wk, d.Wk), (a.Wv, d.Wv), (a.Wo, d.Wo), (x, d.X) })
        {
            FiniteDifference.AssertMatches(w, dw, L, 1e-8);
        }
        foreach (var (b, db) in new[] { (a.Bq, d.Bq), (a.Bk, d.Bk), (a.Bv, d.Bv), (a.Bo, d.Bo) })
        {
            FiniteDifference.AssertMatches(b.AsArray(), db.ToArray(), L, 1e-8);
        }
    }

    [Fact]
    public void A_small_step_lowers_the_loss_and_leaves_the_layer_it_was_copied_from_alone()
    {
        var (layer, x, g) = Example(24);
        var a = layer;
        var copy = SelfAttention.FromWeights(2, a.Wq, a.Bq, a.Wk, a.Bk, a.Wv, a.Bv, a.Wo, a.Bo);

        copy.Step(copy.Backward(copy.Forward(x), g), learningRate: 0.01);

        Assert.True(Loss(copy, x, g) < Loss(layer, x, g));
        Assert.NotEqual(layer.Wq.ToRowMajorArray(), copy.Wq.ToRowMajorArray());
    }

    [Fact]
    public void An_output_gradient_of_the_wrong_shape_is_refused()
    {
        var (layer, x, _) = Example(25);

        var pass = layer.Forward(x);
        var error = Assert.Throws<ArgumentException>(() => layer.Backward(pass, Matrix<double>.Build.Dense(7, 6)));

        Assert.Equal("SelfAttention: outputGradient must have shape (7, 4) (the shape Forward returned), "
            + "but has shape (7, 6). (Parameter 'outputGradient')", error.Message);
    }
}
