using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Data.Tables;

/// <summary>
/// A small data frame: named, typed columns of equal length — the course's counterpart of a
/// pandas <c>DataFrame</c>. Missing values are <c>null</c>; nothing converts them silently.
/// </summary>
/// <remarks>Introduced in notebook day 03 (data gathering); the pipelines of day 05 read it.</remarks>
public sealed partial class Table
{
    private const string Component = "Table";
    private readonly Dictionary<string, TableColumn> _byName;

    /// <summary>Creates a table from columns of equal length with distinct names.</summary>
    /// <exception cref="ArgumentException">Columns of different lengths, or a repeated name.</exception>
    public Table(IReadOnlyList<TableColumn> columns)
    {
        Require.NoNulls(Component, nameof(columns), columns);
        if (columns.Select(c => c.Count).Distinct().Count() > 1)
        {
            throw ErrorMessage.Must(Component, nameof(columns), "have equal lengths",
                $"have {string.Join(", ", columns.Select(c => $"'{c.Name}' {c.Count}"))}");
        }
        Require.DistinctNames(Component, nameof(columns), "column", columns.Select(c => c.Name));
        Columns = columns;
        _byName = columns.ToDictionary(c => c.Name);
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames => Columns.Select(c => c.Name).ToArray();

    /// <summary>The number of rows.</summary>
    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Count;

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public TableColumn this[string name] =>
        _byName.TryGetValue(name, out TableColumn? column)
            ? column
            : throw ErrorMessage.Unknown(Component, "column", name, Columns.Select(c => c.Name));

    /// <summary>A numeric (number or integer) column as doubles; missing values stay <c>null</c>.</summary>
    /// <exception cref="ArgumentException">The column is not numeric.</exception>
    public double?[] Numbers(string name)
    {
        TableColumn column = this[name];
        if (column.Kind is not (ColumnKind.Number or ColumnKind.Integer))
        {
            throw ErrorMessage.WrongKind(Component, nameof(name), "column", name, "Number or Integer", column.Kind);
        }
        return column.Values.Select(v => v is null ? (double?)null : Convert.ToDouble(v)).ToArray();
    }

    /// <summary>A text or category column's values.</summary>
    /// <exception cref="ArgumentException">The column holds neither text nor categories.</exception>
    public string?[] Texts(string name)
    {
        TableColumn column = this[name];
        if (column.Kind is not (ColumnKind.Text or ColumnKind.Category))
        {
            throw ErrorMessage.WrongKind(Component, nameof(name), "column", name, "Text or Category", column.Kind);
        }
        return column.Values.Cast<string?>().ToArray();
    }

    /// <summary>A date column's values.</summary>
    /// <exception cref="ArgumentException">The column is not a date column.</exception>
    public DateOnly?[] Dates(string name)
    {
        TableColumn column = this[name];
        if (column.Kind != ColumnKind.Date)
        {
            throw ErrorMessage.WrongKind(Component, nameof(name), "column", name, "Date", column.Kind);
        }
        return column.Values.Select(v => (DateOnly?)v).ToArray();
    }

    /// <summary>The named columns, in the order given.</summary>
    /// <exception cref="ArgumentException">No names (a table without columns has no rows, so the row count would be
    /// lost), or a name given twice.</exception>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public Table Select(params string[] names)
    {
        Require.NoNulls(Component, nameof(names), names);
        if (names.Length == 0)
        {
            throw ErrorMessage.Must(Component, nameof(names),
                $"name at least one column (a table without columns cannot keep its {RowCount} rows)", "none is named");
        }
        return new(names.Select(n => this[n]).ToArray());
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (an index may repeat, as in pandas'
    /// <c>iloc</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside 0 … RowCount − 1; negative indices do not
    /// count from the end (pandas' <c>iloc[-1]</c> does): the message names the first bad one.</exception>
    public Table Rows(IEnumerable<int> indices)
    {
        int[] rows = Require.NotNull(Component, nameof(indices), indices).ToArray();
        int bad = Array.FindIndex(rows, i => i < 0 || i >= RowCount);
        if (bad >= 0)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(indices), RowCount == 0
                ? "absent, since the table has no rows" : $"row numbers between 0 and {RowCount - 1}",
                $"{rows[bad]} (entry {bad})");
        }
        return new Table(Columns.Select(c => new TableColumn(c.Name, c.Kind, rows.Select(i => c.Values[i]).ToArray()))
            .ToArray());
    }

    /// <summary>The rows where <paramref name="keep"/> is true.</summary>
    public Table Where(Func<int, bool> keep)
    {
        Require.NotNull(Component, nameof(keep), keep);
        return Rows(Enumerable.Range(0, RowCount).Where(keep));
    }

    /// <summary>Each row's values of the named text or category columns, as encoders take them.</summary>
    public string?[][] TextRows(params string[] names)
    {
        string?[][] columns = names.Select(Texts).ToArray();
        return Enumerable.Range(0, RowCount).Select(i => columns.Select(c => c[i]).ToArray()).ToArray();
    }

    /// <summary>The named numeric columns as a (rows, columns) matrix.</summary>
    /// <exception cref="ArgumentException">A column is not numeric, or a value is missing (impute first); the message
    /// names the row.</exception>
    public Matrix<double> ToMatrix(params string[] names)
    {
        Require.NoNulls(Component, nameof(names), names);
        if (names.Length == 0 || RowCount == 0)
        {
            throw ErrorMessage.Must(Component, nameof(names), "name at least one column of a table with rows "
                + "(a matrix has at least one row and one column)", $"{names.Length} names and {RowCount} rows");
        }
        double?[][] columns = names.Select(Numbers).ToArray();
        for (int j = 0; j < columns.Length; j++)
        {
            int missing = Array.FindIndex(columns[j], v => v is null);
            if (missing >= 0)
            {
                throw ErrorMessage.Must(Component, nameof(names),
                    "name columns without missing values (impute or drop them first)",
                    $"column '{names[j]}' has a missing value at row {missing}");
            }
        }
        return Matrix<double>.Build.Dense(RowCount, names.Length, (i, j) => columns[j][i]!.Value);
    }

    /// <summary>A copy with <paramref name="column"/> added, or replacing the column of the same name.</summary>
    public Table With(TableColumn column)
    {
        if (RowCount > 0 && column.Count != RowCount)
        {
            throw ErrorMessage.Shape(Component, nameof(column),
                ErrorMessage.FormatShape(RowCount), ErrorMessage.FormatShape(column.Count));
        }
        var columns = Columns.Where(c => c.Name != column.Name).ToList();
        int at = Columns.ToList().FindIndex(c => c.Name == column.Name);
        columns.Insert(at < 0 ? columns.Count : at, column);
        return new Table(columns);
    }

    /// <summary>
    /// A table of Number columns named <paramref name="names"/> holding the columns of <paramref name="values"/> (the
    /// inverse of <see cref="ToMatrix"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The number of names differs from the number of columns.</exception>
    public static Table FromMatrix(IReadOnlyList<string> names, Matrix<double> values)
    {
        Require.NotNull(Component, nameof(names), names);
        Require.NotNull(Component, nameof(values), values);
        if (names.Count != values.ColumnCount)
        {
            throw ErrorMessage.Shape(Component, nameof(names),
                ErrorMessage.FormatShape(values.ColumnCount), ErrorMessage.FormatShape(names.Count));
        }
        return new(names.Select((name, j) => new TableColumn(name, ColumnKind.Number,
            values.Column(j).Select(v => (object?)v).ToArray())).ToArray());
    }

    /// <summary>The rows of several tables with the same columns, one after another (pandas' <c>concat</c>).</summary>
    /// <exception cref="ArgumentException">The tables' column names or kinds differ; the message names the first table
    /// that differs.</exception>
    public static Table Concat(IReadOnlyList<Table> tables)
    {
        Require.NotNull(Component, nameof(tables), tables);
        if (tables.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(tables));
        }
        string Signature(Table t) => string.Join(", ", t.Columns.Select(c => $"{c.Name}: {c.Kind}"));
        string expected = Signature(tables[0]);
        int differing = tables.ToList().FindIndex(t => Signature(t) != expected);
        if (differing >= 0)
        {
            throw ErrorMessage.Must(Component, nameof(tables), "have the same columns",
                $"table 0 has ({expected}) and table {differing} has ({Signature(tables[differing])})");
        }
        return new Table(tables[0].Columns.Select((c, j) => new TableColumn(c.Name,
            c.Kind, tables.SelectMany(t => t.Columns[j].Values).ToArray())).ToArray());
    }
}
