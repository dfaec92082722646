using MLCourse.Data;
using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// The <c>dcgan</c> checkpoint of day 21: a <see cref="Dcgan"/> at 28×28 trained on the first 8,000 MNIST
/// digits (the last 2,000 are the judge's held-out set). Each step is the notebook's loop: a D step on 64 real
/// and 64 generated digits, then a G step with the non-saturating loss; Adam (2·10⁻⁴, β₁ = 0.5) for both,
/// the rate flat for the first half of the steps and then falling linearly to 0. Two additions:
/// one-sided label smoothing (real digits get the target 0.9 in the D loss, fakes 0) and an
/// exponential moving average of the generator's weights (decay 0.999), which is what the checkpoint holds:
/// the saved generator is the average, its batch-norm statistics re-estimated; the discriminator is the
/// trained one.
/// </summary>
public sealed class DcganTrainer : ICheckpointTrainer
{
    private const int Latent = 64, Width = 48, Batch = 64, TrainCount = 8000, Steps = 16000;
    private const double LearningRate = 2e-4, Beta1 = 0.5, RealTarget = 0.9, EmaDecay = 0.999;

    /// <inheritdoc />
    public string Name => "dcgan";

    /// <inheritdoc />
    public string Description => "day 21: DCGAN at 28×28, EMA generator (about 55 min at 1 thread)";

    /// <inheritdoc />
    public CheckpointInfo Train(TrainingContext context)
    {
        context.Start();
        int steps = context.Quick ? 300 : Steps;
        ImageDataset digits = Datasets.MnistDigits();
        using Tensor train =                                               // (8000, 1, 28, 28) in [−1, 1]
            digits.ImageTensor(Enumerable.Range(0, TrainCount).ToArray()) * 2 - 1;
        var model = new Dcgan(Latent, Width, side: 28);
        var ema = new Dcgan(Latent, Width, side: 28);
        ema.load_state_dict(model.state_dict());
        long parameters = model.parameters().Sum(p => p.numel());
        long generatorParameters = model.Generator.parameters().Sum(p => p.numel());
        Console.WriteLine($"dcgan: {parameters:N0} parameters (generator {generatorParameters:N0}), {steps} steps "
            + $"of batch {Batch}");
        var dOptimizer = torch.optim.Adam(model.Discriminator.parameters(), lr: LearningRate, beta1: Beta1);
        var gOptimizer = torch.optim.Adam(model.Generator.parameters(), lr: LearningRate, beta1: Beta1);
        var source = new torch.Generator((ulong)context.Seed);
        using Tensor realTargets = torch.full(Batch, 1, RealTarget), fakeTargets = torch.zeros(Batch, 1);
        using Tensor ones = torch.ones(Batch, 1);
        var live = model.Generator.parameters().ToArray();
        var averaged = ema.Generator.parameters().ToArray();
        double dSum = 0, gSum = 0;
        using var progress = new SampleMeasures();     // judges the live and the averaged generator on the way
        model.train();
        for (int step = 1; step <= steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            double rate = LearningRate * Math.Min(1, 2.0 * (steps - step + 1) / steps);   // flat, then to 0
            foreach (var group in dOptimizer.ParamGroups.Concat(gOptimizer.ParamGroups))
                group.LearningRate = rate;
            Tensor x = train.index_select(0, torch.randint(0, TrainCount, new long[] { Batch }, generator: source));
            Tensor fake = model.forward(torch.randn(new long[] { Batch, Latent }, generator: source));
            dOptimizer.zero_grad();
            Tensor dLoss = nn.functional.binary_cross_entropy_with_logits(model.Discriminate(x), realTargets)
                + nn.functional.binary_cross_entropy_with_logits(model.Discriminate(fake.detach()), fakeTargets);
            dLoss.backward();
            dOptimizer.step();
            gOptimizer.zero_grad();
            Tensor gLoss = nn.functional.binary_cross_entropy_with_logits(model.Discriminate(fake), ones);
            gLoss.backward();
            gOptimizer.step();
            using (torch.no_grad())
            {
                for (int i = 0; i < live.Length; i++)
                    averaged[i].mul_(EmaDecay).add_(live[i], alpha: 1 - EmaDecay);
            }
            dSum += dLoss.item<float>();
            gSum += gLoss.item<float>();
            int every = context.Quick ? 100 : 500;
            if (step % every == 0)
            {
                Console.WriteLine($"step {step}: D {dSum / every:F3}, G {gSum / every:F3}, "
                    + $"{context.Clock.Elapsed.TotalSeconds:F0} s");
                dSum = gSum = 0;
                if (step % 1000 == 0 || step == steps)
                    Report(progress, model, ema, (ulong)context.Seed, step);
            }
        }
        using (torch.no_grad())
        {
            for (int i = 0; i < live.Length; i++) live[i].copy_(averaged[i]);
        }
        model.Recalibrate(100, 256, new torch.Generator(1));
        using Tensor samples = model.Sample(1000, new torch.Generator(2));
        using var measures = new SampleMeasures();
        Dictionary<string, double> quality = measures.Measure(samples);
        return context.Save(model, new CheckpointInfo(Name: Name, File: "dcgan.bin", Sha256: "", Bytes: 0,
            Model: nameof(Dcgan), Source: "tools/MLCourse.Checkpoints/Models/Dcgan.cs", Notebook: "day-21-gans",
            Quality: quality,
            Notes: $"Dcgan(latent {Latent}, width {Width}, side 28), {parameters:N0} parameters; {steps} steps of "
                + $"batch {Batch} on the first 8,000 digits; Adam lr {LearningRate}, beta1 {Beta1} for both nets, "
                + "flat for the first half, then linearly to 0; "
                + $"one-sided label smoothing (real target {RealTarget}); the saved generator is the exponential "
                + $"moving average of its weights (decay {EmaDecay}) with batch-norm statistics re-estimated on "
                + "100 batches of 256 codes; samples: 1000 codes z ~ N(0, I) from torch.Generator(2), eval mode."));
    }

    // Progress: the live and the averaged generator's measures on 500 samples.
    private static void Report(SampleMeasures progress, Dcgan model, Dcgan ema, ulong seed, int step)
    {
        ema.Recalibrate(20, 256, new torch.Generator(seed + 1));
        using Tensor a = model.Sample(500, new torch.Generator(2)), b = ema.Sample(500, new torch.Generator(2));
        var qa = progress.Measure(a);
        var qb = progress.Measure(b);
        model.train();
        Console.WriteLine($"  step {step}: live confident {qa["confidentShare"]:P1} FD {qa["frechetDistance"]:F2}; "
            + $"EMA confident {qb["confidentShare"]:P1} FD {qb["frechetDistance"]:F2} "
            + $"entropy {qb["classEntropyBits"]:F2}");
    }
}
