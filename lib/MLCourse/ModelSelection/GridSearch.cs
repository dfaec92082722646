using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;
using MLCourse.Pipelines;

namespace MLCourse.ModelSelection;

/// <summary>
/// Exhaustive search over a grid of settings, scikit-learn semantics (<c>GridSearchCV</c>): each setting
/// is cross-validated on the rows given to <c>Fit</c>; the best mean fold score wins (ties go to the
/// first setting in grid order); that setting is refitted on all those rows.
/// </summary>
/// <typeparam name="TSetting">One point of the grid, e.g. a maximum depth.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
/// <remarks>
/// Give it the training rows only: the test set must play no part in choosing the setting.
/// Differences from scikit-learn: the grid is a list of settings and a function that builds the
/// estimator from one (instead of a dictionary of parameter names); the splitter is always given.
/// <see cref="PipelineGridSearch{TSetting, TLabel}"/> runs one over whole pipelines.
/// </remarks>
public sealed class GridSearch<TSetting, TLabel>
    where TLabel : notnull
{
    private const string Component = "GridSearch";
    private readonly Func<TSetting, IEstimator<TLabel>> build;

    /// <summary>Stores the settings.</summary>
    /// <param name="grid">The settings to try, in order; not empty.</param>
    /// <param name="build">Makes the estimator for one setting.</param>
    /// <param name="cv">The splitter, e.g. <see cref="StratifiedKFold"/>.</param>
    /// <exception cref="ArgumentException">An empty grid.</exception>
    public GridSearch(IReadOnlyList<TSetting> grid, Func<TSetting, IEstimator<TLabel>> build, IFoldSplitter cv)
    {
        Grid = grid.Count > 0 ? grid : throw ErrorMessage.Empty(Component, nameof(grid));
        this.build = build;
        Cv = cv;
    }

    /// <summary>The settings to try.</summary>
    public IReadOnlyList<TSetting> Grid { get; }

    /// <summary>The splitter.</summary>
    public IFoldSplitter Cv { get; }

    /// <summary>
    /// Cross-validates every setting on <paramref name="x"/> (samples, features), then refits the best on all of it.
    /// </summary>
    public GridSearchResult<TSetting, IPredictor<TLabel>> Fit(Matrix<double> x, IReadOnlyList<TLabel> y)
    {
        double[][] scores = [.. Grid.Select(s => CrossValidation.Score(build(s), x, y, Cv))];
        return new GridSearchResult<TSetting, IPredictor<TLabel>>(Grid, scores, s => build(s).Fit(x, y));
    }
}

/// <summary>
/// <see cref="GridSearch{TSetting, TLabel}"/> over whole pipelines: each setting builds a
/// <see cref="ModelPipeline{TLabel}"/>, and every fold refits the preprocessing too.
/// </summary>
/// <typeparam name="TSetting">One point of the grid.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
/// <remarks>scikit-learn: <c>GridSearchCV(pipeline, …)</c>; introduced in notebook day 05.</remarks>
public sealed class PipelineGridSearch<TSetting, TLabel>
    where TLabel : notnull
{
    private readonly Func<TSetting, ModelPipeline<TLabel>> build;

    /// <summary>Stores the settings.</summary>
    /// <exception cref="ArgumentException">An empty grid.</exception>
    public PipelineGridSearch(
        IReadOnlyList<TSetting> grid, Func<TSetting, ModelPipeline<TLabel>> build, IFoldSplitter cv)
    {
        Grid = grid.Count > 0 ? grid : throw ErrorMessage.Empty("GridSearch", nameof(grid));
        this.build = build;
        Cv = cv;
    }

    /// <summary>The settings to try.</summary>
    public IReadOnlyList<TSetting> Grid { get; }

    /// <summary>The splitter.</summary>
    public IFoldSplitter Cv { get; }

    /// <summary>
    /// Cross-validates every setting's pipeline on the table <paramref name="x"/>, then refits the best on all of it.
    /// </summary>
    public GridSearchResult<TSetting, FittedModelPipeline<TLabel>> Fit(Table x, IReadOnlyList<TLabel> y)
    {
        double[][] scores = [.. Grid.Select(s => CrossValidation.Score(build(s), x, y, Cv))];
        return new GridSearchResult<TSetting, FittedModelPipeline<TLabel>>(Grid, scores, s => build(s).Fit(x, y));
    }
}
