using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Pipelines;

/// <summary>
/// Transformers followed by an estimator: scikit-learn's <c>Pipeline</c> whose last step is a
/// model. The transformers' output must be all numeric with no missing values; it becomes the
/// estimator's feature matrix, with columns in the table's order.
/// </summary>
/// <typeparam name="TLabel">The estimator's label type.</typeparam>
/// <remarks>
/// Built with <see cref="Pipeline.Then{TLabel}(string, IEstimator{TLabel})"/>; introduced in notebook day 05.
/// </remarks>
public sealed class ModelPipeline<TLabel>
{
    internal ModelPipeline(Pipeline transformers, string estimatorName, IEstimator<TLabel> estimator)
    {
        Transformers = transformers;
        EstimatorName = estimatorName;
        Estimator = estimator;
    }

    /// <summary>The transformer steps.</summary>
    public Pipeline Transformers { get; }

    /// <summary>The estimator's step name.</summary>
    public string EstimatorName { get; }

    /// <summary>The final estimator.</summary>
    public IEstimator<TLabel> Estimator { get; }

    /// <summary>Fits the transformers, then the estimator on their output, all on the training data.</summary>
    /// <exception cref="ArgumentException">The transformed table still has a non-numeric column or a missing value (the
    /// message names it), or the labels do not match the rows.</exception>
    public FittedModelPipeline<TLabel> Fit(Table x, IReadOnlyList<TLabel> y)
    {
        FittedPipeline transformers = Transformers.Fit(x);
        Table features = transformers.Transform(x);
        var matrix = FittedModelPipeline<TLabel>.Matrix(features);
        var model = StepError.Named("Pipeline", "fit", EstimatorName, Estimator, () => Estimator.Fit(matrix, y));
        return new FittedModelPipeline<TLabel>(transformers, EstimatorName, model, features.ColumnNames);
    }
}

/// <summary>A fitted <see cref="ModelPipeline{TLabel}"/>: predicts and scores raw tables.</summary>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class FittedModelPipeline<TLabel>
{
    internal FittedModelPipeline(FittedPipeline transformers, string estimatorName,
        IPredictor<TLabel> model, IReadOnlyList<string> featureNames)
    {
        Transformers = transformers;
        EstimatorName = estimatorName;
        Model = model;
        FeatureNames = featureNames;
    }

    /// <summary>The fitted transformers.</summary>
    public FittedPipeline Transformers { get; }

    /// <summary>The estimator's step name.</summary>
    public string EstimatorName { get; }

    /// <summary>The fitted estimator.</summary>
    public IPredictor<TLabel> Model { get; }

    /// <summary>The names of the features the model sees (the transformers' output columns).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The model's input for <paramref name="x"/>: the transformers' output.</summary>
    public Table Transform(Table x) => Transformers.Transform(x);

    /// <summary>Transforms <paramref name="x"/> with the training-time state, then predicts.</summary>
    public TLabel[] Predict(Table x)
    {
        var matrix = Matrix(Transform(x));
        return StepError.Named("Pipeline", "predict", EstimatorName, Model, () => Model.Predict(matrix));
    }

    /// <summary>The estimator's score (accuracy or R²) on <paramref name="x"/> and <paramref name="y"/>.</summary>
    public double Score(Table x, IReadOnlyList<TLabel> y) => Model.Score(Matrix(Transform(x)), y);

    internal static MathNet.Numerics.LinearAlgebra.Matrix<double> Matrix(Table features)
    {
        if (features.Columns.FirstOrDefault(c => c.Kind is not (ColumnKind.Number or ColumnKind.Integer)) is { } text)
        {
            throw ErrorMessage.WrongKind("Pipeline", "x", "column", text.Name,
                "numeric for the estimator (encode it in a step first)", text.Kind);
        }
        return features.ToMatrix([.. features.ColumnNames]);
    }
}
