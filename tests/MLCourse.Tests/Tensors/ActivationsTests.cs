using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Tensors;

/// <summary>
/// The SIMD activations against the scalar ones, and log σ and ReLU against TorchSharp, across the range and at
/// the extremes.
/// </summary>
public class ActivationsTests
{
    private static readonly double[] Inputs =
        [.. Enumerable.Range(-400, 801).Select(i => i / 20.0), -1000, -710, 710, 1000, 1e-9, -1e-9, 0, 3e-300];

    [Fact]
    public void Sigmoid_in_place_matches_the_scalar_sigmoid()
    {
        double[] values = [.. Inputs];

        Activations.SigmoidInPlace(values);

        Assert.All(Inputs.Zip(values), pair => Assert.True(Math.Abs(pair.Second - Activations.Sigmoid(pair.First)) < 1e-15, $"σ({pair.First})"));
    }

    [Fact]
    public void Tanh_in_place_matches_Math_Tanh()
    {
        double[] values = [.. Inputs];

        Activations.TanhInPlace(values);

        Assert.All(Inputs.Zip(values), pair => Assert.True(Math.Abs(pair.Second - Math.Tanh(pair.First)) < 1e-15, $"tanh({pair.First})"));
    }

    [Fact]
    public void LogSigmoid_matches_TorchSharp_and_stays_finite_at_the_extremes()
    {
        using var scope = torch.NewDisposeScope();
        double[] expected = torch.nn.functional.logsigmoid(torch.tensor(Inputs, torch.float64)).data<double>().ToArray();

        double worst = Inputs.Zip(expected).Max(pair => Math.Abs(Activations.LogSigmoid(pair.First) - pair.Second)
            / Math.Max(1, Math.Abs(pair.Second)));

        Assert.True(worst < 1e-15, $"worst relative difference {worst:G3}");
        Assert.Equal(-1000, Activations.LogSigmoid(-1000));        // log(σ(z)) would be log(0) = −∞
        Assert.Equal(0, Activations.LogSigmoid(1000));
    }

    [Fact]
    public void Relu_matches_TorchSharp_and_propagates_NaN()
    {
        using var scope = torch.NewDisposeScope();
        double[] expected = torch.nn.functional.relu(torch.tensor(Inputs, torch.float64)).data<double>().ToArray();

        Assert.Equal(expected, Inputs.Select(Activations.Relu));
        Assert.True(double.IsNaN(Activations.Relu(double.NaN)));
    }
}
