namespace MLCourse.ModelSelection;

/// <summary>
/// One round of cross-validation: the rows a model is fitted on and the rows it is scored on.
/// Both arrays are sorted ascending and together hold every row exactly once.
/// </summary>
/// <param name="Train">Row indices the model learns from.</param>
/// <param name="Test">Row indices held out in this round (the validation fold).</param>
/// <remarks>Introduced in notebook day 05 (pipelines and model selection).</remarks>
public sealed record Fold(int[] Train, int[] Test);

/// <summary>
/// Splits labelled rows into cross-validation folds: scikit-learn's splitter objects
/// (<c>KFold</c>, <c>StratifiedKFold</c>) as one contract.
/// </summary>
/// <remarks>The contract of <see cref="KFold"/> and <see cref="StratifiedKFold"/>.</remarks>
public interface IFoldSplitter
{
    /// <summary>The number of folds, k.</summary>
    int NSplits { get; }

    /// <summary>The k folds for rows 0 … y.Count − 1; <paramref name="y"/> holds one label per row.</summary>
    IReadOnlyList<Fold> Split<TLabel>(IReadOnlyList<TLabel> y) where TLabel : notnull;
}

internal static class Folds
{
    /// <summary>Builds the k folds from each row's test-fold number.</summary>
    public static IReadOnlyList<Fold> FromTestFold(int[] testFold, int nSplits) =>
        Enumerable.Range(0, nSplits).Select(k => new Fold(
            Enumerable.Range(0, testFold.Length).Where(i => testFold[i] != k).ToArray(),
            Enumerable.Range(0, testFold.Length).Where(i => testFold[i] == k).ToArray())).ToArray();
}
