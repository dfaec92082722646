using System.Globalization;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>How <see cref="SimpleImputer"/> chooses the value that replaces missing ones.</summary>
public enum ImputeStrategy
{
    /// <summary>The column's mean (numeric columns).</summary>
    Mean,

    /// <summary>The column's median (numeric columns).</summary>
    Median,

    /// <summary>The column's most frequent value, the smallest on a tie (any column).</summary>
    MostFrequent,

    /// <summary>A given constant.</summary>
    Constant,
}

/// <summary>
/// Fills missing values with a statistic learned at fit time — scikit-learn's <c>SimpleImputer</c>.
/// Numeric columns come out as Number (as scikit-learn returns floats); with MostFrequent and
/// Constant a text or category column keeps its kind.
/// </summary>
/// <remarks>
/// Missing means null or, in a numeric column, NaN (scikit-learn's default <c>missing_values=np.nan</c>),
/// so a NaN never becomes the learned mean. Readers turn missing markers into null
/// (<see cref="Data.Gathering.CsvTable"/>'s <c>naValues</c>).
/// Policy: a column with no values at all cannot be imputed by a statistic and is an error at fit
/// (scikit-learn would drop it with a warning); Mean and Median on a text column are errors.
/// Introduced in notebook day 05.
/// </remarks>
public sealed class SimpleImputer : ITableTransformer
{
    private const string Component = "SimpleImputer";

    /// <summary>Stores the strategy and, for <see cref="ImputeStrategy.Constant"/>, the fill value.</summary>
    /// <param name="strategy">How the fill value is chosen.</param>
    /// <param name="fillValue">The constant (a double for numeric columns, a string for text).</param>
    public SimpleImputer(ImputeStrategy strategy = ImputeStrategy.Mean, object? fillValue = null)
    {
        if (strategy == ImputeStrategy.Constant && fillValue is null)
        {
            throw ErrorMessage.Must(Component, nameof(fillValue), "be given for the Constant strategy", "is null");
        }
        Strategy = strategy;
        FillValue = fillValue;
    }

    /// <summary>How the fill value is chosen.</summary>
    public ImputeStrategy Strategy { get; }

    /// <summary>The constant of <see cref="ImputeStrategy.Constant"/>.</summary>
    public object? FillValue { get; }

    /// <summary>Learns one fill value per column.</summary>
    /// <exception cref="ArgumentException">A column with no values, or Mean/Median on a text column.</exception>
    public FittedSimpleImputer Fit(Table x) =>
        new(Require.NotNull(Component, nameof(x), x).ColumnNames,
            x.Columns.ToDictionary(c => c.Name, c => FillFor(c)));

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);

    private object FillFor(TableColumn column)
    {
        bool numeric = column.Kind is ColumnKind.Number or ColumnKind.Integer;
        if (Strategy == ImputeStrategy.Constant)
        {
            if (numeric && FillValue is not (null or double or float or int or long))
            {
                throw ErrorMessage.Must(Component, "fillValue", $"be a number to fill numeric column '{column.Name}'",
                    $"it is a {FillValue.GetType().Name} ({FillValue})");
            }
            if (!numeric)
            {
                return Convert.ToString(FillValue, CultureInfo.InvariantCulture)!;
            }
            double fill = Convert.ToDouble(FillValue, CultureInfo.InvariantCulture);
            return double.IsFinite(fill) ? fill
                : throw ErrorMessage.NotFinite(Component, "fillValue", $"the fill for column '{column.Name}'", fill);
        }
        var present = column.Values.Where(v => !IsMissing(v)).ToList();
        if (present.Count == 0)
        {
            throw ErrorMessage.Must(Component, "x",
                $"have a value in column '{column.Name}' to learn a {Strategy} from",
                "it has none");
        }
        if (Strategy == ImputeStrategy.MostFrequent)
        {
            object mode = present.GroupBy(v => v).OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, Comparer<object?>.Create(CompareValues)).First().Key!;
            return numeric ? Convert.ToDouble(mode, CultureInfo.InvariantCulture) : mode;
        }
        if (!numeric)
        {
            throw ErrorMessage.WrongKind(Component, "x", "column", column.Name, $"numeric for the {Strategy} strategy",
                column.Kind);
        }
        double[] values = present.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).Order().ToArray();
        return Strategy == ImputeStrategy.Mean
            ? values.Average()
            : values.Length % 2 == 1 ? values[values.Length / 2]
                : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>Null, or a NaN number.</summary>
    internal static bool IsMissing(object? value) => value is null || value is double d && double.IsNaN(d);

    private static int CompareValues(object? a, object? b) =>
        a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : Comparer<object?>.Default.Compare(a, b);
}

/// <summary>The fill values learned by <see cref="SimpleImputer.Fit"/>.</summary>
public sealed class FittedSimpleImputer : IFittedTableTransformer
{
    private readonly IReadOnlyList<string> _columns;   // the fitted columns, in table order

    internal FittedSimpleImputer(IReadOnlyList<string> columns, IReadOnlyDictionary<string, object> fill)
    {
        _columns = columns;
        Statistics = fill;
    }

    /// <summary>Each column's fill value (scikit-learn's <c>statistics_</c>).</summary>
    public IReadOnlyDictionary<string, object> Statistics { get; }

    /// <summary>The table with every missing value of a fitted column replaced.</summary>
    /// <exception cref="KeyNotFoundException">A fitted column is missing from <paramref name="x"/>.</exception>
    public Table Transform(Table x) => new(_columns.Select(name => Filled(x[name], Statistics[name])).ToArray());

    private static TableColumn Filled(TableColumn column, object fill) => fill is double number
        ? new TableColumn(column.Name, ColumnKind.Number,
            column.Values.Select(v => (object?)(SimpleImputer.IsMissing(v) ? number
            : Convert.ToDouble(v, CultureInfo.InvariantCulture))).ToArray())
        : new TableColumn(column.Name, column.Kind,
            column.Values.Select(v => SimpleImputer.IsMissing(v) ? fill : v).ToArray());
}
