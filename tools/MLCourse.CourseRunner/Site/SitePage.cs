using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// One executed notebook as a static HTML page: markdown (with its LaTeX left for KaTeX to
/// typeset in the browser), each code cell, and each cell's outputs — text, HTML tables, errors
/// and interactive Plotly charts.
/// </summary>
public sealed partial class SitePage
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseMathematics().Use<DisplayMathExtension>().UsePipeTables().Build();

    private SitePage(string fileName, string title, string body)
    {
        FileName = fileName;
        Title = title;
        Body = body;
    }

    /// <summary>The page's file name: the notebook's, with <c>.html</c>.</summary>
    public string FileName { get; }

    /// <summary>The notebook's first heading (or its file name when it has none).</summary>
    public string Title { get; }

    /// <summary>The page's main content as HTML.</summary>
    public string Body { get; }

    /// <summary>Renders the executed notebook at <paramref name="path"/>.</summary>
    /// <param name="path">The executed notebook.</param>
    /// <param name="markdownLinks">Rewrites each markdown cell's HTML (links to the site's other
    /// pages: the docs, the library's source), or null to leave it as Markdig wrote it.</param>
    public static SitePage Render(string path, Func<string, string>? markdownLinks = null)
    {
        var body = new StringBuilder();
        string? title = null;
        foreach (InteractiveDocumentElement cell in NotebookFile.Read(path).Cells)
        {
            if (cell.KernelName == "markdown")
            {
                title ??= FirstHeading(cell.Contents);
                string html = Markdig.Markdown.ToHtml(cell.Contents, Markdown);
                body.Append("<section class=\"markdown\">").Append(markdownLinks is null ? html : markdownLinks(html)).Append("</section>\n");
            }
            else
            {
                body.Append("<section class=\"cell\"><pre class=\"code\"><code class=\"").Append(CodeLanguage(cell.KernelName)).Append("\">")
                    .Append(WebUtility.HtmlEncode(cell.Contents)).Append("</code></pre>");
                foreach (string output in Outputs(cell.Outputs))
                {
                    body.Append(output);
                }
                body.Append("</section>\n");
            }
        }
        string fileName = Path.ChangeExtension(Path.GetFileName(path), ".html");
        return new SitePage(fileName, title ?? Path.GetFileNameWithoutExtension(path), body.ToString());
    }

    // highlight.js (site.js) colours a code cell by its language-* class; a kernel it has no
    // grammar for is left plain.
    private static string CodeLanguage(string? kernelName) => kernelName switch
    {
        "csharp" => "language-csharp",
        "fsharp" => "language-fsharp",
        "pwsh" => "language-powershell",
        "javascript" => "language-javascript",
        "sql" => "language-sql",
        "html" => "language-xml",
        _ => "nohighlight",
    };

    private static string? FirstHeading(string markdown) =>
        markdown.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    // A headless run records every frame of a live chart (LiveChart) as its own output; the page
    // shows the last frame where the first stood.
    private static IEnumerable<string> Outputs(IEnumerable<InteractiveDocumentOutputElement> outputs)
    {
        var rendered = outputs.Select(Output).Select(html => (Html: html, Live: LiveChartFrame().Match(html) is { Success: true } m ? m.Groups[1].Value : null)).ToList();
        var lastFrame = rendered.Where(r => r.Live is not null).GroupBy(r => r.Live!).ToDictionary(g => g.Key, g => g.Last().Html);
        var shown = new HashSet<string>();
        foreach ((string html, string? live) in rendered)
        {
            if (live is null)
            {
                yield return html;
            }
            else if (shown.Add(live))
            {
                yield return lastFrame[live];
            }
        }
    }

    [GeneratedRegex("data-live-chart=\"([0-9a-f]{32})\"")]
    private static partial Regex LiveChartFrame();

    // HTML where the notebook has it (tables, charts), else plain text; a chart gets the class the
    // browser check looks for.
    private static string Output(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement text => $"<pre class=\"output {text.Name}\">{WebUtility.HtmlEncode(text.Text)}</pre>",
        ErrorElement error => $"<pre class=\"output error\">{WebUtility.HtmlEncode($"{error.ErrorName}: {error.ErrorValue}")}</pre>",
        DisplayElement display => Data(display.Data),
        ReturnValueElement value => Data(value.Data),
        _ => "",
    };

    private static string Data(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/html", out object? html))
        {
            // The notebook's first chart carries plotly.js inline (MLCourse.Notebooks' ChartFormatter,
            // marked data-mlcourse-plotly); every page loads assets/plotly.min.js instead.
            string content = InlinePlotly().Replace(NotebookFile.MimeText(html), "");
            string kind = content.Contains("Plotly.newPlot", StringComparison.Ordinal) ? "output chart" : "output html";
            return $"<div class=\"{kind}\">{content}</div>";
        }
        return data.TryGetValue("text/plain", out object? plain)
            ? $"<pre class=\"output stdout\">{WebUtility.HtmlEncode(NotebookFile.MimeText(plain))}</pre>"
            : "";
    }

    [GeneratedRegex("<script[^>]*\\bdata-mlcourse-plotly\\b[^>]*>.*?</script>\\n?",
        RegexOptions.Singleline)]
    private static partial Regex InlinePlotly();
}
