using MLCourse.Tensors;

namespace MLCourse.Tests.Tensors;

/// <summary>The SIMD activations against the scalar ones, across the range and at the extremes.</summary>
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
}
