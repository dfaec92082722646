using MLCourse.Evaluation;

namespace MLCourse.Tests.Evaluation;

public class ScoringTests
{
    [Fact]
    public void Accuracy_is_the_share_of_matches()
    {
        Assert.Equal(0.75, Scoring.Accuracy(["a", "b", "c", "d"], ["a", "b", "c", "x"]));
    }

    [Fact]
    public void R2_is_1_for_a_perfect_fit_0_for_the_mean_and_hand_computed_otherwise()
    {
        double[] y = [1, 2, 3];

        Assert.Equal(1.0, Scoring.R2(y, y));
        Assert.Equal(0.0, Scoring.R2(y, [2, 2, 2]));
        Assert.Equal(1 - 0.5 / 2, Scoring.R2(y, [1.5, 2, 2.5]), 1e-12);   // residual 0.5, total 2
        Assert.Equal(0.0, Scoring.R2([5.0, 5.0], [5.0, 4.0]));              // constant targets, imperfect
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Scoring.Accuracy(["a"], ["a", "b"]));

        Assert.Equal("Scoring: predicted must have shape (1,), but has shape (2,). (Parameter 'predicted')", error.Message);
    }
}
