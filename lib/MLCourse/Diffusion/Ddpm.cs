using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Diffusion;

/// <summary>
/// A denoising diffusion probabilistic model (Ho et al., 2020) for 2-D points in TorchSharp.
/// Training draws t uniformly from 1 … T and ε ~ N(0, I), forms x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε and
/// regresses ε_θ(x_t, t) on ε (the simple loss). Sampling starts from x_T ~ N(0, I) and steps back
/// with x_{t−1} = μ_θ(x_t, t) + σ_t·z, μ_θ = (x_t − β_t/√(1 − ᾱ_t)·ε_θ)/√α_t, σ_t² = β̃_t, and no
/// noise at the last step.
/// </summary>
/// <remarks>Introduced in notebook day 22. The from-scratch formulas are in <see cref="ForwardDiffusion"/>; tests check both agree.</remarks>
public sealed class Ddpm
{
    private readonly Tensor _alphaBar;   // (T + 1,), index t, ᾱ_0 = 1

    /// <summary>Creates the model for a schedule (seed TorchSharp first for repeatable weights).</summary>
    public Ddpm(NoiseSchedule schedule)
    {
        Schedule = schedule;
        Process = new ForwardDiffusion(schedule);
        Network = new NoisePredictor();
        _alphaBar = tensor(Enumerable.Range(0, schedule.Steps + 1).Select(t => (float)schedule.AlphaBar(t)).ToArray());
    }

    /// <summary>The noise schedule.</summary>
    public NoiseSchedule Schedule { get; }

    /// <summary>The same process in double precision, from scratch.</summary>
    public ForwardDiffusion Process { get; }

    /// <summary>ε_θ.</summary>
    public NoisePredictor Network { get; }

    /// <summary>The simple DDPM loss on a batch: mean ‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖² over batch and coordinates.</summary>
    /// <param name="x0">Clean points, (batch, 2), float32.</param>
    /// <param name="random">Draws t and ε.</param>
    public Tensor Loss(Tensor x0, Generator random)
    {
        long batch = x0.shape[0];
        Tensor t = randint(1, Schedule.Steps + 1, [batch], generator: random);      // (batch,), 1 … T
        Tensor noise = randn(x0.shape, generator: random);
        Tensor abar = _alphaBar.index_select(0, t).unsqueeze(1);                     // (batch, 1)
        Tensor xt = abar.sqrt() * x0 + (1 - abar).sqrt() * noise;                    // the closed form q(x_t | x_0)
        return nn.functional.mse_loss(Network.forward(xt, t), noise);
    }

    /// <summary>Runs the reverse chain from pure noise; returns x_0 and, if asked, snapshots at chosen steps.</summary>
    /// <param name="count">Points to draw.</param>
    /// <param name="random">The noise source.</param>
    /// <param name="snapshotSteps">Steps t after which x_t is recorded (e.g. 1000, 500, 100, 0).</param>
    public (double[,] Samples, IReadOnlyDictionary<int, double[,]> Snapshots) Sample(int count, Generator random, IReadOnlyCollection<int>? snapshotSteps = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var snapshots = new Dictionary<int, double[,]>();
        Tensor x = randn(count, 2, generator: random);                               // x_T
        Record(snapshotSteps, Schedule.Steps, x, snapshots);
        for (int t = Schedule.Steps; t >= 1; t--)
        {
            using var step = NewDisposeScope();
            Tensor mean = ReverseMean(x, t, Network.forward(x, full(count, t, dtype: int64)));
            x = t > 1 ? mean + Math.Sqrt(Process.PosteriorVariance(t)) * randn(count, 2, generator: random) : mean;
            x = x.MoveToOuterDisposeScope();
            Record(snapshotSteps, t - 1, x, snapshots);
        }
        return (ToArray(x), snapshots);
    }

    /// <summary>μ_θ(x_t, t) = (x_t − β_t/√(1 − ᾱ_t)·ε̂)/√α_t for a batch, as <see cref="ForwardDiffusion.ReverseMean"/> computes it for one point.</summary>
    public Tensor ReverseMean(Tensor xt, int t, Tensor predictedNoise) =>
        (xt - Schedule.Beta(t) / Math.Sqrt(1 - Schedule.AlphaBar(t)) * predictedNoise) / Math.Sqrt(Schedule.Alpha(t));

    private static void Record(IReadOnlyCollection<int>? steps, int t, Tensor x, Dictionary<int, double[,]> snapshots)
    {
        if (steps?.Contains(t) == true)
        {
            snapshots[t] = ToArray(x);
        }
    }

    private static double[,] ToArray(Tensor x)
    {
        float[] values = x.data<float>().ToArray();
        var result = new double[x.shape[0], 2];
        for (int i = 0; i < result.GetLength(0); i++)
        {
            result[i, 0] = values[2 * i];
            result[i, 1] = values[2 * i + 1];
        }
        return result;
    }
}
