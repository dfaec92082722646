using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The course library's API reference, <c>api/</c> in the site: one page per public type of
/// <c>MLCourse</c> and <c>MLCourse.Notebooks</c>, generated from their XML docs by docfx (the local
/// tool pinned in <c>.config/dotnet-tools.json</c>; configuration in <c>docs/api/docfx.json</c>).
/// </summary>
/// <remarks>
/// Linked both ways: a day's "Library types used here" links each public type to its page here
/// (<see cref="LibrarySources.LinkTypes"/>), and each type's page lists the days whose line named it.
/// Those lists come from the days themselves, never written by hand: before docfx runs, one
/// overwrite file per type (<c>artifacts/api/days/&lt;uid&gt;.md</c>, docfx's way of adding to a
/// type's page) carries its days, and the template (<c>docs/api/template/</c>) shows them under
/// the summary. Built with the <c>statictoc</c> template, whose table of contents is in each page,
/// so the reference opens from disk with no network and no fetch; docfx runs with
/// <c>--warningsAsErrors</c>, so a broken <c>cref</c> or link fails the site.
/// </remarks>
public static class ApiReference
{
    /// <summary>The folder under the site that holds the API reference.</summary>
    public const string Folder = "api";

    /// <summary>
    /// The site-relative page of the type with docfx uid <paramref name="uid"/>
    /// (<c>api/types/MLCourse.Sequence.Lstm.html</c>; a generic type's <c>`1</c> becomes <c>-1</c>).
    /// The types sit one folder below the front page so that they get docfx's contents at the side
    /// and the front page's top bar (docfx's top bar is the contents of the output's root).
    /// </summary>
    public static string PageOf(string uid) => $"{Folder}/types/{uid.Replace('`', '-')}.html";

    /// <summary>The docfx configuration, <c>docs/api/docfx.json</c>.</summary>
    public static string Config(CourseLayout layout) => Path.Combine(layout.Root, "docs", "api", "docfx.json");

    /// <summary>Where docfx's metadata and the overwrite files go (git-ignored), as <c>docs/api/docfx.json</c> says.</summary>
    public static string Work(CourseLayout layout) => Path.Combine(layout.Root, "artifacts", "api");

    /// <summary>
    /// Writes one overwrite file per public type in <paramref name="sources"/>' <see cref="LibrarySources.UsedOn"/>
    /// into <paramref name="folder"/>: the type's uid, the days that use it (title and link, in day
    /// order) and its source page.
    /// </summary>
    /// <param name="folder">The overwrite folder (emptied first).</param>
    /// <param name="sources">The library's types, after every day has been linked.</param>
    /// <param name="titles">Each site page's title by its file name.</param>
    /// <returns>How many files were written.</returns>
    public static int WriteOverwrites(string folder, LibrarySources sources, IReadOnlyDictionary<string, string> titles)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        var json = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        int written = 0;
        foreach ((string type, List<string> pages) in sources.UsedOn)
        {
            if (sources.UidOf(type) is not { } uid)
            {
                continue;
            }
            // YAML reads a JSON string as a double-quoted scalar.
            var text = new StringBuilder("---\n").Append("uid: ").Append(JsonSerializer.Serialize(uid, json)).Append("\nmlcourseDays:\n");
            foreach (string page in pages.Order(StringComparer.Ordinal))
            {
                text.Append("- title: ").Append(JsonSerializer.Serialize(titles.GetValueOrDefault(page, page), json))
                    .Append("\n  href: ").Append(JsonSerializer.Serialize("../../" + page, json)).Append('\n');
            }
            text.Append("mlcourseSource: ").Append(JsonSerializer.Serialize($"../../{LibrarySources.Folder}/{type}.html", json)).Append("\n---\n");
            File.WriteAllText(Path.Combine(folder, uid.Replace('`', '-') + ".md"), text.ToString());
            written++;
        }
        return written;
    }

    /// <summary>
    /// Builds the API reference into <c>api/</c> under <see cref="CourseLayout.Site"/>: writes the
    /// overwrite files, runs docfx (metadata from the built <c>artifacts/course/</c> assemblies and
    /// their XML docs, then the pages), and checks that every type a day links to has its page.
    /// </summary>
    /// <param name="layout">The repository.</param>
    /// <param name="sources">The library's types, after every day has been linked.</param>
    /// <param name="pages">The day pages, for their titles.</param>
    /// <returns>How many type pages list their days.</returns>
    /// <exception cref="InvalidOperationException">The course library is not built, docfx failed or
    /// warned, or a linked type has no page; the message says which and shows docfx's output.</exception>
    public static int Build(CourseLayout layout, LibrarySources sources, IReadOnlyList<SitePage> pages)
    {
        foreach (string assembly in new[] { "MLCourse", "MLCourse.Notebooks" })
        {
            string xml = Path.Combine(layout.Root, "artifacts", "course", assembly + ".xml");
            if (!File.Exists(xml))
            {
                throw new InvalidOperationException(
                    $"ApiReference: {xml} is missing; build the course library first (dotnet build lib/MLCourse.Notebooks).");
            }
        }
        string work = Work(layout);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);   // no page for a type that no longer exists
        }
        int listed = WriteOverwrites(Path.Combine(work, "days"), sources, pages.ToDictionary(p => p.FileName, p => p.Title));
        ProcessRunner.Result docfx = ProcessRunner.Run("dotnet", ["docfx", Config(layout), "--warningsAsErrors"], layout.Root, TimeSpan.FromMinutes(10));
        if (docfx.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"ApiReference: docfx failed (exit {docfx.ExitCode}); a warning counts as a failure. Its output:\n{docfx.Output}");
        }
        var missing = sources.UsedOn.Keys.Select(sources.UidOf).OfType<string>()
            .Where(uid => !File.Exists(Path.Combine(layout.Site, PageOf(uid)))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"ApiReference: no page for {string.Join(", ", missing)}, which a day links to; docfx's output:\n{docfx.Output}");
        }
        return listed;
    }
}
