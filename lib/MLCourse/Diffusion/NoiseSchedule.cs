using MLCourse.Errors;

namespace MLCourse.Diffusion;

/// <summary>
/// The variance schedule of a diffusion model: β_t for t = 1 … T, with α_t = 1 − β_t and
/// ᾱ_t = Π_{s=1}^{t} α_s (a product — the notes write a sum, which would exceed 1). Arrays are
/// indexed by t − 1; <see cref="AlphaBar(int)"/> also accepts t = 0, where ᾱ₀ = 1 (no noise yet).
/// </summary>
/// <remarks>Introduced in notebook day 22 (diffusion).</remarks>
public sealed class NoiseSchedule
{
    private const string Component = "NoiseSchedule";
    private readonly double[] _alphaBar;

    /// <summary>A schedule from explicit β_1 … β_T.</summary>
    /// <exception cref="ArgumentException">No betas, or a β outside the open interval (0, 1).</exception>
    public NoiseSchedule(IReadOnlyList<double> betas)
    {
        if (Require.NotNull(Component, nameof(betas), betas).Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(betas));
        }
        int bad = betas.ToList().FindIndex(b => !(b > 0 && b < 1));
        if (bad >= 0)
        {
            throw ErrorMessage.Must(Component, nameof(betas), "lie in (0, 1) (every β)",
                $"β_{bad + 1} is {betas[bad]}");
        }
        Betas = betas.ToArray();
        Alphas = Betas.Select(b => 1 - b).ToArray();
        _alphaBar = new double[Betas.Count];
        double product = 1;
        for (int t = 0; t < Betas.Count; t++)
        {
            product *= Alphas[t];
            _alphaBar[t] = product;
        }
    }

    /// <summary>T, the number of noising steps.</summary>
    public int Steps => Betas.Count;

    /// <summary>β_1 … β_T.</summary>
    public IReadOnlyList<double> Betas { get; }

    /// <summary>α_t = 1 − β_t.</summary>
    public IReadOnlyList<double> Alphas { get; }

    /// <summary>ᾱ_t = Π_{s ≤ t} α_s for t = 0 … T (ᾱ₀ = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">t outside 0 … T.</exception>
    public double AlphaBar(int t) =>
        t == 0 ? 1 : t >= 1 && t <= Steps ? _alphaBar[t - 1]
            : throw ErrorMessage.OutOfRange(Component, nameof(t), $"between 0 and T = {Steps}", t);

    /// <summary>β_t for t = 1 … T.</summary>
    public double Beta(int t) => Betas[CheckStep(t)];

    /// <summary>α_t for t = 1 … T.</summary>
    public double Alpha(int t) => Alphas[CheckStep(t)];

    /// <summary>
    /// Ho et al.'s linear schedule: β from <paramref name="betaStart"/> to <paramref name="betaEnd"/> in T equal steps
    /// (the notes' 1e-4 to 0.02, T = 1000).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 step, or an end β outside (0, 1).</exception>
    public static NoiseSchedule Linear(int steps = 1000, double betaStart = 1e-4, double betaEnd = 0.02)
    {
        RequireSteps(steps);
        RequireBeta(nameof(betaStart), betaStart);
        RequireBeta(nameof(betaEnd), betaEnd);
        return new(Enumerable.Range(0, steps)
            .Select(i => steps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * i / (steps - 1)).ToArray());
    }

    /// <summary>
    /// Nichol and Dhariwal's cosine schedule: ᾱ_t = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2),
    /// β_t = 1 − ᾱ_t/ᾱ_{t−1}, clipped at 0.999; noise is added more gently near the start and end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 step, or an offset that is not a small positive
    /// number (0 &lt; s ≤ 1).</exception>
    public static NoiseSchedule Cosine(int steps = 1000, double offset = 0.008)
    {
        RequireSteps(steps);
        if (!(offset > 0 && offset <= 1))
        {
            throw ErrorMessage.OutOfRange(Component, nameof(offset), "in (0, 1] (Nichol and Dhariwal use 0.008)",
                offset);
        }
        double F(int t) => Math.Pow(Math.Cos((t / (double)steps + offset) / (1 + offset) * Math.PI / 2), 2);
        return new(Enumerable.Range(1, steps).Select(t => Math.Min(1 - F(t) / F(t - 1), 0.999)).ToArray());
    }

    private static void RequireSteps(int steps)
    {
        if (steps < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(steps), "at least 1 (T, the number of noising steps)",
                steps);
        }
    }

    private static void RequireBeta(string argument, double beta)
    {
        if (!(beta > 0 && beta < 1))
        {
            throw ErrorMessage.OutOfRange(Component, argument, "in the open interval (0, 1)", beta);
        }
    }

    private int CheckStep(int t) =>
        t >= 1 && t <= Steps ? t - 1
            : throw ErrorMessage.OutOfRange(Component, nameof(t), $"between 1 and T = {Steps}", t);
}
