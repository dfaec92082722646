using System.Diagnostics;
using MLCourse.Data;
using MLCourse.Diffusion;
using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// <c>ddpm-unet</c>: the day 22 <see cref="DigitUNet"/> at 28×28, trained as a v-predicting DDPM on the first
/// 8,000 MNIST digits (pixels in [−1, 1]) with the cosine schedule, T = 200; Adam, an exponential moving
/// average of the weights (which is what is saved), DDIM sampling in 20 strides (of 10 steps each).
/// </summary>
public sealed class DdpmTrainer : ICheckpointTrainer
{
    /// <summary>The diffusion steps of the cosine schedule (day 22's).</summary>
    public const int DiffusionSteps = 200;

    /// <summary>The DDIM strides the samples are drawn with.</summary>
    public const int SamplingSteps = 20;

    /// <inheritdoc />
    public string Name => "ddpm-unet";

    /// <inheritdoc />
    public string Description => "day 22: a small U-Net DDPM (v-prediction, cosine schedule, EMA) at 28×28";

    /// <inheritdoc />
    public CheckpointInfo Train(TrainingContext context)
    {
        context.Start();
        int steps = context.Quick ? 60 : 20000;
        const int batch = 32, channels = 32, trainCount = 8000, side = 28;
        const double learningRate = 2e-3, emaDecay = 0.999;
        ImageDataset digits = Datasets.MnistDigits();
        using Tensor train = digits.ImageTensor(Enumerable.Range(0, trainCount).ToArray()) * 2 - 1; // [−1, 1]
        var schedule = NoiseSchedule.Cosine(DiffusionSteps);
        double[] alphaBar = Enumerable.Range(0, DiffusionSteps + 1).Select(schedule.AlphaBar).ToArray();
        using Tensor alphaBars = torch.tensor(alphaBar.Select(a => (float)a).ToArray());

        var model = new DigitUNet(side, channels);
        var ema = new DigitUNet(side, channels);
        var pairs = ema.parameters().Zip(model.parameters()).ToList();
        using (torch.no_grad())
        {
            foreach (var (average, weight) in pairs)
            {
                average.copy_(weight);
            }
        }
        long parameters = model.parameters().Sum(p => p.numel());
        Console.WriteLine($"DigitUNet({side}, {channels}): {parameters:N0} parameters; {steps} steps of {batch}, "
            + $"Adam {learningRate}, EMA {emaDecay}");
        var optimizer = torch.optim.Adam(model.parameters(), lr: learningRate);
        var source = new torch.Generator((ulong)context.Seed);
        var clock = Stopwatch.StartNew();
        double recent = 0;
        for (int step = 1; step <= steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            // a linear warm-up over 200 steps, then a cosine decay to a tenth
            double progress = (double)step / steps;
            double lr = learningRate * Math.Min(1, step / 200.0)
                * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }
            Tensor rows = torch.randint(0, trainCount, new long[] { batch }, generator: source);
            Tensor x0 = train.index_select(0, rows);                                        // (b, 1, 28, 28)
            Tensor t = torch.randint(1, DiffusionSteps + 1, new long[] { batch }, generator: source);
            Tensor noise = torch.randn(x0.shape, generator: source);
            Tensor a = alphaBars.index_select(0, t).view(batch, 1, 1, 1);
            Tensor xt = a.sqrt() * x0 + (1 - a).sqrt() * noise;
            Tensor v = a.sqrt() * noise - (1 - a).sqrt() * x0;
            Tensor loss = nn.functional.mse_loss(model.forward(xt, t), v);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            using (torch.no_grad())
            {
                foreach (var (average, weight) in pairs)
                {
                    average.mul_(emaDecay).add_(weight, alpha: 1 - emaDecay);
                }
            }
            recent = step == 1 ? loss.item<float>() : 0.99 * recent + 0.01 * loss.item<float>();
            if (step % 200 == 0 || step == steps)
            {
                Console.WriteLine($"step {step}: loss (moving average) {recent:F4}, "
                    + $"{clock.Elapsed.TotalSeconds / step:F3} s/step, {context.Clock.Elapsed.TotalMinutes:F1} min");
            }
        }
        ema.eval();
        var sampleClock = Stopwatch.StartNew();
        using Tensor samples = ema.Sample(context.Quick ? 200 : 1000, alphaBar, SamplingSteps,
            new torch.Generator((ulong)context.Seed + 1));
        Console.WriteLine($"sampled {samples.shape[0]} in {sampleClock.Elapsed.TotalSeconds:F1} s");
        using var measures = new SampleMeasures();
        var quality = measures.Measure(samples);
        return context.Save(ema, new CheckpointInfo(Name: Name, File: "ddpm-unet.bin", Sha256: "", Bytes: 0,
            Model: nameof(DigitUNet), Source: "tools/MLCourse.Checkpoints/Models/DigitUNet.cs",
            Notebook: "day-22-diffusion-models", Quality: quality,
            Notes: $"DigitUNet(28, {channels}), {parameters:N0} parameters: v-prediction, cosine schedule with "
                + $"T = {DiffusionSteps}, first 8,000 MNIST digits in [−1, 1]; {steps} Adam steps of {batch} at "
                + $"{learningRate} (200-step warm-up, cosine decay to a tenth); EMA of the weights (decay "
                + $"{emaDecay}) saved; samples by DDIM (η = 0) in {SamplingSteps} strides, x̂₀ clipped "
                + "to [−1, 1]"));
    }
}
