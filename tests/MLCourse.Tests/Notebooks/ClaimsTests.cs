using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class ClaimsTests
{
    [Fact]
    public void A_false_claim_throws_with_the_claim_in_the_message()
    {
        var error = Assert.Throws<ClaimFailedException>(() => Claims.Check(false, "two is odd"));

        Assert.Equal("Claim failed: two is odd", error.Message);
    }

    [Fact]
    public void A_value_outside_its_tolerance_fails_and_NaN_never_passes()
    {
        var far = Assert.Throws<ClaimFailedException>(() => Claims.Close(1.1, 1.0, 0.01, "close to one"));
        Assert.Throws<ClaimFailedException>(() => Claims.Close(double.NaN, 1.0, 1e9, "NaN"));

        Assert.Equal("Claim failed: close to one (expected 1 ± 0.01, got 1.1)", far.Message);
    }

    [Fact]
    public void True_claims_and_exercises_do_not_throw()
    {
        Claims.Check(true, "true");
        Claims.Close(1.0 + 1e-12, 1.0, 1e-9, "close");

        Assert.True(Claims.Exercise("right", true));
        Assert.False(Claims.Exercise("wrong", false));
    }
}
