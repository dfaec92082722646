using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;

namespace MLCourse.Tests.Attention;

public class TransformerEncoderBlockBackwardTests(ITestOutputHelper output)
{
    private static (TransformerEncoderBlock Block, Matrix<double> X, Matrix<double> G) Example(int seed, int d = 8,
        int heads = 2, int feedForward = 16, int tokens = 6)
    {
        var random = new Random(seed);
        var block = new TransformerEncoderBlock(d, heads, feedForward, random);
        for (int j = 0; j < d; j++)
        {
            (block.Norm1.Gamma[j], block.Norm1.Beta[j]) = (1 + 0.1 * j, 0.02 * j);   // not the identity: γ, β count
            (block.Norm2.Gamma[j], block.Norm2.Beta[j]) = (1 - 0.05 * j, -0.05 * j);
        }
        return (block, AttentionCheck.Random(random, tokens, d), AttentionCheck.Random(random, tokens, d));
    }

    private static double Loss(TransformerEncoderBlock block, Matrix<double> x, Matrix<double> g) =>
        block.Forward(x).Output.PointwiseMultiply(g).Enumerate().Sum();

    [Fact]
    public void Every_gradient_agrees_with_TorchSharps_TransformerEncoderLayer_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var (block, x, g) = Example(41);
        var pass = block.Forward(x);
        var d = block.Backward(pass, g);

        using var layer = torch.nn.TransformerEncoderLayer(8, 2, 16, dropout: 0.0);
        layer.to(torch.float64);
        block.CopyTo(layer);
        layer.eval();
        var tx = x.ToTensor().unsqueeze(1).requires_grad_(true);                        // (tokens, batch 1, d)
        var y = layer.call(tx).squeeze(1);
        (y * g.ToTensor()).sum().backward();

        var a = d.Attention;
        var expected = new (string Name, double[] Gradient)[]
        {
            ("self_attn.in_proj_weight", a.Wq.Stack(a.Wk).Stack(a.Wv).ToRowMajorArray()),
            ("self_attn.in_proj_bias", [.. a.Bq, .. a.Bk, .. a.Bv]),
            ("self_attn.out_proj.weight", a.Wo.ToRowMajorArray()), ("self_attn.out_proj.bias", a.Bo.ToArray()),
            ("linear1.weight", d.W1.ToRowMajorArray()), ("linear1.bias", d.B1.ToArray()),
            ("linear2.weight", d.W2.ToRowMajorArray()), ("linear2.bias", d.B2.ToArray()),
            ("norm1.weight", d.Norm1.Gamma.ToArray()), ("norm1.bias", d.Norm1.Beta.ToArray()),
            ("norm2.weight", d.Norm2.Gamma.ToArray()), ("norm2.bias", d.Norm2.Beta.ToArray()),
        };
        double worst = expected.Select(e => AttentionCheck.Max(AttentionCheck.Grad(layer, e.Name), e.Gradient))
            .Append(AttentionCheck.Max(tx.grad!.squeeze(1), d.X)).Append(AttentionCheck.Max(y, pass.Output)).Max();
        output.WriteLine($"worst |output or gradient − nn.TransformerEncoderLayer|, 12 parameters and X: {worst:E2}");
        Assert.True(worst <= 1e-10);
    }

    [Fact]
    public void Every_gradient_passes_a_finite_difference_check()
    {
        var (block, x, g) = Example(42, d: 4, heads: 2, feedForward: 6, tokens: 3);
        var d = block.Backward(block.Forward(x), g);
        double L() => Loss(block, x, g);

        foreach (var (w, dw) in new[] { (block.Attention.Wq, d.Attention.Wq), (block.Attention.Wo, d.Attention.Wo),
            (block.W1, d.W1), (block.W2, d.W2), (x, d.X) })
        {
            FiniteDifference.AssertMatches(w, dw, L, 1e-7);
        }
        foreach (var (b, db) in new[] { (block.Attention.Bk, d.Attention.Bk), (block.Attention.Bv, d.Attention.Bv),
            (block.B1, d.B1), (block.B2, d.B2), (block.Norm1.Gamma, d.Norm1.Gamma), (block.Norm1.Beta, d.Norm1.Beta),
            (block.Norm2.Gamma, d.Norm2.Gamma) })
        {
            FiniteDifference.AssertMatches(b.AsArray(), db.ToArray(), L, 1e-7);
        }
    }

    [Fact]
    public void A_small_step_lowers_the_loss()
    {
        var (block, x, g) = Example(43);
        double before = Loss(block, x, g);

        block.Step(block.Backward(block.Forward(x), g), learningRate: 0.01);

        Assert.True(Loss(block, x, g) < before);
    }

    [Fact]
    public void An_input_or_output_gradient_of_the_wrong_shape_is_refused()
    {
        var (block, x, _) = Example(44);

        var pass = block.Forward(x);
        var error = Assert.Throws<ArgumentException>(() => block.Backward(pass, Matrix<double>.Build.Dense(5, 8)));
        var input = Assert.Throws<ArgumentException>(() => block.Forward(Matrix<double>.Build.Dense(6, 7)));

        Assert.StartsWith("TransformerEncoderBlock: outputGradient must have shape (6, 8) "
            + "(the shape Forward returned), but has shape (5, 8).", error.Message);
        Assert.StartsWith("TransformerEncoderBlock: x must have shape (rows, 8), but has shape (6, 7).", input.Message);
    }
}
