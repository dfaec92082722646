namespace MLCourse.ModelSelection;

/// <summary>
/// K-fold cross-validation, scikit-learn semantics (<c>KFold</c>): rows are cut into k consecutive
/// blocks; each block is the test fold once while the other k − 1 blocks train. With n rows the first
/// n mod k folds hold ⌊n/k⌋ + 1 rows, the others ⌊n/k⌋. With <c>shuffle</c> the rows are first put in a
/// seeded random order, then cut the same way.
/// </summary>
/// <remarks>
/// Introduced in notebook day 05. Differences from scikit-learn: the shuffle uses .NET's
/// <see cref="Random"/> (the same seed gives the same folds here, but not the rows NumPy's generator
/// would choose); a seed given without <c>shuffle</c> is ignored instead of refused.
/// Fold arrays come back sorted ascending, as scikit-learn's do.
/// </remarks>
public sealed class KFold : FoldSplitter
{
    /// <summary>Stores the settings.</summary>
    /// <param name="nSplits">k, at least 2 (scikit-learn's default 5).</param>
    /// <param name="shuffle">Whether to shuffle the rows before cutting them into blocks (default false).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nSplits"/> below 2.</exception>
    public KFold(int nSplits = 5, bool shuffle = false, int seed = 0)
        : base("KFold", nSplits, shuffle, seed)
    {
    }

    /// <summary>The k folds of rows 0 … count − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer rows than folds.</exception>
    public IReadOnlyList<Fold> Split(int count)
    {
        RequireRows(nameof(count), count, "(one row per fold)", count);
        int[] order = Enumerable.Range(0, count).ToArray();
        if (Shuffle)
        {
            new Random(Seed).Shuffle(order);
        }
        var testFold = new int[count];
        int start = 0;
        for (int k = 0; k < NSplits; k++)
        {
            int size = count / NSplits + (k < count % NSplits ? 1 : 0);   // first n mod k folds get one extra row
            for (int i = start; i < start + size; i++)
            {
                testFold[order[i]] = k;
            }
            start += size;
        }
        return Folds.FromTestFold(testFold, NSplits);
    }

    /// <inheritdoc/>
    /// <remarks>The labels are not used, only their count.</remarks>
    public override IReadOnlyList<Fold> Split<TLabel>(IReadOnlyList<TLabel> y) => Split(y.Count);
}
