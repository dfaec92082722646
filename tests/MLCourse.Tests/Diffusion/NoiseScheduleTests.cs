using MLCourse.Diffusion;

namespace MLCourse.Tests.Diffusion;

public class NoiseScheduleTests
{
    [Fact]
    public void The_linear_schedule_runs_from_1e_4_to_0_02_and_alpha_bar_is_the_running_product()
    {
        var schedule = NoiseSchedule.Linear();

        Assert.Equal((1000, 1e-4, 0.02), (schedule.Steps, schedule.Beta(1), schedule.Beta(1000)));
        Assert.Equal(1.0, schedule.AlphaBar(0));
        Assert.Equal((1 - 1e-4) * (1 - schedule.Beta(2)), schedule.AlphaBar(2), 1e-15);
        double product = 1;
        for (int t = 1; t <= 1000; t++) product *= schedule.Alpha(t);
        Assert.Equal(product, schedule.AlphaBar(1000), 1e-15);
        Assert.InRange(schedule.AlphaBar(1000), 0, 1e-4);   // almost pure noise at the end
    }

    [Fact]
    public void The_cosine_schedule_falls_from_1_to_about_0_and_noises_gently_at_the_start()
    {
        var cosine = NoiseSchedule.Cosine();
        var linear = NoiseSchedule.Linear();

        Assert.True(Enumerable.Range(1, 1000).All(t => cosine.AlphaBar(t) < cosine.AlphaBar(t - 1)));
        Assert.InRange(cosine.AlphaBar(1000), 0, 1e-6);
        Assert.True(cosine.AlphaBar(500) > linear.AlphaBar(500));
    }

    [Fact]
    public void Betas_outside_0_to_1_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NoiseSchedule([0.1, 1.0]));

        Assert.Equal("NoiseSchedule: betas must lie in (0, 1) (every β), but β_2 is 1. (Parameter 'betas')",
            error.Message);
    }
}
