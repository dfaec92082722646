using MLCourse.ModelSelection;

namespace MLCourse.Tests.ModelSelection;

public class KFoldTests
{
    [Fact]
    public void Without_shuffle_the_first_n_mod_k_folds_get_one_extra_row_in_consecutive_blocks()
    {
        // n = 7, k = 3: sizes 3, 2, 2 (7 mod 3 = 1 fold gets ⌊7/3⌋ + 1 = 3 rows), worked out by hand.
        var folds = new KFold(3).Split(7);

        Assert.Equal([[0, 1, 2], [3, 4], [5, 6]], folds.Select(f => f.Test));
        Assert.Equal([3, 4, 5, 6], folds[0].Train);
        Assert.Equal([0, 1, 2, 5, 6], folds[1].Train);
    }

    [Fact]
    public void Matches_the_scikit_learn_documentation_example()
    {
        // KFold(n_splits=2) on 4 rows: test [0 1] then [2 3].
        var folds = new KFold(2).Split(4);

        Assert.Equal([[0, 1], [2, 3]], folds.Select(f => f.Test));
        Assert.Equal([[2, 3], [0, 1]], folds.Select(f => f.Train));
    }

    [Theory]
    [InlineData(10, 5, false)]
    [InlineData(23, 4, true)]
    [InlineData(5, 5, true)]
    public void Every_row_is_in_exactly_one_test_fold_and_never_in_its_own_training_fold(int n, int k, bool shuffle)
    {
        var folds = new KFold(k, shuffle, seed: 7).Split(n);

        Assert.Equal(k, folds.Count);
        Assert.Equal(Enumerable.Range(0, n), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
        {
            Assert.Empty(fold.Train.Intersect(fold.Test));
            Assert.Equal(n, fold.Train.Length + fold.Test.Length);
            Assert.Equal(fold.Test.Order(), fold.Test);
        }
        Assert.All(folds, f => Assert.InRange(f.Test.Length, n / k, n / k + 1));
    }

    [Fact]
    public void Shuffle_is_seeded_and_changes_the_blocks()
    {
        var a = new KFold(3, shuffle: true, seed: 1).Split(30);
        var b = new KFold(3, shuffle: true, seed: 1).Split(30);

        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(new KFold(3).Split(30).Select(f => f.Test), a.Select(f => f.Test));
    }

    [Fact]
    public void Fewer_than_two_splits_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(1));

        Assert.Equal("KFold: nSplits must be at least 2 (one fold to fit on, one to score on), but is 1."
            + " (Parameter 'nSplits')\nActual value was 1.",
            error.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void More_folds_than_rows_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(5).Split(4));

        Assert.StartsWith("KFold: count must be at least nSplits = 5 (one row per fold), but is 4.", error.Message);
    }
}
