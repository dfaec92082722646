using MLCourse.Errors;

namespace MLCourse.ModelSelection;

/// <summary>
/// What <see cref="KFold"/> and <see cref="StratifiedKFold"/> share: the number of folds k, whether to
/// shuffle, the seed, and their checks (k at least 2; at least k rows to split).
/// </summary>
/// <remarks>The base of the splitters the notebooks use; not named by them.</remarks>
public abstract class FoldSplitter : IFoldSplitter
{
    private readonly string _component;

    /// <summary>Checks and stores the settings; <paramref name="component"/> names the splitter in messages.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nSplits"/> below 2.</exception>
    private protected FoldSplitter(string component, int nSplits, bool shuffle, int seed)
    {
        if (nSplits < 2)
        {
            throw ErrorMessage.OutOfRange(
                component, nameof(nSplits), "at least 2 (one fold to fit on, one to score on)", nSplits);
        }
        _component = component;
        NSplits = nSplits;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <inheritdoc/>
    public int NSplits { get; }

    /// <summary>Whether the split is shuffled (what is shuffled: see the splitter's remarks).</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle's seed.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<Fold> Split<TLabel>(IReadOnlyList<TLabel> y) where TLabel : notnull;

    /// <summary>Refuses fewer than k rows: "Component: argument must be at least nSplits = k …, but is …".</summary>
    private protected void RequireRows(string argument, int count, string perFold, object actual)
    {
        if (count < NSplits)
        {
            throw ErrorMessage.OutOfRange(_component, argument, $"at least nSplits = {NSplits} {perFold}", actual);
        }
    }
}
