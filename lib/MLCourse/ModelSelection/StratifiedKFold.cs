using MLCourse.Errors;

namespace MLCourse.ModelSelection;

/// <summary>
/// Stratified k-fold cross-validation for classification, scikit-learn semantics (<c>StratifiedKFold</c>,
/// the rule of version 0.22 and later): every fold holds each class in about the proportion of the whole.
/// </summary>
/// <remarks>
/// <para>The rule: number the classes in order of first appearance; sort the rows' class numbers and
/// deal them round-robin to the k folds, which gives how many rows of each class each fold receives;
/// then, class by class, give that class's rows (in row order) fold numbers in blocks: the first rows of
/// the class to fold 0, the next to fold 1, and so on. With <c>shuffle</c> each class's block of fold
/// numbers is shuffled with a seeded generator before it is handed out.</para>
/// <para>Differences from scikit-learn: a class with fewer rows than folds is an error here (scikit-learn
/// only warns, and then some test folds lack that class, so their accuracy measures something else);
/// the shuffle uses .NET's <see cref="Random"/>, so shuffled folds differ from NumPy's.</para>
/// <para>Introduced in notebook day 05.</para>
/// </remarks>
public sealed class StratifiedKFold : FoldSplitter
{
    private const string Component = "StratifiedKFold";

    /// <summary>Stores the settings.</summary>
    /// <param name="nSplits">k, at least 2 (scikit-learn's default 5).</param>
    /// <param name="shuffle">Whether to shuffle each class's fold numbers (default false).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nSplits"/> below 2.</exception>
    public StratifiedKFold(int nSplits = 5, bool shuffle = false, int seed = 0)
        : base(Component, nSplits, shuffle, seed)
    {
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Fewer rows than folds, or a class with fewer rows than folds (the message names it).
    /// </exception>
    public override IReadOnlyList<Fold> Split<TLabel>(IReadOnlyList<TLabel> y)
    {
        Require.NotNull(Component, nameof(y), y);
        RequireRows(nameof(y), y.Count, "rows", $"{y.Count} rows");
        int missing = Enumerable.Range(0, y.Count).FirstOrDefault(i => y[i] is null, -1);
        if (missing >= 0)
        {
            throw ErrorMessage.Must(Component, nameof(y), "hold a class label for every row (a missing label is not "
                + "a class; drop or impute those rows)", $"entry {missing} is null");
        }
        // Classes numbered by first appearance, as scikit-learn encodes them.
        var classOf = new Dictionary<TLabel, int>();
        var encoded = new int[y.Count];
        for (int i = 0; i < y.Count; i++)
        {
            if (!classOf.TryGetValue(y[i], out int c))
            {
                classOf[y[i]] = c = classOf.Count;
            }
            encoded[i] = c;
        }
        int classes = classOf.Count;
        var counts = new int[classes];
        foreach (int c in encoded)
        {
            counts[c]++;
        }
        var names = classOf.Keys.ToArray();
        for (int c = 0; c < classes; c++)
        {
            if (counts[c] < NSplits)
            {
                throw ErrorMessage.OutOfRange(Component, "y", $"at least nSplits = {NSplits} rows of every class",
                    $"{counts[c]} rows of class '{names[c]}'");
            }
        }
        // allocation[k, c]: rows of class c in test fold k, from dealing the sorted classes round-robin.
        int[] sorted = [.. encoded.Order()];
        var allocation = new int[NSplits, classes];
        for (int i = 0; i < sorted.Length; i++)
        {
            allocation[i % NSplits, sorted[i]]++;
        }
        var random = new Random(Seed);
        var testFold = new int[y.Count];
        for (int c = 0; c < classes; c++)
        {
            int[] foldsForClass =
                [.. Enumerable.Range(0, NSplits).SelectMany(k => Enumerable.Repeat(k, allocation[k, c]))];
            if (Shuffle)
            {
                random.Shuffle(foldsForClass);
            }
            int next = 0;
            for (int i = 0; i < y.Count; i++)
            {
                if (encoded[i] == c)
                {
                    testFold[i] = foldsForClass[next++];
                }
            }
        }
        return Folds.FromTestFold(testFold, NSplits);
    }
}
