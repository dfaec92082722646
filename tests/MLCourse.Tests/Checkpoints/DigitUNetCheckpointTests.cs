using MLCourse.CheckpointPrograms;
using MLCourse.Diffusion;
using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.ShippedCheckpoints;

/// <summary>
/// The shipped <c>ddpm-unet</c> checkpoint: it loads into <see cref="DigitUNet"/> (after the manifest's hash
/// check), and 500 seeded samples, drawn as day 22 draws them (DDIM in 10 strides of the cosine schedule,
/// T = 200), are judged by the checkpoint program's <see cref="SampleMeasures"/>.
/// </summary>
[Collection(ShippedCheckpointsCollection.Name)]
public class DigitUNetCheckpointTests(SampleMeasures measures)
{
    [Fact]
    public void The_ddpm_checkpoint_makes_confident_digits_as_recorded_in_its_manifest()
    {
        using var scope = NewDisposeScope();
        CheckpointInfo info = Checkpoints.Info("ddpm-unet");
        DigitUNet net = Checkpoints.Load(new DigitUNet(28), "ddpm-unet");
        net.eval();
        var schedule = NoiseSchedule.Cosine(DdpmTrainer.DiffusionSteps);
        double[] alphaBar = Enumerable.Range(0, DdpmTrainer.DiffusionSteps + 1).Select(schedule.AlphaBar).ToArray();
        const int n = 500;

        Tensor samples = net.Sample(n, alphaBar, DdpmTrainer.SamplingSteps, new torch.Generator(7));
        Dictionary<string, double> quality = measures.Measure(samples);

        Assert.Equal(new long[] { n, 1, 28, 28 }, samples.shape);
        Assert.InRange(samples.min().item<float>(), 0f, 1f);
        Assert.InRange(samples.max().item<float>(), 0f, 1f);
        double confident = quality["confidentShare"], recorded = info.Quality!["confidentShare"];
        // the course's target is 60 %, met by the shipped run (20,000 steps, 24 min: 63.1 % of 1,000 samples)
        Assert.True(recorded >= 0.60, $"ddpm-unet: the manifest records {recorded:P1} confident, below the 60 % target");
        Assert.True(confident >= 0.50, $"ddpm-unet: confident share {confident:P1} of {n} samples, below 50 %");
        // four standard errors of the difference between two shares from n and the manifest's samples
        double tolerance = 4 * Math.Sqrt(recorded * (1 - recorded) * (1.0 / n + 1.0 / info.Quality["samples"]));
        Assert.True(Math.Abs(confident - recorded) < tolerance,
            $"ddpm-unet: confident share {confident:P1} here vs {recorded:P1} recorded (tolerance {tolerance:P1})");
        Assert.True(quality["notDigitShare"] < 0.1, $"ddpm-unet: not-a-digit share {quality["notDigitShare"]:P1}");
    }
}
