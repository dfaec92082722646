using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;

namespace MLCourse.Tests.Attention;

public class LayerNormTests(ITestOutputHelper output)
{
    private static (LayerNorm Norm, Matrix<double> X, Matrix<double> G) Example(int seed)
    {
        var random = new Random(seed);
        var (gamma, beta) = (AttentionCheck.RandomVector(random, 6) + 1, AttentionCheck.RandomVector(random, 6));
        var norm = LayerNorm.FromWeights(gamma, beta, 1e-5);
        return (norm, AttentionCheck.Random(random, 4, 6) * 3, AttentionCheck.Random(random, 4, 6));
    }

    [Fact]
    public void Output_and_gradients_agree_with_TorchSharps_nn_LayerNorm_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var (norm, x, g) = Example(31);
        var pass = norm.Forward(x);
        var grads = norm.Backward(pass, g);

        using var module = torch.nn.LayerNorm(6, dtype: torch.float64);
        norm.CopyTo(module);
        var tx = x.ToTensor().requires_grad_(true);
        var y = module.call(tx);
        (y * g.ToTensor()).sum().backward();

        double worst = new[]
        {
            AttentionCheck.Max(y, pass.Output), AttentionCheck.Max(tx.grad!, grads.X),
            AttentionCheck.Max(module.weight!.grad!, grads.Gamma), AttentionCheck.Max(module.bias!.grad!, grads.Beta),
        }.Max();
        output.WriteLine($"worst |output or gradient − nn.LayerNorm| = {worst:E2}");
        Assert.True(worst <= 1e-10);
        Assert.All(pass.Normalized.EnumerateRows(), row => Assert.Equal(0, row.Average(), 1e-12));
    }

    [Fact]
    public void The_gradients_pass_a_finite_difference_check()
    {
        var (norm, x, g) = Example(32);
        var grads = norm.Backward(norm.Forward(x), g);
        double Loss() => norm.Forward(x).Output.PointwiseMultiply(g).Enumerate().Sum();

        FiniteDifference.AssertMatches(x, grads.X, Loss, 1e-8);
        FiniteDifference.AssertMatches(norm.Gamma.AsArray(), grads.Gamma.ToArray(), Loss, 1e-8);
        FiniteDifference.AssertMatches(norm.Beta.AsArray(), grads.Beta.ToArray(), Loss, 1e-8);
    }

    [Fact]
    public void Copying_from_TorchSharp_keeps_its_weights_and_epsilon_and_a_step_lowers_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        var (norm, x, g) = Example(33);
        using var module = torch.nn.LayerNorm(6, eps: 1e-3, dtype: torch.float64);
        norm.CopyTo(module);

        var back = LayerNorm.CopyFrom(module);
        double Loss(LayerNorm n) => n.Forward(x).Output.PointwiseMultiply(g).Enumerate().Sum();
        double before = Loss(back);
        back.Step(back.Backward(back.Forward(x), g), learningRate: 0.01);

        var copy = LayerNorm.CopyFrom(module);
        Assert.Equal(norm.Gamma.ToArray(), copy.Gamma.ToArray());
        Assert.Equal(norm.Beta.ToArray(), copy.Beta.ToArray());
        Assert.Equal(1e-3, copy.Epsilon);
        Assert.True(Loss(back) < before);
    }

    [Fact]
    public void Bad_shapes_are_refused_with_the_component_and_argument_named()
    {
        var (norm, x, _) = Example(34);

        var input = Assert.Throws<ArgumentException>(() => norm.Forward(Matrix<double>.Build.Dense(4, 5)));
        var pass = norm.Forward(x);
        var gradient = Assert.Throws<ArgumentException>(() => norm.Backward(pass, Matrix<double>.Build.Dense(3, 6)));
        var beta = Assert.Throws<ArgumentException>(
            () => LayerNorm.FromWeights(norm.Gamma, Vector<double>.Build.Dense(5)));

        Assert.StartsWith("LayerNorm: x must have shape (rows, 6), but has shape (4, 5).", input.Message);
        Assert.StartsWith(
            "LayerNorm: outputGradient must have shape (4, 6) (the shape Forward returned), but has shape (3, 6).",
            gradient.Message);
        Assert.StartsWith("LayerNorm: beta must have shape (6,), but has shape (5,).", beta.Message);
    }
}
