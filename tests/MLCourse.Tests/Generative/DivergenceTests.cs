using CsCheck;
using MLCourse.Generative;

namespace MLCourse.Tests.Generative;

public class DivergenceTests
{
    [Fact]
    public void KL_matches_the_hand_computed_value_and_is_not_symmetric()
    {
        double[] p = [0.5, 0.5], q = [0.9, 0.1];

        Assert.Equal(0.5 * Math.Log(0.5 / 0.9) + 0.5 * Math.Log(0.5 / 0.1), Divergence.KullbackLeibler(p, q), 1e-15);
        Assert.NotEqual(Divergence.KullbackLeibler(p, q), Divergence.KullbackLeibler(q, p), 6);
        Assert.Equal(double.PositiveInfinity, Divergence.KullbackLeibler(p, [1.0, 0.0]));
    }

    [Fact]
    public void KL_is_never_negative_and_zero_exactly_for_equal_distributions()
    {
        var distribution = Gen.Double[0.001, 1].Array[2, 8].Select(w => w.Select(v => v / w.Sum()).ToArray());

        PropertySeeds.Check(Gen.Select(distribution, distribution), t =>
        {
            var (p, q) = t;
            Assert.Equal(0, Divergence.KullbackLeibler(p, p), 1e-12);
            if (p.Length == q.Length)
            {
                double kl = Divergence.KullbackLeibler(p, q);
                Assert.True(kl >= 0);
                Assert.True(kl > 0 || p.Zip(q).All(t => Math.Abs(t.First - t.Second) < 1e-6));
            }
        });
    }

    [Fact]
    public void JSD_is_symmetric_and_at_most_log_2()
    {
        double[] p = [1, 0], q = [0, 1], r = [0.2, 0.8];

        Assert.Equal(Math.Log(2), Divergence.JensenShannon(p, q), 1e-15);   // disjoint supports: the maximum
        Assert.Equal(Divergence.JensenShannon(p, r), Divergence.JensenShannon(r, p), 1e-15);
    }

    [Fact]
    public void Inputs_that_are_not_distributions_are_refused()
    {
        var sum = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler([0.5, 0.6], [0.5, 0.5]));
        var negative = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler([0.5, 0.5], [1.5, -0.5]));

        Assert.Equal("Divergence: p must sum to 1, but sums to 1.1. (Parameter 'p')", sum.Message);
        Assert.Equal("Divergence: q must hold probabilities (finite, ≥ 0), but entry 1 is -0.5. (Parameter 'q')", negative.Message);
    }
}
