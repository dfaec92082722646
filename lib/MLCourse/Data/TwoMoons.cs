using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace MLCourse.Data;

/// <summary>
/// Two interleaving half circles in the plane, as scikit-learn's <c>make_moons</c> draws them:
/// the upper moon (cos θ, sin θ) and the lower moon (1 − cos θ, 0.5 − sin θ), θ ∈ [0, π], plus
/// Gaussian noise. A synthetic shape, not a data set: a generative model must learn to draw it.
/// </summary>
/// <remarks>Introduced in notebook day 22 (diffusion).</remarks>
public static class TwoMoons
{
    /// <summary>
    /// <paramref name="count"/> points, shape (count, 2): half on each moon, evenly spaced in θ as
    /// scikit-learn does, with noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    public static Matrix<double> Generate(int count, double noise, int seed)
    {
        var random = new MersenneTwister(seed);
        int upper = count - count / 2;
        return Fill(Matrix<double>.Build.Dense(count, 2), upper, count - upper, noise, random);
    }

    private static Matrix<double> Fill(Matrix<double> points, int upper, int lower, double noise, RandomSource random)
    {
        for (int i = 0; i < upper; i++)
        {
            double theta = upper == 1 ? 0 : Math.PI * i / (upper - 1);
            points[i, 0] = Math.Cos(theta) + noise * Normal.Sample(random, 0, 1);
            points[i, 1] = Math.Sin(theta) + noise * Normal.Sample(random, 0, 1);
        }
        for (int i = 0; i < lower; i++)
        {
            double theta = lower == 1 ? 0 : Math.PI * i / (lower - 1);
            points[upper + i, 0] = 1 - Math.Cos(theta) + noise * Normal.Sample(random, 0, 1);
            points[upper + i, 1] = 0.5 - Math.Sin(theta) + noise * Normal.Sample(random, 0, 1);
        }
        return points;
    }
}
