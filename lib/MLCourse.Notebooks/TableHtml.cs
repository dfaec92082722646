using System.Globalization;
using System.Net;
using System.Text;

namespace MLCourse.Notebooks;

/// <summary>
/// Renders numbers as an HTML table with a caption (the shape), eliding the middle of large
/// tables the way NumPy prints them, so a 1,797 × 64 matrix stays readable.
/// </summary>
public static class TableHtml
{
    /// <summary>Rows and columns shown at each end before the middle is elided.</summary>
    public const int EdgeItems = 4;

    /// <summary>An HTML table of text cells under named columns.</summary>
    /// <param name="caption">Shown above the table.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columnNames">The header of each column.</param>
    /// <param name="cell">The text at (row, column); it is HTML-encoded.</param>
    public static string Render(string caption, int rows,
        IReadOnlyList<string> columnNames, Func<int, int, string> cell)
    {
        int columns = columnNames.Count;
        var html = new StringBuilder();
        html.Append("<table><caption style=\"text-align:left\">")
            .Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append("<thead><tr><th></th>");
        foreach (int? j in Shown(columns))
        {
            html.Append("<th>").Append(j is null ? "…" : WebUtility.HtmlEncode(columnNames[j.Value])).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (int? i in Shown(rows))
        {
            html.Append("<tr><th>").Append(i?.ToString(CultureInfo.InvariantCulture) ?? "⋮").Append("</th>");
            foreach (int? j in Shown(columns))
            {
                string text = i is null || j is null ? "…" : WebUtility.HtmlEncode(cell(i.Value, j.Value));
                html.Append("<td>").Append(text).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    // The indices to show: all of them when few, else the first and last EdgeItems with a null
    // (rendered as an ellipsis) between.
    internal static IEnumerable<int?> Shown(int count)
    {
        if (count <= 2 * EdgeItems + 1)
        {
            return Enumerable.Range(0, count).Select(i => (int?)i);
        }
        return Enumerable.Range(0, EdgeItems).Select(i => (int?)i)
            .Append(null)
            .Concat(Enumerable.Range(count - EdgeItems, EdgeItems).Select(i => (int?)i));
    }
}
