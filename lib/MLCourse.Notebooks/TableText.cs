using System.Text;

namespace MLCourse.Notebooks;

/// <summary>
/// The plain-text twin of <see cref="TableHtml"/>: a caption, then aligned columns, with the middle
/// of large tables elided the same way. Used where there is no notebook to show HTML (file-based apps).
/// </summary>
public static class TableText
{
    /// <summary>Aligned text of <paramref name="cell"/>(row, column) under named columns.</summary>
    /// <param name="caption">The first line, e.g. "Table 1461 rows × 6 columns".</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columnNames">The header of each column.</param>
    /// <param name="cell">The text at (row, column).</param>
    public static string Render(string caption, int rows,
        IReadOnlyList<string> columnNames, Func<int, int, string> cell)
    {
        int?[] shownRows = TableHtml.Shown(rows).ToArray();
        int?[] shownColumns = TableHtml.Shown(columnNames.Count).ToArray();
        string[][] grid = shownRows
            .Select(i => shownColumns.Select(j => i is null || j is null ? "…" : cell(i.Value, j.Value))
                .Prepend(i?.ToString() ?? "⋮").ToArray())
            .Prepend(shownColumns.Select(j => j is null ? "…" : columnNames[j.Value]).Prepend("").ToArray())
            .ToArray();
        int[] widths = Enumerable.Range(0, grid[0].Length).Select(c => grid.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder(caption);
        foreach (string[] row in grid)
        {
            text.AppendLine().Append(string.Join("  ", row.Select((value, c) => value.PadLeft(widths[c]))).TrimEnd());
        }
        return text.ToString();
    }
}
