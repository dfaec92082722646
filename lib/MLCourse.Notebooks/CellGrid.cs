using System.Globalization;

namespace MLCourse.Notebooks;

/// <summary>
/// What a formatter shows of a value — a caption and a grid of text cells (or a single scalar) —
/// kept apart from how it is shown, so HTML (notebooks) and plain text (file-based apps) agree.
/// </summary>
/// <param name="Caption">The first line, e.g. "Matrix (3, 4), float64".</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">The header of each column.</param>
/// <param name="Cell">The text at (row, column).</param>
/// <param name="ScalarText">Set instead of cells for a rank-0 value.</param>
internal sealed record CellGrid(string Caption, int Rows, IReadOnlyList<string> Columns,
    Func<int, int, string> Cell, string? ScalarText = null)
{
    public static CellGrid Numbers(string caption, int rows, int columns, Func<int, int, double> value) =>
        new(caption, rows, Enumerable.Range(0, columns).Select(j => j.ToString(CultureInfo.InvariantCulture)).ToArray(),
            (i, j) => Format(value(i, j)));

    public static CellGrid Scalar(string caption, double value) => new(caption, 0, [], (_, _) => "", Format(value));

    public string Html() => ScalarText is null
        ? TableHtml.Render(Caption, Rows, Columns, Cell)
        : $"<div>{System.Net.WebUtility.HtmlEncode(Caption)}: {ScalarText}</div>";

    public string Text() => ScalarText is null
        ? TableText.Render(Caption, Rows, Columns, Cell) : $"{Caption}: {ScalarText}";

    private static string Format(double value) => value.ToString("G8", CultureInfo.InvariantCulture);
}
