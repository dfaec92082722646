using MathNet.Numerics.LinearAlgebra;

namespace MLCourse;

/// <summary>A supervised model's settings: <see cref="Fit"/> learns from features and labels.</summary>
/// <typeparam name="TLabel">The label type: a class name for classifiers, a number for regressors.</typeparam>
/// <remarks>The final step of a <see cref="Pipelines.ModelPipeline{TLabel}"/>; introduced in notebook day 05.</remarks>
public interface IEstimator<TLabel>
{
    /// <summary>Learns from <paramref name="x"/> (samples, features) and one label per sample.</summary>
    IPredictor<TLabel> Fit(Matrix<double> x, IReadOnlyList<TLabel> y);
}

/// <summary>A fitted model: predicts labels and scores itself (accuracy or R²) on labelled data.</summary>
/// <typeparam name="TLabel">The label type.</typeparam>
public interface IPredictor<TLabel>
{
    /// <summary>One predicted label per row of <paramref name="x"/> (samples, features).</summary>
    TLabel[] Predict(Matrix<double> x);

    /// <summary>
    /// The model's default score on <paramref name="x"/> and <paramref name="y"/>, as scikit-learn's <c>score</c>.
    /// </summary>
    double Score(Matrix<double> x, IReadOnlyList<TLabel> y);
}
