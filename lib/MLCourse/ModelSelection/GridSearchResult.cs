namespace MLCourse.ModelSelection;

/// <summary>
/// What a grid search found: every setting's fold scores, their mean and standard deviation, the
/// best setting, and the model refitted with it on all the rows searched.
/// </summary>
/// <typeparam name="TSetting">One point of the grid (a depth, a tuple of settings).</typeparam>
/// <typeparam name="TModel">The refitted model's type.</typeparam>
/// <remarks>
/// scikit-learn's <c>cv_results_</c>, <c>best_params_</c>, <c>best_score_</c>, <c>best_estimator_</c>;
/// what <see cref="PipelineGridSearch{TSetting, TLabel}"/> returns.
/// </remarks>
public sealed class GridSearchResult<TSetting, TModel>
{
    internal GridSearchResult(IReadOnlyList<TSetting> settings, double[][] foldScores, Func<TSetting, TModel> refit)
    {
        Settings = settings;
        FoldScores = foldScores;
        MeanScores = [.. foldScores.Select(s => s.Average())];
        // Population standard deviation (NumPy's default, ddof = 0), as scikit-learn's std_test_score.
        StdScores = [.. foldScores.Select((s, i) =>
            Math.Sqrt(s.Sum(v => (v - MeanScores[i]) * (v - MeanScores[i])) / s.Length))];
        // The first setting with the highest mean wins ties, as scikit-learn's rank_test_score does.
        BestIndex = 0;
        for (int i = 1; i < MeanScores.Length; i++)
        {
            if (MeanScores[i] > MeanScores[BestIndex])
            {
                BestIndex = i;
            }
        }
        BestModel = refit(Settings[BestIndex]);
    }

    /// <summary>The grid, in the order searched.</summary>
    public IReadOnlyList<TSetting> Settings { get; }

    /// <summary>FoldScores[s][k]: setting s's score on test fold k.</summary>
    public double[][] FoldScores { get; }

    /// <summary>Each setting's mean fold score.</summary>
    public double[] MeanScores { get; }

    /// <summary>Each setting's standard deviation of fold scores (divided by k, as NumPy's <c>std</c>).</summary>
    public double[] StdScores { get; }

    /// <summary>The index of the best setting: highest mean, the first in grid order on a tie.</summary>
    public int BestIndex { get; }

    /// <summary>The best setting.</summary>
    public TSetting BestSetting => Settings[BestIndex];

    /// <summary>The best setting's mean fold score.</summary>
    public double BestScore => MeanScores[BestIndex];

    /// <summary>The best setting refitted on every row the search was given.</summary>
    public TModel BestModel { get; }
}
