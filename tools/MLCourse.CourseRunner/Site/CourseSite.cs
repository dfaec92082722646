using System.Net;
using System.Text;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The offline course site: every executed notebook as a page, an index in day order, the
/// library's API reference (<see cref="ApiReference"/>), and the front-end files they need (plotly.js, KaTeX and highlight.js from npm, the site's own CSS and scripts) copied
/// beside them, so <c>artifacts/site/index.html</c> opens with no network.
/// </summary>
public static class CourseSite
{
    private static readonly string[] SiteFiles = ["site.css", "site.js", "slider-frames.js", "plotly-require.js"];

    /// <summary>
    /// Renders every executed notebook in <see cref="CourseLayout.ExecutedNotebooks"/> into
    /// <see cref="CourseLayout.Site"/>. Installs the pinned npm packages first if they are missing.
    /// </summary>
    /// <returns>The pages written, in day order.</returns>
    /// <exception cref="InvalidOperationException">npm is missing or its install failed; the message says how to fix it.</exception>
    public static IReadOnlyList<SitePage> Build(CourseLayout layout, IEnumerable<string> executedNotebooks)
    {
        CopyAssets(layout);
        var sources = LibrarySources.Scan(layout.Root);
        List<SitePage> pages = executedNotebooks.Select(path => SitePage.Render(path,
            html => sources.LinkTypes(DocPages.RewriteLinks(html), Path.ChangeExtension(Path.GetFileName(path), ".html")))).ToList();
        for (int i = 0; i < pages.Count; i++)
        {
            SitePage? previous = i > 0 ? pages[i - 1] : null;
            SitePage? next = i + 1 < pages.Count ? pages[i + 1] : null;
            File.WriteAllText(Path.Combine(layout.Site, pages[i].FileName), Document(pages[i].Title, Navigation(previous, next), pages[i].Body));
        }
        foreach (DocPage doc in DocPages.All)
        {
            (string title, string body) = DocPages.Render(File.ReadAllText(Path.Combine(layout.Root, doc.Source)), doc.Title);
            File.WriteAllText(Path.Combine(layout.Site, doc.FileName), Document(title, "<nav><a href=\"index.html\">MLCourse</a></nav>", body));
        }
        sources.WritePages(layout.Site, (title, body) => Document(title, "<nav><a href=\"../index.html\">MLCourse</a></nav>", body, root: "../"));
        File.WriteAllText(Path.Combine(layout.Site, "index.html"), Document("MLCourse — machine learning and deep learning in C#", "", Index(pages, DocPages.All, apiReference: true)));
        RequireJsPage.Write(layout.Site, layout.SiteSources, executedNotebooks);
        ApiReference.Build(layout, sources, pages);
        return pages;
    }

    // The site is made anew each run, so it shows exactly the notebooks this run executed.
    private static void CopyAssets(CourseLayout layout)
    {
        if (Directory.Exists(layout.Site))
        {
            Directory.Delete(layout.Site, recursive: true);
        }
        string modules = InstallPackages(layout);
        string assets = Path.Combine(layout.Site, "assets");
        Directory.CreateDirectory(assets);
        File.Copy(Path.Combine(modules, "plotly.js-dist-min", "plotly.min.js"), Path.Combine(assets, "plotly.min.js"), overwrite: true);
        CopyFolder(Path.Combine(modules, "katex", "dist"), Path.Combine(assets, "katex"));
        // highlight.js's browser build (core and its common languages, C# among them), its licence
        // and the GitHub colour theme.
        string highlight = Path.Combine(modules, "@highlightjs", "cdn-assets");
        Directory.CreateDirectory(Path.Combine(assets, "highlight"));
        foreach ((string from, string to) in new[] { ("highlight.min.js", "highlight.min.js"), ("LICENSE", "LICENSE"), (Path.Combine("styles", "github.min.css"), "github.min.css") })
        {
            File.Copy(Path.Combine(highlight, from), Path.Combine(assets, "highlight", to), overwrite: true);
        }
        foreach (string file in SiteFiles)
        {
            File.Copy(Path.Combine(layout.SiteSources, file), Path.Combine(assets, file), overwrite: true);
        }
    }

