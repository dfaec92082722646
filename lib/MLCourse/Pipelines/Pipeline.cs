using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Pipelines;

/// <summary>
/// A chain of named transformers, each output feeding the next (the notes' "Pipelines"):
/// fitting learns every step on the training table in turn; the fitted pipeline then applies the
/// same learned state to any other table — so train and test are always processed alike.
/// scikit-learn's <c>Pipeline</c> of transformers; end it with an estimator through
/// <see cref="Then{TLabel}(string, IEstimator{TLabel})"/>.
/// </summary>
/// <remarks>Introduced in notebook day 05.</remarks>
public sealed class Pipeline : ITableTransformer
{
    private const string Component = "Pipeline";

    /// <summary>Stores the named steps (scikit-learn's "list of tuples").</summary>
    /// <exception cref="ArgumentException">No steps, or a repeated name.</exception>
    public Pipeline(params (string Name, ITableTransformer Step)[] steps)
    {
        if (Require.NotNull(Component, nameof(steps), steps).Length == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(steps));
        }
        int bad = Array.FindIndex(steps, s => s.Name is null || s.Step is null);
        if (bad >= 0)
        {
            throw ErrorMessage.Must(Component, nameof(steps), "give each step a name and a transformer",
                $"step {bad} has {(steps[bad].Name is null ? "no name" : "a null transformer")}");
        }
        Require.DistinctNames(Component, nameof(steps), "step", steps.Select(s => s.Name));
        Steps = steps;
    }

    /// <summary>The named steps, in order.</summary>
    public IReadOnlyList<(string Name, ITableTransformer Step)> Steps { get; }

    /// <summary>
    /// scikit-learn's <c>make_pipeline</c>: the steps named after their types in lower case
    /// (<c>standardscaler</c>), with <c>-1</c>, <c>-2</c>, … added where a type repeats.
    /// </summary>
    public static Pipeline MakePipeline(params ITableTransformer[] steps) =>
        new(GeneratedNames(Require.NotNull(Component, nameof(steps), steps).Cast<object>().ToArray())
            .Zip(steps).ToArray());

    /// <summary>Ends the pipeline with a named estimator.</summary>
    public ModelPipeline<TLabel> Then<TLabel>(string name, IEstimator<TLabel> estimator) => new(this, name, estimator);

    /// <summary>Ends the pipeline with an estimator named after its type, as <c>make_pipeline</c> does.</summary>
    public ModelPipeline<TLabel> Then<TLabel>(IEstimator<TLabel> estimator) =>
        Then(GeneratedNames([.. Steps.Select(s => (object)s.Step), estimator])[^1], estimator);

    /// <summary>Fits each step on the output of the previous one.</summary>
    /// <exception cref="ArgumentException">A step refuses its input; the message names the step, then gives the step's
    /// own message (also the inner exception).</exception>
    public FittedPipeline Fit(Table x)
    {
        var fitted = new List<(string, IFittedTableTransformer)>();
        foreach ((string name, ITableTransformer step) in Steps)
        {
            Table input = x;
            IFittedTableTransformer state = StepError.Named(Component, "fit", name, step, () => step.Fit(input));
            x = StepError.Named(Component, "fit", name, step, () => state.Transform(input));
            fitted.Add((name, state));
        }
        return new FittedPipeline(fitted);
    }

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);

    private static string[] GeneratedNames(object[] steps)
    {
        string[] names = steps.Select(s => s.GetType().Name.ToLowerInvariant()).ToArray();
        return names.Select((name, i) => names.Count(n => n == name) == 1 ? name
            : $"{name}-{names.Take(i + 1).Count(n => n == name)}").ToArray();
    }
}

/// <summary>A fitted <see cref="Pipeline"/>: the learned state of every step.</summary>
public sealed class FittedPipeline : IFittedTableTransformer
{
    internal FittedPipeline(IReadOnlyList<(string Name, IFittedTableTransformer Step)> steps) => Steps = steps;

    /// <summary>The fitted steps, in order.</summary>
    public IReadOnlyList<(string Name, IFittedTableTransformer Step)> Steps { get; }

    /// <summary>The fitted step called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No step has that name.</exception>
    public IFittedTableTransformer this[string name] =>
        Steps.FirstOrDefault(s => s.Name == name).Step
        ?? throw ErrorMessage.Unknown("Pipeline", "step", name, Steps.Select(s => s.Name));

    /// <summary>Applies every step's learned state in turn.</summary>
    /// <exception cref="ArgumentException">A step refuses its input; the message names the step, then gives the step's
    /// own message (also the inner exception).</exception>
    public Table Transform(Table x) =>
        Steps.Aggregate(x, (table, step) => StepError.Named("Pipeline",
            "transform", step.Name, step.Step, () => step.Step.Transform(table)));
}
