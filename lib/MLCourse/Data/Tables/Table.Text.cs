using MLCourse.Errors;
using System.Globalization;
using System.Text;

namespace MLCourse.Data.Tables;

/// <summary>The table as plain text: what <c>Console.WriteLine(table)</c> prints.</summary>
public sealed partial class Table
{
    /// <summary>Rows shown at each end of a long table, around a "⋮" line.</summary>
    public const int TextEdgeRows = 5;

    /// <summary>
    /// The table as aligned text: a caption ("Table 1461 rows × 6 columns"), a header of each column's
    /// name and kind, then every row, or for more than 2 × <see cref="TextEdgeRows"/> + 1 rows the first
    /// and last <see cref="TextEdgeRows"/> around a "⋮" line. Each row starts with its index; cells are
    /// written by <see cref="CellText"/>. An empty table is its caption and header.
    /// </summary>
    public override string ToString()
    {
        int[] rows = RowCount <= 2 * TextEdgeRows + 1
            ? Enumerable.Range(0, RowCount).ToArray()
            : [.. Enumerable.Range(0, TextEdgeRows), -1, .. Enumerable.Range(RowCount - TextEdgeRows, TextEdgeRows)];
        string[][] grid = rows
            .Select(i => i < 0
                ? Columns.Select(_ => "").Prepend("⋮").ToArray()
                : Columns.Select(c => CellText(c, i)).Prepend(i.ToString(CultureInfo.InvariantCulture)).ToArray())
            .Prepend(Columns.Select(c => $"{c.Name} ({c.Kind})").Prepend("").ToArray())
            .ToArray();
        int[] widths = Enumerable.Range(0, grid[0].Length).Select(c => grid.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder($"Table {RowCount} rows × {Columns.Count} columns");
        foreach (string[] row in grid)
        {
            text.AppendLine().Append(string.Join("  ", row.Select((value, c) => value.PadLeft(widths[c]))).TrimEnd());
        }
        return text.ToString();
    }

    /// <summary>
    /// The value at <paramref name="row"/> of <paramref name="column"/> as the course shows it: numbers
    /// with 8 significant digits, dates as yyyy-MM-dd, times in ISO 8601, all culture-invariant; a
    /// missing number as NaN and any other missing value as None (pandas' spelling).
    /// </summary>
    public static string CellText(TableColumn column, int row) => Require.NotNull(Component, nameof(column), column)
        .Values[row] switch
    {
        null => column.Kind is ColumnKind.Number or ColumnKind.Integer ? "NaN" : "None",
        double d => d.ToString("G8", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
