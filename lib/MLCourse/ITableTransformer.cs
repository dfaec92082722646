using MLCourse.Data.Tables;

namespace MLCourse;

/// <summary>
/// A transformer's settings: <see cref="Fit"/> learns from a table and returns the fitted state,
/// which then transforms any table with the same columns (scikit-learn's fit / transform).
/// </summary>
/// <remarks>
/// The steps of a <see cref="Pipelines.Pipeline"/> and a <see cref="Pipelines.ColumnTransformer"/>; introduced in
/// notebook day 05.
/// </remarks>
public interface ITableTransformer
{
    /// <summary>Learns from <paramref name="x"/>.</summary>
    IFittedTableTransformer Fit(Table x);
}

/// <summary>A fitted transformer: applies what it learned to a table.</summary>
public interface IFittedTableTransformer
{
    /// <summary>The transformed table.</summary>
    Table Transform(Table x);
}
