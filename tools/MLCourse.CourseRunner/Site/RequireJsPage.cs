using System.Text;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// A page of the site that shows the course's first charts as a front end that loads require.js
/// does (Jupyter Notebook, nbconvert's HTML export): the executed notebook's chart outputs verbatim,
/// the inline plotly.js included, after require.js (npm's <c>requirejs</c>) and without the site's own
/// plotly.js. The site check opens it like any page, so a chart that RequireJS leaves blank fails it.
/// </summary>
public static class RequireJsPage
{
    /// <summary>The page's file name in the site folder.</summary>
    public const string FileName = "requirejs-charts.html";

    private const string InlinePlotly = "data-mlcourse-plotly";
    private const int Charts = 2;

    /// <summary>
    /// Writes the page from the first executed notebook whose outputs carry the inline plotly.js:
    /// that output and the outputs after it up to its <see cref="Charts"/>th chart. Writes nothing
    /// when no notebook has a chart.
    /// </summary>
    /// <returns>The page's path, or null when none was written.</returns>
    /// <param name="folder">The site folder: the page goes there, require.js into its <c>assets/</c>.</param>
    /// <param name="siteSources">The folder whose <c>node_modules</c> holds npm's <c>requirejs</c>.</param>
    /// <param name="executedNotebooks">The executed notebooks, in day order.</param>
    public static string? Write(string folder, string siteSources, IEnumerable<string> executedNotebooks)
    {
        string? body = executedNotebooks.Select(Body).FirstOrDefault(b => b is not null);
        if (body is null)
        {
            return null;
        }
        string assets = Path.Combine(folder, "assets");
        Directory.CreateDirectory(assets);
        File.Copy(Path.Combine(siteSources, "node_modules", "requirejs", "require.js"), Path.Combine(assets, "require.js"), overwrite: true);
        string path = Path.Combine(folder, FileName);
        File.WriteAllText(path, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Charts with require.js loaded</title>
            <!-- An undrawn chart keeps a size, so the site check reports it (and screenshots it) blank. -->
            <style>.output.chart { min-height: 200px; }</style>
            <script src="assets/require.js"></script>
            </head>
            <body>
            <main>
            <p>The course's first charts as Jupyter Notebook shows them: require.js is loaded and plotly.js comes inline with the first chart.</p>
            {{body}}
            </main>
            </body>
            </html>

            """);
        return path;
    }

    private static string? Body(string notebook)
    {
        var html = new StringBuilder();
        int charts = 0;
        foreach (var output in NotebookFile.Read(notebook).Cells.SelectMany(cell => cell.Outputs))
        {
            if (NotebookFile.HtmlOf(output) is not { } content)
            {
                continue;
            }
            if (html.Length == 0 && !content.Contains(InlinePlotly, StringComparison.Ordinal))
            {
                continue;
            }
            bool chart = content.Contains("Plotly.newPlot", StringComparison.Ordinal);
            html.Append("<div class=\"").Append(chart ? "output chart" : "output html").Append("\">").Append(content).Append("</div>\n");
            if (chart && ++charts == Charts)
            {
                break;
            }
        }
        return charts > 0 ? html.ToString() : null;
    }
}
