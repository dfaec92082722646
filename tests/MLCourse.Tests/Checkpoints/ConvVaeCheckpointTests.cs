using MLCourse.CheckpointPrograms;
using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.ShippedCheckpoints;

/// <summary>The shipped <c>conv-vae</c> checkpoint (day 20): it loads into <see cref="ConvVae"/>, and its prior
/// samples are judged digits as often as its manifest records.</summary>
[Collection(ShippedCheckpointsCollection.Name)]
public sealed class ConvVaeCheckpointTests(SampleMeasures measures)
{
    [Fact]
    public void Its_prior_samples_are_confident_digits_at_least_60_percent_of_the_time_as_recorded()
    {
        CheckpointInfo info = Checkpoints.Info("conv-vae");
        using var model = Checkpoints.Load(new ConvVae(ConvVaeTrainer.Latent), "conv-vae");
        // The program's own draw: 1,000 codes from a generator seeded with its seed + 1.
        using Tensor samples = model.Sample(1000, new Generator((ulong)info.Seed + 1));   // (1000, 1, 28, 28)

        double confident = measures.Measure(samples)["confidentShare"];
        double recorded = info.Quality!["confidentShare"];

        Assert.True(confident >= 0.60, $"conv-vae: {confident:P1} of 1,000 prior samples confident, expected ≥ 60 %");
        // The same weights, codes and judge: only float rounding across machines may move a sample or two.
        Assert.InRange(confident, recorded - 0.005, recorded + 0.005);
    }
}