    /// <summary>
    /// Installs the site's pinned npm packages (<c>npm ci</c> in <see cref="CourseLayout.SiteSources"/>)
    /// unless <c>node_modules</c> is already there and as new as <c>package-lock.json</c>.
    /// </summary>
    /// <returns>The <c>node_modules</c> folder.</returns>
    /// <exception cref="InvalidOperationException">npm is missing or its install failed; the message says how to fix it.</exception>
    public static string InstallPackages(CourseLayout layout)
    {
        string modules = Path.Combine(layout.SiteSources, "node_modules");
        // npm writes node_modules/.package-lock.json on install: older than package-lock.json means a
        // package was added or changed since.
        string installed = Path.Combine(modules, ".package-lock.json");
        if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(Path.Combine(layout.SiteSources, "package-lock.json")))
        {
            string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            ProcessRunner.Result install = ProcessRunner.Run(npm, ["ci", "--no-audit", "--no-fund"], layout.SiteSources, TimeSpan.FromMinutes(10));
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"CourseSite: `npm ci` in {layout.SiteSources} failed (exit {install.ExitCode}); the site needs Node.js and npm. {install.Output}");
            }
        }
        return modules;
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

    /// <summary>
    /// The index page's content: the days grouped by <see cref="CourseParts"/>, each part with its
    /// line of description and each day with its title and its one-line summary, in day order. A
    /// part with none of <paramref name="pages"/> is left out; days no part lists come last; the
    /// guides (<paramref name="guides"/>) follow, each under its heading.
    /// </summary>
    /// <param name="pages">The rendered pages, in day order.</param>
    /// <param name="guides">The guides rendered beside the days (<see cref="DocPages.All"/>), or null for none.</param>
    /// <param name="apiReference">Whether to link the library's API reference (<see cref="ApiReference"/>) last.</param>
    public static string Index(IReadOnlyList<SitePage> pages, IReadOnlyList<DocPage>? guides = null, bool apiReference = false)
    {
        var html = new StringBuilder("<h1>MLCourse</h1>\n<p>Machine learning and deep learning in C#: every day of the course, run headless with its outputs and charts. Each page is an executed notebook from <code>notebooks/</code>.</p>\n");
        var groups = pages.GroupBy(page => CourseParts.Find(page.FileName)?.Part).ToDictionary(g => g.Key?.Title ?? "", g => g.ToList());
        foreach (CoursePart part in CourseParts.All.Where(p => groups.ContainsKey(p.Title)))
        {
            html.Append("<section class=\"part\">\n<h2>").Append(WebUtility.HtmlEncode(part.Title)).Append("</h2>\n<p class=\"part-description\">")
                .Append(WebUtility.HtmlEncode(part.Description)).Append("</p>\n");
            AppendDays(html, groups[part.Title]);
            html.Append("</section>\n");
        }
        if (groups.TryGetValue("", out List<SitePage>? unlisted))
        {
            html.Append("<section class=\"part\">\n<h2>More days</h2>\n");
            AppendDays(html, unlisted);
            html.Append("</section>\n");
        }
        foreach (DocPage guide in guides ?? [])
        {
            html.Append("<section class=\"part\">\n<h2>").Append(WebUtility.HtmlEncode(guide.Heading)).Append("</h2>\n<ul class=\"days\">\n<li><a href=\"")
                .Append(guide.FileName).Append("\">").Append(WebUtility.HtmlEncode(guide.Title)).Append("</a> <span class=\"summary\">")
                .Append(WebUtility.HtmlEncode(guide.Summary)).Append("</span></li>\n</ul>\n</section>\n");
        }
        if (apiReference)
        {
            html.Append("<section class=\"part\">\n<h2>The library</h2>\n<ul class=\"days\">\n<li><a href=\"").Append(ApiReference.Folder)
                .Append("/index.html\">API reference</a> <span class=\"summary\">Every public type of MLCourse and MLCourse.Notebooks, ")
                .Append("from their XML docs, with the days that use it.</span></li>\n</ul>\n</section>\n");
        }
        return html.ToString();
    }

    private static void AppendDays(StringBuilder html, IEnumerable<SitePage> pages)
    {
        html.Append("<ul class=\"days\">\n");
        foreach (SitePage page in pages)
        {
            html.Append("<li><a href=\"").Append(page.FileName).Append("\">").Append(WebUtility.HtmlEncode(page.Title)).Append("</a>");
            if (CourseParts.Find(page.FileName) is { Topic: var topic })
            {
                html.Append(" <span class=\"summary\">").Append(WebUtility.HtmlEncode(topic.Summary)).Append("</span>");
            }
            html.Append("</li>\n");
        }
        html.Append("</ul>\n");
    }

    // plotly.js and the require shim load first, so a chart's inline script can draw as the page parses.
    // root: the way back to the site's folder from the page's ("../" for a page in source/).
    private static string Document(string title, string navigation, string body, string root = "") => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <link rel="stylesheet" href="{root}assets/katex/katex.min.css">
        <link rel="stylesheet" href="{root}assets/highlight/github.min.css">
        <link rel="stylesheet" href="{root}assets/site.css">
        <script src="{root}assets/plotly.min.js"></script>
        <script src="{root}assets/plotly-require.js"></script>
        <script defer src="{root}assets/katex/katex.min.js"></script>
        <script defer src="{root}assets/katex/contrib/auto-render.min.js"></script>
        <script defer src="{root}assets/highlight/highlight.min.js"></script>
        <script defer src="{root}assets/site.js"></script>
        <script defer src="{root}assets/slider-frames.js"></script>
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
