using MLCourse.Errors;

namespace MLCourse.Generative;

/// <summary>
/// The GAN's value function and its optimum on distributions with known densities (the notes'
/// "GAN's Math"): V(D, G) = ∫ p_data(x) log D(x) + p_g(x) log(1 − D(x)) dx; for a fixed generator
/// the best discriminator is D*(x) = p_data(x)/(p_data(x) + p_g(x)), and
/// V(D*, G) = −log 4 + 2·JSD(p_data ‖ p_g), which is −log 4 exactly when p_g = p_data.
/// </summary>
/// <remarks>Integrals are evaluated with the trapezoid rule on a grid. Introduced in notebook day 21.</remarks>
public static class GanTheory
{
    private const string Component = "GanTheory";

    /// <summary>D*(x) = p_data / (p_data + p_g); ½ where both densities are 0.</summary>
    public static double OptimalDiscriminator(double pData, double pG) => pData + pG > 0 ? pData / (pData + pG) : 0.5;

    /// <summary>V(D, G) = ∫ p_data log D + p_g log(1 − D) dx on the grid <paramref name="x"/>.</summary>
    /// <param name="x">Sorted grid points covering both densities' mass.</param>
    /// <param name="pData">The data density.</param>
    /// <param name="pG">The generator's density.</param>
    /// <param name="discriminator">D(x) in (0, 1).</param>
    /// <exception cref="ArgumentException">Fewer than 2 grid points or an unsorted grid.</exception>
    public static double Value(IReadOnlyList<double> x, Func<double, double> pData,
        Func<double, double> pG, Func<double, double> discriminator) =>
        Trapezoid(x, t =>
        {
            double d = discriminator(t);
            return Term(pData(t), Math.Log(d)) + Term(pG(t), Math.Log(1 - d));
        });

    /// <summary>
    /// V(D*, G) = ∫ p_data log(p_data/(p_data + p_g)) + p_g log(p_g/(p_data + p_g)) dx, computed from
    /// the density ratios directly: evaluating D* first and then log(1 − D*) would round
    /// 1 − D* to 0 in the tails, where one density is 1e-100 times the other.
    /// </summary>
    public static double OptimalValue(IReadOnlyList<double> x, Func<double, double> pData, Func<double, double> pG) =>
        Trapezoid(x, t =>
        {
            double a = pData(t), b = pG(t);
            return Term(a, Math.Log(a / (a + b))) + Term(b, Math.Log(b / (a + b)));
        });

    /// <summary>JSD(p ‖ q) = ½ ∫ p log(2p/(p+q)) + q log(2q/(p+q)) dx on the grid.</summary>
    public static double JensenShannon(IReadOnlyList<double> x, Func<double, double> p, Func<double, double> q) =>
        0.5 * Trapezoid(x, t =>
        {
            double a = p(t), b = q(t);
            return Term(a, Math.Log(2 * a / (a + b))) + Term(b, Math.Log(2 * b / (a + b)));
        });

    /// <summary>∫ f dx by the trapezoid rule on the sorted grid.</summary>
    public static double Trapezoid(IReadOnlyList<double> x, Func<double, double> f)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.NotNull(Component, nameof(f), f);
        if (x.Count < 2 || x.Zip(x.Skip(1)).Any(p => !(p.Second > p.First)))
        {
            throw ErrorMessage.Must(Component, nameof(x), "be a grid of at least 2 strictly increasing points",
                x.Count < 2 ? $"has {x.Count}" : "is not strictly increasing");
        }
        double sum = 0, previous = f(x[0]);
        for (int i = 1; i < x.Count; i++)
        {
            double current = f(x[i]);
            sum += (x[i] - x[i - 1]) * (previous + current) / 2;
            previous = current;
        }
        return sum;
    }

    // 0·log(anything) = 0, the convention that makes the integrals finite where a density vanishes.
    private static double Term(double weight, double logarithm) => weight == 0 ? 0 : weight * logarithm;
}
