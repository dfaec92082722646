using MLCourse.Errors;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Diffusion;

/// <summary>
/// The forward (noising) process and the quantities the reverse process needs, from scratch:
/// <list type="bullet">
/// <item>one step q(x_t | x_{t−1}) = N(√(1 − β_t)·x_{t−1}, β_t·I): x_t = √α_t·x_{t−1} + √β_t·ε;</item>
/// <item>the closed form q(x_t | x_0) = N(√ᾱ_t·x_0, (1 − ᾱ_t)·I): x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε;</item>
/// <item>the posterior q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t·I) with
/// μ̃_t = (√ᾱ_{t−1}·β_t/(1 − ᾱ_t))·x_0 + (√α_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t))·x_t and β̃_t =
/// β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t);</item>
/// <item>with ε predicted by a network, μ_θ = (x_t − β_t/√(1 − ᾱ_t)·ε̂)/√α_t (DDPM's reverse mean).</item>
/// </list>
/// </summary>
/// <remarks>Introduced in notebook day 22.</remarks>
public sealed class ForwardDiffusion(NoiseSchedule schedule)
{
    /// <summary>The schedule.</summary>
    public NoiseSchedule Schedule { get; } = schedule;

    // ᾱ_0 … ᾱ_T, computed once for SampleBatch, which a training loop calls every step.
    private Lazy<double[]> AlphaBars { get; } =
        new(() => Enumerable.Range(0, schedule.Steps + 1).Select(schedule.AlphaBar).ToArray());

    /// <summary>One noising step: √α_t·x_{t−1} + √β_t·ε.</summary>
    public Vector<double> Step(Vector<double> previous, int t, Vector<double> noise)
    {
        SameLength(nameof(previous), previous, nameof(noise), noise);
        return Math.Sqrt(Schedule.Alpha(t)) * previous + Math.Sqrt(Schedule.Beta(t)) * noise;
    }

    /// <summary>Jumps straight to step t: √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε.</summary>
    public Vector<double> Sample(Vector<double> x0, int t, Vector<double> noise)
    {
        SameLength(nameof(x0), x0, nameof(noise), noise);
        return Math.Sqrt(Schedule.AlphaBar(t)) * x0 + Math.Sqrt(1 - Schedule.AlphaBar(t)) * noise;
    }

    /// <summary>
    /// The same jump for a batch, one step per image (DDPM's <c>q_sample</c>): row i of the result is
    /// √ᾱ_{t_i}·x0[i] + √(1 − ᾱ_{t_i})·noise[i]. <paramref name="x0"/> is (batch, …) of any float type,
    /// <paramref name="t"/> (batch,) int64 steps in 0 … T, <paramref name="noise"/> has x0's shape; the result
    /// has x0's shape and type.
    /// </summary>
    public Tensor SampleBatch(Tensor x0, Tensor t, Tensor noise)
    {
        const string component = "ForwardDiffusion";
        Require.NotNull(component, nameof(x0), x0);
        Require.NotNull(component, nameof(t), t);
        Require.NotNull(component, nameof(noise), noise);
        if (x0.dim() == 0)
        {
            throw ErrorMessage.Shape(component, nameof(x0), "(batch, …)", ErrorMessage.FormatShape(x0.shape));
        }
        Require.Shape(component, nameof(noise), noise.shape, x0.shape, "the shape of x0");
        Require.Shape(component, nameof(t), t.shape, new[] { x0.shape[0] }, "one step per row of x0");
        if (t.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"{component}: t must hold int64 steps, but has type {t.dtype}.",
                nameof(t));
        }
        if (t.numel() > 0)
        {
            long low = t.min().item<long>(), high = t.max().item<long>();
            if (low < 0 || high > Schedule.Steps)
            {
                throw ErrorMessage.OutOfRange(component, nameof(t), $"steps between 0 and T = {Schedule.Steps}",
                    low < 0 ? low : high);
            }
        }
        using var scope = NewDisposeScope();
        var shape = new long[x0.dim()];
        Array.Fill(shape, 1L);
        shape[0] = -1;                                                      // (batch, 1, …, 1)
        Tensor table = tensor(AlphaBars.Value, ScalarType.Float64, x0.device);
        Tensor abar = table.index_select(0, t.to(x0.device)).view(shape).to_type(x0.dtype);
        return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).MoveToOuterDisposeScope();
    }

    /// <summary>μ̃_t(x_t, x_0), the mean of q(x_{t−1} | x_t, x_0).</summary>
    public Vector<double> PosteriorMean(Vector<double> x0, Vector<double> xt, int t)
    {
        SameLength(nameof(x0), x0, nameof(xt), xt);
        double abarPrevious = Schedule.AlphaBar(t - 1), abar = Schedule.AlphaBar(t), beta = Schedule.Beta(t);
        return Math.Sqrt(abarPrevious) * beta / (1 - abar) * x0
            + Math.Sqrt(Schedule.Alpha(t)) * (1 - abarPrevious) / (1 - abar) * xt;
    }

    /// <summary>β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t), the variance of q(x_{t−1} | x_t, x_0).</summary>
    public double PosteriorVariance(int t)
        => Schedule.Beta(t) * (1 - Schedule.AlphaBar(t - 1)) / (1 - Schedule.AlphaBar(t));

    /// <summary>μ_θ(x_t, t) = (x_t − β_t/√(1 − ᾱ_t)·ε̂)/√α_t.</summary>
    public Vector<double> ReverseMean(Vector<double> xt, int t, Vector<double> predictedNoise)
    {
        SameLength(nameof(xt), xt, nameof(predictedNoise), predictedNoise);
        return (xt - Schedule.Beta(t) / Math.Sqrt(1 - Schedule.AlphaBar(t)) * predictedNoise)
            / Math.Sqrt(Schedule.Alpha(t));
    }

    // Both vectors given, b of a's length: MathNet's own message ("All vectors must have the same
    // dimensionality") names neither.
    private static void SameLength(string nameA, Vector<double> a, string nameB, Vector<double> b)
    {
        Require.NotNull("ForwardDiffusion", nameA, a);
        Require.Length("ForwardDiffusion", nameB, b, a.Count);
    }
}
