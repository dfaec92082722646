using MathNet.Numerics.LinearAlgebra;
using MLCourse.Diffusion;
using TorchSharp;

namespace MLCourse.Tests.Diffusion;

public class DdpmTests
{
    [Fact]
    public void The_batched_reverse_mean_equals_the_from_scratch_formula()
    {
        using var scope = torch.NewDisposeScope();
        var ddpm = new Ddpm(NoiseSchedule.Linear());
        double[] x = [0.3, -1.1, 2.0, 0.4], eps = [0.5, 0.2, -0.7, 1.0];
        const int t = 250;

        var batched = ddpm.ReverseMean(torch.tensor(x, [2, 2], torch.float64), t, torch.tensor(eps, [2, 2], torch.float64)).data<double>().ToArray();

        for (int i = 0; i < 2; i++)
        {
            var one = ddpm.Process.ReverseMean(Vector<double>.Build.DenseOfArray([x[2 * i], x[2 * i + 1]]), t, Vector<double>.Build.DenseOfArray([eps[2 * i], eps[2 * i + 1]]));
            Assert.Equal(one[0], batched[2 * i], 1e-12);
            Assert.Equal(one[1], batched[2 * i + 1], 1e-12);
        }
    }

    [Fact]
    public void The_noise_predictor_maps_points_and_steps_to_noise_of_the_same_shape()
    {
        using var scope = torch.NewDisposeScope();
        var network = new NoisePredictor();

        var output = network.forward(torch.zeros(5, 2), torch.tensor(new long[] { 1, 10, 100, 500, 1000 }));

        Assert.Equal(new long[] { 5, 2 }, output.shape);
    }
}
