using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// pandas' <c>get_dummies</c> on a <see cref="Table"/>: each named text or category column is
/// replaced by one 0/1 Integer column per value, named <c>{column}_{value}</c>, appended after
/// the remaining columns. Values are sorted; a missing value gets zeros in every dummy column
/// (pandas' <c>dummy_na=False</c>). With <c>dropFirst</c> each column's first value gets no
/// column (n values → n − 1 columns), the notes' cure for multicollinearity.
/// </summary>
/// <remarks>
/// It learns nothing, so the same call on another table (a test set) can give other columns —
/// the reason to prefer <see cref="OneHotEncoder"/> in a model. Introduced in notebook day 04.
/// </remarks>
public static class Dummies
{
    /// <summary>The table with <paramref name="columns"/> replaced by their dummy columns.</summary>
    /// <exception cref="ArgumentException">A named column is not text or category.</exception>
    /// <exception cref="KeyNotFoundException">A named column does not exist.</exception>
    public static Table GetDummies(Table table, IReadOnlyList<string> columns, bool dropFirst = false)
    {
        Require.NotNull("Dummies", nameof(table), table);
        Require.NoNulls("Dummies", nameof(columns), columns);
        var result = table.Columns.Where(c => !columns.Contains(c.Name)).ToList();
        foreach (string name in columns)
        {
            string?[] values = table.Texts(name);
            var categories = values.OfType<string>().Distinct().Order(StringComparer.Ordinal).Skip(dropFirst ? 1 : 0);
            result.AddRange(categories.Select(category => new TableColumn(
                $"{name}_{category}", ColumnKind.Integer,
                    values.Select(v => (object?)(v == category ? 1L : 0L)).ToArray())));
        }
        return new Table(result);
    }
}
