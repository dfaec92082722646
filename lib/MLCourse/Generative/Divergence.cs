using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// Divergences between discrete distributions (the notes' "KL Divergence": how one probability
/// distribution differs from another): D_KL(P‖Q) = Σ P(x) log(P(x)/Q(x)), and the symmetric,
/// bounded Jensen–Shannon divergence JSD(P‖Q) = ½ D_KL(P‖M) + ½ D_KL(Q‖M) with M = (P + Q)/2.
/// </summary>
/// <remarks>
/// Natural logarithms (nats). Terms with P(x) = 0 contribute 0; P(x) &gt; 0 where Q(x) = 0 gives
/// +∞; a subnormal Q(x) (such as 5e-324) gives a finite term, log P − log Q, where P/Q would overflow.
/// Empty distributions are refused (no distribution has no outcomes). Introduced in notebook day 20
/// (KL divergence and the VAE); day 21 uses the JSD.
/// </remarks>
public static class Divergence
{
    private const string Component = "Divergence";

    /// <summary>D_KL(P‖Q) in nats; ≥ 0, and 0 exactly when P = Q.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a probability is negative or NaN, or one side does not sum
    /// to 1 (within 1e-9).</exception>
    public static double KullbackLeibler(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        RequireDistribution(nameof(p), p);
        RequireDistribution(nameof(q), q);
        if (p.Count != q.Count)
        {
            throw ErrorMessage.Shape(Component, nameof(q),
                ErrorMessage.FormatShape(p.Count), ErrorMessage.FormatShape(q.Count));
        }
        double sum = 0;
        for (int i = 0; i < p.Count; i++)
        {
            if (p[i] > 0)
            {
                sum += q[i] > 0 ? p[i] * LogRatio(p[i], q[i]) : double.PositiveInfinity;
            }
        }
        return Math.Max(sum, 0);   // rounding can give −1e-17 for equal distributions
    }

    /// <summary>JSD(P‖Q) in nats; symmetric, between 0 and log 2.</summary>
    /// <exception cref="ArgumentException">As for <see cref="KullbackLeibler"/>.</exception>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        RequireDistribution(nameof(p), p);
        RequireDistribution(nameof(q), q);
        if (p.Count != q.Count)
        {
            throw ErrorMessage.Shape(Component, nameof(q),
                ErrorMessage.FormatShape(p.Count), ErrorMessage.FormatShape(q.Count));
        }
        double[] m = p.Zip(q, (a, b) => (a + b) / 2).ToArray();
        return 0.5 * KullbackLeibler(p, m) + 0.5 * KullbackLeibler(q, m);
    }

    // log(p/q), as log p − log q when p/q overflows or underflows (a subnormal q such as 5e-324 gives p/q = ∞,
    // though log p − log q ≈ 744 is finite).
    private static double LogRatio(double p, double q)
    {
        double ratio = p / q;
        return double.IsFinite(ratio) && ratio > 0 ? Math.Log(ratio) : Math.Log(p) - Math.Log(q);
    }

    private static void RequireDistribution(string argument, IReadOnlyList<double> probabilities)
    {
        Require.NotNull(Component, argument, probabilities);
        if (probabilities.Count == 0)
        {
            throw ErrorMessage.Empty(Component, argument);
        }
        int bad = probabilities.ToList().FindIndex(v => !(v >= 0) || double.IsInfinity(v));
        if (bad >= 0)
        {
            throw ErrorMessage.Must(Component, argument, "hold probabilities (finite, ≥ 0)",
                $"entry {bad} is {probabilities[bad]}");
        }
        double total = probabilities.Sum();
        if (Math.Abs(total - 1) > 1e-9)
        {
            throw ErrorMessage.Must(Component, argument, "sum to 1", $"sums to {total:R}");
        }
    }
}
