using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Data.Gathering;

/// <summary>
/// Web scraping (the notes' "Webscraping"): reads every <c>&lt;table&gt;</c> of a saved HTML page
/// into a <see cref="Table"/> — the counterpart of pandas' <c>read_html</c>. The page is parsed
/// by AngleSharp, an HTML5-conformant parser, so malformed markup is handled as browsers do.
/// </summary>
/// <remarks>
/// A first row made of <c>&lt;th&gt;</c> cells names the columns; otherwise they are named
/// "0", "1", … as pandas does. Cell text is trimmed and column kinds inferred as in
/// <see cref="CsvTable"/>. A row with a different number of cells is an error naming the table
/// and the row. A table nested in another's cell is a table of its own, after the one holding
/// it (its rows are not the outer table's), as in pandas. A page without any table is an error,
/// as pandas' "No tables found". Introduced in notebook day 03 (data gathering).
/// </remarks>
public static class HtmlTables
{
    private const string Component = "HtmlTables";

    /// <summary>Every table of the HTML file at <paramref name="path"/>, in document order.</summary>
    /// <exception cref="FormatException">The page has no table, a table has no row (pandas skips it; we refuse so
    /// that no table goes missing without a word), a header cell is empty or repeated, or a row has a different
    /// number of cells from its table's first row.</exception>
    public static IReadOnlyList<Table> Read(string path)
    {
        Require.NotNull(Component, nameof(path), path);
        IDocument document = new HtmlParser().ParseDocument(File.ReadAllText(path));
        var tables = document.QuerySelectorAll("table").ToList();
        if (tables.Count == 0)
        {
            throw ErrorMessage.MustInFile($"{Component}: {path}", "the page", "have at least one <table> element",
                "has none");
        }
        return tables.Select((table, t) => Convert(table, t, path)).ToList();
    }

    private static Table Convert(IElement table, int tableIndex, string path)
    {
        // Only this table's own rows: a nested table's rows belong to the nested table.
        var rows = table.QuerySelectorAll("tr").Where(tr => tr.ParentElement?.Closest("table") == table)
            .Select(tr => tr.Children.Where(c => c.LocalName is "td" or "th").ToList())
            .Where(r => r.Count > 0).ToList();
        if (rows.Count == 0)
        {
            throw ErrorMessage.MustInFile($"{Component}: {path}, table {tableIndex}", "the table",
                "have at least one row of cells (<tr> with <td> or <th>), or its columns are unknown", "has none");
        }
        bool hasHeader = rows[0].All(c => c.LocalName == "th");
        string[] names = hasHeader ? rows[0].Select(c => c.TextContent.Trim()).ToArray()
            : Enumerable.Range(0, rows[0].Count).Select(j => j.ToString()).ToArray();
        TextColumn.RequireNames($"{Component}: {path}, table {tableIndex}, row 0", names);
        var body = rows.Skip(hasHeader ? 1 : 0).ToList();
        int first = hasHeader ? 1 : 0;
        for (int i = 0; i < body.Count; i++)
        {
            if (body[i].Count != names.Length)
            {
                throw ErrorMessage.MustInFile($"{Component}: {path}, table {tableIndex}", $"row {i + first}",
                    $"have {names.Length} cells (one per column)", $"has {body[i].Count}");
            }
        }
        return new Table(names.Select((name, j) => TextColumn.Build(
            name, body.Select(r => r[j].TextContent.Trim()).ToArray(), null, i
                => $"{Component}: {path}, table {tableIndex}, row {i + first}")).ToArray());
    }
}
