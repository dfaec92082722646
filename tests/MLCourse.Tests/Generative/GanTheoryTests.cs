using MLCourse.Generative;

namespace MLCourse.Tests.Generative;

public class GanTheoryTests
{
    private static readonly double[] Grid = Enumerable.Range(0, 40001).Select(i => -20 + 40.0 * i / 40000).ToArray();

    private static Func<double, double> Normal(double mean, double sd) =>
        x => Math.Exp(-(x - mean) * (x - mean) / (2 * sd * sd)) / (sd * Math.Sqrt(2 * Math.PI));

    [Fact]
    public void The_optimal_discriminator_gives_minus_log_4_plus_twice_the_JSD()
    {
        var data = Normal(0, 1);
        var generator = Normal(1, 1.5);

        double value = GanTheory.OptimalValue(Grid, data, generator);

        Assert.Equal(-Math.Log(4) + 2 * GanTheory.JensenShannon(Grid, data, generator), value, 1e-9);
        Assert.Equal(value, GanTheory.Value(Grid, data, generator, x => GanTheory.OptimalDiscriminator(data(x), generator(x))), 1e-9);   // here no tail rounds D* to 1
        Assert.True(value > -Math.Log(4));
    }

    [Fact]
    public void When_the_generator_matches_the_data_the_optimum_is_one_half_and_minus_log_4()
    {
        var data = Normal(0, 1);

        double value = GanTheory.Value(Grid, data, data, x => GanTheory.OptimalDiscriminator(data(x), data(x)));

        Assert.Equal(0.5, GanTheory.OptimalDiscriminator(data(0.3), data(0.3)));
        Assert.Equal(-Math.Log(4), value, 1e-9);
    }

    [Fact]
    public void No_other_discriminator_scores_higher_than_the_optimal_one()
    {
        var data = Normal(0, 1);
        var generator = Normal(2, 1);
        double best = GanTheory.OptimalValue(Grid, data, generator);

        Assert.True(best > GanTheory.Value(Grid, data, generator, _ => 0.5));
        Assert.True(best > GanTheory.Value(Grid, data, generator, x => 1 / (1 + Math.Exp(x - 1.2))));
    }
}
