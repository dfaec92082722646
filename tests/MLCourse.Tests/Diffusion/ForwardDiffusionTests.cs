using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using MLCourse.Diffusion;

namespace MLCourse.Tests.Diffusion;

public class ForwardDiffusionTests
{
    private static readonly ForwardDiffusion Process = new(NoiseSchedule.Linear());

    [Fact]
    public void Iterating_the_step_matches_the_closed_form_in_mean_and_variance()
    {
        const int samples = 20_000, t = 300;
        var random = new MersenneTwister(9);
        var x0 = Vector<double>.Build.Dense(1, 1.5);
        var finals = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            var x = x0;
            for (int s = 1; s <= t; s++)
            {
                x = Process.Step(x, s, Vector<double>.Build.Dense(1, Normal.Sample(random, 0, 1)));
            }
            finals[i] = x[0];
        }
        double abar = Process.Schedule.AlphaBar(t);
        double mean = finals.Average();
        double variance = finals.Select(v => (v - mean) * (v - mean)).Average();

        // Standard errors: √(var/N) ≈ 0.007 for the mean, var·√(2/N) ≈ 0.008 for the variance; 5 of each.
        Assert.Equal(Math.Sqrt(abar) * 1.5, mean, 5 * Math.Sqrt((1 - abar) / samples));
        Assert.Equal(1 - abar, variance, 5 * (1 - abar) * Math.Sqrt(2.0 / samples));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(999)]
    public void The_posterior_mean_and_variance_follow_from_Bayes_rule(int t)
    {
        var s = Process.Schedule;
        var x0 = Vector<double>.Build.DenseOfArray([0.8, -0.3]);
        var xt = Vector<double>.Build.DenseOfArray([0.1, 0.4]);

        // Prior x_{t−1} | x_0 = N(√ᾱ_{t−1}·x_0, 1 − ᾱ_{t−1}); likelihood x_t | x_{t−1} = N(√α_t·x_{t−1}, β_t).
        double priorVariance = 1 - s.AlphaBar(t - 1);
        double precision = (priorVariance > 0 ? 1 / priorVariance : double.PositiveInfinity) + s.Alpha(t) / s.Beta(t);
        Vector<double> mean = priorVariance > 0
            ? (Math.Sqrt(s.AlphaBar(t - 1)) / priorVariance * x0 + Math.Sqrt(s.Alpha(t)) / s.Beta(t) * xt) / precision
            : x0;   // t = 1: x_0 is known exactly

        Assert.True((Process.PosteriorMean(x0, xt, t) - mean).InfinityNorm() < 1e-10);
        Assert.Equal(priorVariance > 0 ? 1 / precision : 0, Process.PosteriorVariance(t), 1e-12);
    }

    [Fact]
    public void With_the_true_noise_the_reverse_mean_is_the_posterior_mean()
    {
        var x0 = Vector<double>.Build.DenseOfArray([1.0, -2.0]);
        var noise = Vector<double>.Build.DenseOfArray([0.3, 0.7]);
        const int t = 400;
        var xt = Process.Sample(x0, t, noise);

        Assert.True((Process.ReverseMean(xt, t, noise) - Process.PosteriorMean(x0, xt, t)).InfinityNorm() < 1e-10);
    }

    [Fact]
    public void The_batch_jump_matches_the_one_image_jump_row_by_row()
    {
        var process = new ForwardDiffusion(NoiseSchedule.Cosine(200));
        var source = new TorchSharp.torch.Generator(3);
        using var x0 = TorchSharp.torch.rand(new long[] { 5, 2, 3 }, TorchSharp.torch.float64, generator: source);
        using var noise = TorchSharp.torch.randn(new long[] { 5, 2, 3 }, TorchSharp.torch.float64, generator: source);
        using var t = TorchSharp.torch.tensor(new long[] { 0, 1, 77, 150, 200 });
        using var batch = process.SampleBatch(x0, t, noise);
        Assert.Equal(new long[] { 5, 2, 3 }, batch.shape);
        for (int i = 0; i < 5; i++)
        {
            Vector<double> Row(TorchSharp.torch.Tensor m) => Vector<double>.Build.DenseOfArray(m[i].flatten().data<double>().ToArray());
            var expected = process.Sample(Row(x0), (int)t[i].item<long>(), Row(noise));
            Assert.True((Row(batch) - expected).InfinityNorm() < 1e-12, $"row {i}");
        }
        using var single = process.SampleBatch(x0.to_type(TorchSharp.torch.float32), t, noise.to_type(TorchSharp.torch.float32));
        Assert.Equal(TorchSharp.torch.float32, single.dtype);
    }
}
