using MLCourse.Errors;

namespace MLCourse.Data.Tables;

/// <summary>
/// One named, typed column of a <see cref="Table"/>. Missing values are <c>null</c> whatever the kind.
/// </summary>
/// <remarks>Introduced in notebook day 03 (data gathering).</remarks>
public sealed class TableColumn
{
    /// <summary>
    /// Creates a column; values must match <paramref name="kind"/> (double, long, string,
    /// DateOnly or DateTime) or be null.
    /// </summary>
    /// <exception cref="ArgumentException">A value of another type than the kind stores.</exception>
    public TableColumn(string name, ColumnKind kind, IReadOnlyList<object?> values)
    {
        Require.NotNull("TableColumn", nameof(name), name);
        Require.NotNull("TableColumn", nameof(values), values);
        if (!Enum.IsDefined(kind))
        {
            throw ErrorMessage.OutOfRange("TableColumn", nameof(kind), "a ColumnKind", (int)kind);
        }
        Type expected = StorageType(kind);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value && value.GetType() != expected)
            {
                throw ErrorMessage.Must("TableColumn", nameof(values),
                    $"be {expected.Name} values for column '{name}' of kind {kind}",
                    $"row {i} is a {value.GetType().Name} ({value})");
            }
        }
        Name = name;
        Kind = kind;
        Values = values;
        Categories = kind == ColumnKind.Category
            ? values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The column's type.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The values, one per row; <c>null</c> where missing.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>
    /// For a <see cref="ColumnKind.Category"/> column, its distinct values in ordinal order; otherwise empty.
    /// </summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Values.Count;

    /// <summary>How many values are missing.</summary>
    public int MissingCount => Values.Count(v => v is null);

    /// <summary>The CLR type that stores values of <paramref name="kind"/>.</summary>
    public static Type StorageType(ColumnKind kind) => kind switch
    {
        ColumnKind.Number => typeof(double),
        ColumnKind.Integer => typeof(long),
        ColumnKind.Date => typeof(DateOnly),
        ColumnKind.DateTime => typeof(DateTime),
        _ => typeof(string),
    };
}
