using MLCourse.ModelSelection;

namespace MLCourse.Tests.ModelSelection;

public class StratifiedKFoldTests
{
    [Fact]
    public void Matches_the_scikit_learn_documentation_example()
    {
        // StratifiedKFold(n_splits=2) with y = [0, 0, 1, 1]: test [0 2] then [1 3].
        var folds = new StratifiedKFold(2).Split([0, 0, 1, 1]);

        Assert.Equal([[0, 2], [1, 3]], folds.Select(f => f.Test));
    }

    [Fact]
    public void Assigns_folds_by_the_round_robin_allocation_then_blocks_per_class()
    {
        // Worked by hand from scikit-learn's rule (≥ 0.22): classes a = 0, b = 1 by first appearance;
        // sorted codes 0000111111 dealt to 3 folds give a: (2, 1, 1), b: (2, 2, 2);
        // a's rows 0, 1, 2, 7 get folds 0, 0, 1, 2; b's rows 3, 4, 5, 6, 8, 9 get 0, 0, 1, 1, 2, 2.
        string[] y = ["a", "a", "a", "b", "b", "b", "b", "a", "b", "b"];

        var folds = new StratifiedKFold(3).Split(y);

        Assert.Equal([[0, 1, 3, 4], [2, 5, 6], [7, 8, 9]], folds.Select(f => f.Test));
    }

    [Fact]
    public void Each_fold_keeps_the_class_proportions_and_every_row_is_tested_once()
    {
        var random = new Random(3);
        string[] y = [.. Enumerable.Range(0, 103).Select(_ => random.NextDouble() < 0.2 ? "rare" : "common")];
        int rare = y.Count(v => v == "rare");

        foreach (bool shuffle in new[] { false, true })
        {
            var folds = new StratifiedKFold(5, shuffle, seed: 11).Split(y);

            Assert.Equal(Enumerable.Range(0, y.Length), folds.SelectMany(f => f.Test).Order());
            Assert.All(folds, f => Assert.Empty(f.Train.Intersect(f.Test)));
            Assert.All(folds, f => Assert.InRange(f.Test.Count(i => y[i] == "rare"), rare / 5, rare / 5 + 1));
        }
    }

    [Fact]
    public void A_class_with_fewer_rows_than_folds_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new StratifiedKFold(3).Split(["x", "x", "x", "y", "y"]));

        Assert.StartsWith(
            "StratifiedKFold: y must be at least nSplits = 3 rows of every class, but is 2 rows of class 'y'.",
            error.Message);
    }

    [Fact]
    public void Fewer_than_two_splits_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedKFold(0));

        Assert.StartsWith(
            "StratifiedKFold: nSplits must be at least 2 (one fold to fit on, one to score on), but is 0.",
            error.Message);
    }
}
