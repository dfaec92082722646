using CsCheck;

namespace MLCourse.Tests;

public class PropertySeedsTests
{
    [Fact]
    public void The_fixed_mode_checks_the_same_100_distinct_inputs_every_run()
    {
        if (PropertySeeds.Random)
        {
            return;   // MLCOURSE_RANDOM_PROPERTIES or CsCheck_Seed is set: CsCheck chooses the inputs
        }
        List<long> Draw()
        {
            var seen = new List<long>();
            PropertySeeds.Check(Gen.Long[0, 1L << 62], v => seen.Add(v));   // uniform: plain Gen.Long favours special values
            return seen;
        }

        List<long> first = Draw(), second = Draw();

        Assert.Equal(PropertySeeds.Iterations, first.Count);
        Assert.Equal(PropertySeeds.Iterations, first.Distinct().Count());
        Assert.Equal(first, second);
    }
}
