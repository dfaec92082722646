using MLCourse.Errors;

namespace MLCourse.Evaluation;

/// <summary>
/// The scores a model's <c>Score</c> reports, as scikit-learn's estimators do: accuracy for a
/// classifier, R² for a regressor (the notes' "Scoring function").
/// </summary>
/// <remarks>Introduced in notebook day 05 (pipelines).</remarks>
public static class Scoring
{
    private const string Component = "Scoring";

    /// <summary>The share of predictions equal to the true label.</summary>
    /// <exception cref="ArgumentException">Empty input or lengths that disagree.</exception>
    public static double Accuracy<T>(IReadOnlyList<T> actual, IReadOnlyList<T> predicted)
    {
        Check(Require.NotNull(Component, nameof(actual), actual).Count,
            Require.NotNull(Component, nameof(predicted), predicted).Count);
        return actual.Zip(predicted).Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second))
            / (double)actual.Count;
    }

    /// <summary>R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²; 1 is perfect, 0 is no better than predicting the mean.</summary>
    /// <remarks>
    /// As scikit-learn's <c>r2_score</c>: when every y is equal, R² is 1 for a perfect prediction and 0 otherwise.
    /// </remarks>
    /// <exception cref="ArgumentException">Empty input or lengths that disagree.</exception>
    public static double R2(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        Check(Require.NotNull(Component, nameof(actual), actual).Count,
            Require.NotNull(Component, nameof(predicted), predicted).Count);
        double mean = actual.Average();
        double residual = actual.Zip(predicted).Sum(p => (p.First - p.Second) * (p.First - p.Second));
        double total = actual.Sum(v => (v - mean) * (v - mean));
        return total > 0 ? 1 - residual / total : residual == 0 ? 1 : 0;
    }

    private static void Check(int actual, int predicted)
    {
        if (actual == 0)
        {
            throw ErrorMessage.Empty(Component, "actual");
        }
        if (predicted != actual)
        {
            throw ErrorMessage.Shape(Component, "predicted",
                ErrorMessage.FormatShape(actual), ErrorMessage.FormatShape(predicted));
        }
    }
}
