using System.Net;
using System.Text;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The offline course site: every executed notebook as a page, an index in day order, and the
/// front-end files they need (plotly.js and KaTeX from npm, the site's own CSS and scripts) copied
/// beside them, so <c>artifacts/site/index.html</c> opens with no network.
/// </summary>
public static class CourseSite
{
    private static readonly string[] SiteFiles = ["site.css", "site.js", "plotly-require.js"];

    /// <summary>
    /// Renders every executed notebook in <see cref="CourseLayout.ExecutedNotebooks"/> into
    /// <see cref="CourseLayout.Site"/>. Installs the pinned npm packages first if they are missing.
    /// </summary>
    /// <returns>The pages written, in day order.</returns>
    /// <exception cref="InvalidOperationException">npm is missing or its install failed; the message says how to fix it.</exception>
    public static IReadOnlyList<SitePage> Build(CourseLayout layout, IEnumerable<string> executedNotebooks)
    {
        CopyAssets(layout);
        List<SitePage> pages = executedNotebooks.Select(SitePage.Render).ToList();
        for (int i = 0; i < pages.Count; i++)
        {
            SitePage? previous = i > 0 ? pages[i - 1] : null;
            SitePage? next = i + 1 < pages.Count ? pages[i + 1] : null;
            File.WriteAllText(Path.Combine(layout.Site, pages[i].FileName), Document(pages[i].Title, Navigation(previous, next), pages[i].Body));
        }
        File.WriteAllText(Path.Combine(layout.Site, "index.html"), Document("MLCourse — machine learning and deep learning in C#", "", Index(pages)));
        return pages;
    }

    // The site is made anew each run, so it shows exactly the notebooks this run executed.
    private static void CopyAssets(CourseLayout layout)
    {
        if (Directory.Exists(layout.Site))
        {
            Directory.Delete(layout.Site, recursive: true);
        }
        string modules = Path.Combine(layout.SiteSources, "node_modules");
        if (!Directory.Exists(modules))
        {
            string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            ProcessRunner.Result install = ProcessRunner.Run(npm, ["ci", "--no-audit", "--no-fund"], layout.SiteSources, TimeSpan.FromMinutes(10));
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"CourseSite: `npm ci` in {layout.SiteSources} failed (exit {install.ExitCode}); the site needs Node.js and npm. {install.Output}");
            }
        }
        string assets = Path.Combine(layout.Site, "assets");
        Directory.CreateDirectory(assets);
        File.Copy(Path.Combine(modules, "plotly.js-dist-min", "plotly.min.js"), Path.Combine(assets, "plotly.min.js"), overwrite: true);
        CopyFolder(Path.Combine(modules, "katex", "dist"), Path.Combine(assets, "katex"));
        foreach (string file in SiteFiles)
        {
            File.Copy(Path.Combine(layout.SiteSources, file), Path.Combine(assets, file), overwrite: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Navigation(SitePage? previous, SitePage? next) =>
        "<nav><a href=\"index.html\">MLCourse</a>"
        + (previous is null ? "" : $" · <a href=\"{previous.FileName}\">← {WebUtility.HtmlEncode(previous.Title)}</a>")
        + (next is null ? "" : $" · <a href=\"{next.FileName}\">{WebUtility.HtmlEncode(next.Title)} →</a>")
        + "</nav>";

    private static string Index(IReadOnlyList<SitePage> pages)
    {
        var html = new StringBuilder("<h1>MLCourse</h1>\n<p>Machine learning and deep learning in C#: every day of the course, run headless with its outputs and charts. Each page is an executed notebook from <code>notebooks/</code>.</p>\n<ul class=\"days\">\n");
        foreach (SitePage page in pages)
        {
            html.Append("<li><a href=\"").Append(page.FileName).Append("\">").Append(WebUtility.HtmlEncode(page.Title)).Append("</a></li>\n");
        }
        return html.Append("</ul>").ToString();
    }

    // plotly.js and the require shim load first, so a chart's inline script can draw as the page parses.
    private static string Document(string title, string navigation, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/site.css">
        <script src="assets/plotly.min.js"></script>
        <script src="assets/plotly-require.js"></script>
        <script defer src="assets/katex/katex.min.js"></script>
        <script defer src="assets/katex/contrib/auto-render.min.js"></script>
        <script defer src="assets/site.js"></script>
        </head>
        <body>
        {navigation}
        <main>
        {body}
        </main>
        {navigation}
        </body>
        </html>

        """;
}
