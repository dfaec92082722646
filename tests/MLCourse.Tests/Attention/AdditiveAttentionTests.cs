using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;

namespace MLCourse.Tests.Attention;

public class AdditiveAttentionTests(ITestOutputHelper output)
{
    // a = 6, d_s = 5, d_h = 4, n = 7: every size different, so a transposed product cannot pass.
    private static (AdditiveAttention Layer, Vector<double> S, Matrix<double> H, Vector<double> G) Example(int seed)
    {
        var random = new Random(seed);
        var layer = new AdditiveAttention(decoderSize: 5, encoderSize: 4, attentionSize: 6, random);
        var (s, h) = (AttentionCheck.RandomVector(random, 5), AttentionCheck.Random(random, 7, 4));
        return (layer, s, h, AttentionCheck.RandomVector(random, 4));
    }

    private static double Loss(AdditiveAttention layer, Vector<double> s, Matrix<double> h, Vector<double> g) =>
        layer.Forward(s, h).Context.DotProduct(g);

    [Fact]
    public void Forward_and_every_gradient_agree_with_TorchSharp_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var (layer, s, h, g) = Example(51);
        var pass = layer.Forward(s, h);
        var d = layer.Backward(pass, g);

        torch.Tensor Leaf(Matrix<double> m) => m.ToTensor().requires_grad_(true);
        torch.Tensor LeafVector(Vector<double> v) => v.ToTensor().requires_grad_(true);
        var (tv, tw, tu) = (LeafVector(layer.V), Leaf(layer.W), Leaf(layer.U));
        var (ts, th) = (LeafVector(s), Leaf(h));
        var hidden = torch.tanh(th.matmul(tu.T) + tw.matmul(ts));                        // (n, a)
        var scores = hidden.matmul(tv);
        var alpha = torch.softmax(scores, 0);
        var context = alpha.matmul(th);
        (context * g.ToTensor()).sum().backward();

        double worst = new[]
        {
            AttentionCheck.Max(hidden, pass.Hidden), AttentionCheck.Max(scores, pass.Scores),
            AttentionCheck.Max(alpha, pass.Weights), AttentionCheck.Max(context, pass.Context),
            AttentionCheck.Max(tv.grad!, d.V), AttentionCheck.Max(tw.grad!, d.W), AttentionCheck.Max(tu.grad!, d.U),
            AttentionCheck.Max(ts.grad!, d.DecoderState), AttentionCheck.Max(th.grad!, d.EncoderStates),
        }.Max();
        output.WriteLine($"worst |pass or gradient − autograd| = {worst:E2}");
        Assert.True(worst <= 1e-10);
    }

    [Fact]
    public void Every_gradient_passes_a_finite_difference_check()
    {
        var (layer, s, h, g) = Example(52);
        var d = layer.Backward(layer.Forward(s, h), g);
        double L() => Loss(layer, s, h, g);

        FiniteDifference.AssertMatches(layer.W, d.W, L, 1e-8);
        FiniteDifference.AssertMatches(layer.U, d.U, L, 1e-8);
        FiniteDifference.AssertMatches(h, d.EncoderStates, L, 1e-8);
        FiniteDifference.AssertMatches(layer.V.AsArray(), d.V.ToArray(), L, 1e-8);
        FiniteDifference.AssertMatches(s.AsArray(), d.DecoderState.ToArray(), L, 1e-8);
    }

    [Fact]
    public void A_copy_from_given_weights_computes_the_same_and_a_step_on_it_lowers_the_loss()
    {
        var (layer, s, h, g) = Example(53);
        var copy = AdditiveAttention.FromWeights(layer.V, layer.W, layer.U);
        Assert.Equal(layer.Forward(s, h).Context.ToArray(), copy.Forward(s, h).Context.ToArray());

        copy.Step(copy.Backward(copy.Forward(s, h), g), learningRate: 0.01);

        Assert.True(Loss(copy, s, h, g) < Loss(layer, s, h, g));
    }

    [Fact]
    public void Bad_shapes_are_refused_with_the_component_and_argument_named()
    {
        var (layer, s, h, _) = Example(54);

        var states = Assert.Throws<ArgumentException>(() => layer.Forward(s, Matrix<double>.Build.Dense(7, 5)));
        var state = Assert.Throws<ArgumentException>(() => layer.Forward(Vector<double>.Build.Dense(4), h));
        var pass = layer.Forward(s, h);
        var gradient = Assert.Throws<ArgumentException>(() => layer.Backward(pass, Vector<double>.Build.Dense(5)));
        var fewerRows = layer.U.SubMatrix(0, 5, 0, 4);
        var u = Assert.Throws<ArgumentException>(() => AdditiveAttention.FromWeights(layer.V, layer.W, fewerRows));

        Assert.StartsWith("AdditiveAttention: encoderStates must have shape (n ≥ 1, 4), but has shape (7, 5).",
            states.Message);
        Assert.StartsWith("AdditiveAttention: decoderState must have shape (5,), but has shape (4,).", state.Message);
        Assert.StartsWith("AdditiveAttention: contextGradient must have shape (4,), but has shape (5,).",
            gradient.Message);
        Assert.StartsWith("AdditiveAttention: u must have shape (6, 4) ((a, d_h), a from v), but has shape (5, 4).",
            u.Message);
    }
}
