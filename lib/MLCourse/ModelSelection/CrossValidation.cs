using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;
using MLCourse.Pipelines;

namespace MLCourse.ModelSelection;

/// <summary>
/// Cross-validated scores, scikit-learn semantics (<c>cross_val_score</c>): for each fold, fit the
/// estimator (or the whole pipeline, preprocessing included) on the fold's training rows only and
/// score it with its own <c>Score</c> (accuracy or R²) on the fold's test rows.
/// </summary>
/// <remarks>
/// Introduced in notebook day 05. Each fold calls <c>Fit</c> anew, so nothing learned on one fold
/// reaches another; fitting a pipeline per fold is what keeps the preprocessing from seeing the
/// rows it is scored on. Difference from scikit-learn: the splitter is always given (scikit-learn's
/// <c>cv=5</c> means stratified folds for a classifier, plain k-fold otherwise).
/// </remarks>
public static class CrossValidation
{
    private const string Component = "CrossValidation";

    /// <summary>
    /// One score per fold of <paramref name="cv"/>, fitting <paramref name="estimator"/> afresh each time.
    /// </summary>
    /// <param name="estimator">The model's settings.</param>
    /// <param name="x">Features, (samples, features).</param>
    /// <param name="y">One label per row of <paramref name="x"/>.</param>
    /// <param name="cv">The splitter, e.g. <see cref="KFold"/> or <see cref="StratifiedKFold"/>.</param>
    /// <exception cref="ArgumentException">Labels that do not match the rows, or a splitter error.</exception>
    public static double[] Score<TLabel>(
        IEstimator<TLabel> estimator, Matrix<double> x, IReadOnlyList<TLabel> y, IFoldSplitter cv)
        where TLabel : notnull
    {
        Rows.Check(Component, x.RowCount, y);
        return [.. cv.Split(y).Select(f =>
            estimator.Fit(Rows.Of(x, f.Train), Rows.Of(y, f.Train)).Score(Rows.Of(x, f.Test), Rows.Of(y, f.Test)))];
    }

    /// <summary>
    /// One score per fold of <paramref name="cv"/>, fitting the whole <paramref name="pipeline"/> afresh each time.
    /// </summary>
    /// <param name="pipeline">Preprocessing and model; every step is refitted on each fold's training rows.</param>
    /// <param name="x">The raw table, one row per sample.</param>
    /// <param name="y">One label per row of <paramref name="x"/>.</param>
    /// <param name="cv">The splitter.</param>
    /// <exception cref="ArgumentException">Labels that do not match the rows, or a splitter error.</exception>
    public static double[] Score<TLabel>(
        ModelPipeline<TLabel> pipeline, Table x, IReadOnlyList<TLabel> y, IFoldSplitter cv)
        where TLabel : notnull
    {
        Rows.Check(Component, x.RowCount, y);
        return [.. cv.Split(y).Select(f =>
            pipeline.Fit(x.Rows(f.Train), Rows.Of(y, f.Train)).Score(x.Rows(f.Test), Rows.Of(y, f.Test)))];
    }
}

internal static class Rows
{
    public static Matrix<double> Of(Matrix<double> x, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, x.ColumnCount, (i, j) => x[rows[i], j]);

    public static TLabel[] Of<TLabel>(IReadOnlyList<TLabel> y, int[] rows) => [.. rows.Select(i => y[i])];

    /// <summary>Throws unless there is one label per row.</summary>
    public static void Check<TLabel>(string component, int rowCount, IReadOnlyList<TLabel> y)
    {
        if (y.Count != rowCount)
        {
            throw ErrorMessage.Shape(component, "y",
                ErrorMessage.FormatShape(rowCount), ErrorMessage.FormatShape(y.Count));
        }
    }
}
