using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The course library's source files by type name, so that each notebook's "Library types used
/// here" line links every library type it names to its page in the API reference (<see cref="ApiReference"/>),
/// or, for a type the library does not make public, to a page of the site showing its source; and
/// remembers which day named which type, for the API reference's "Used in the course" lists.
/// </summary>
/// <remarks>
/// The site links to <b>rendered copies</b> (<c>source/Lstm.html</c>, highlighted like the
/// notebooks' code), not to the <c>.cs</c> files in the repository: the site is meant to be opened
/// anywhere, offline, after <c>artifacts/site/</c> has been copied or published on its own, where a
/// relative link such as <c>../../lib/MLCourse/Sequence/Lstm.cs</c> would point at nothing (and a
/// browser shows a bare .cs file unhighlighted, or downloads it). Each page names the file's path in
/// the repository. A type split into partial files (<c>Charts</c>) gets one page with every part,
/// the file named after the type first.
/// </remarks>
public sealed partial class LibrarySources
{
    private readonly string _root;
    private readonly Dictionary<string, List<string>> _files;   // type name → repository-relative paths
    private readonly Dictionary<string, string> _uids;          // public type name → docfx uid
    private readonly SortedSet<string> _linked = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, List<string>> _usedOn = new(StringComparer.Ordinal);

    private LibrarySources(string root, Dictionary<string, List<string>> files, Dictionary<string, string> uids) =>
        (_root, _files, _uids) = (root, files, uids);

    /// <summary>The folder under the site that holds the source pages.</summary>
    public const string Folder = "source";

    /// <summary>Every top-level type declared in <c>lib/**/*.cs</c> under <paramref name="root"/> (build output left out).</summary>
    public static LibrarySources Scan(string root)
    {
        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var uids = new Dictionary<string, string>(StringComparer.Ordinal);
        string lib = Path.Combine(root, "lib");
        if (Directory.Exists(lib))
        {
            foreach (string file in Directory.GetFiles(lib, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }
                string text = File.ReadAllText(file);
                string? space = FileScopedNamespace().Match(text) is { Success: true } ns ? ns.Groups["name"].Value : null;
                foreach (Match m in TopLevelType().Matches(text))
                {
                    string name = m.Groups["name"].Value;
                    if (m.Groups["access"].Value == "public" && space is not null)
                    {
                        // docfx's uid is the type's full name, with `N for N type parameters (ModelPipeline`1).
                        int arity = m.Groups["parameters"].Success ? m.Groups["parameters"].Value.Count(c => c == ',') + 1 : 0;
                        uids.TryAdd(name, $"{space}.{name}" + (arity > 0 ? $"`{arity}" : ""));
                    }
                    if (!files.TryGetValue(name, out List<string>? list))
                    {
                        files[name] = list = [];
                    }
                    if (!list.Contains(relative))
                    {
                        list.Add(relative);
                    }
                }
            }
        }
        foreach ((string name, List<string> list) in files)
        {
            // The file named after the type first (Charts.cs before Charts.Images.cs).
            list.Sort((a, b) =>
            {
                int first = (Path.GetFileName(a) == name + ".cs" ? 0 : 1).CompareTo(Path.GetFileName(b) == name + ".cs" ? 0 : 1);
                return first != 0 ? first : string.CompareOrdinal(a, b);
            });
        }
        return new LibrarySources(root, files, uids);
    }

    /// <summary>The repository paths of the files declaring <paramref name="type"/>, or an empty list for a name the library does not declare.</summary>
    public IReadOnlyList<string> FilesOf(string type) => _files.TryGetValue(type, out List<string>? list) ? list : [];

    /// <summary>
    /// The API reference's uid of <paramref name="type"/> (its full name, <c>MLCourse.Sequence.Lstm</c>,
    /// <c>MLCourse.Pipelines.ModelPipeline`1</c>), or null for a name the library does not declare public.
    /// </summary>
    public string? UidOf(string type) => _uids.GetValueOrDefault(type);

    /// <summary>The types linked so far (by <see cref="LinkTypes"/>), whose source pages <see cref="WritePages"/> writes.</summary>
    public IReadOnlyCollection<string> Linked => _linked;

    /// <summary>For each type linked so far, the pages (<see cref="SitePage.FileName"/>) whose types line named it, in the order they were linked.</summary>
    public IReadOnlyDictionary<string, List<string>> UsedOn => _usedOn;

    /// <summary>
    /// In a rendered markdown cell, the paragraph that begins "Library types used here" with each
    /// <c>&lt;code&gt;</c> that names a library type (or a member of one, <c>Datasets.MnistDigits</c>)
    /// made a link to that type's page in the API reference (<see cref="ApiReference.PageOf"/>), or to
    /// its source page when the type is not public; other code (TorchSharp's <c>nn.LSTM</c>, a method
    /// in parentheses) and every other paragraph are left as they were.
    /// </summary>
    /// <param name="html">A markdown cell rendered to HTML.</param>
    /// <param name="page">The site page the cell is on (<see cref="SitePage.FileName"/>), recorded in <see cref="UsedOn"/>; null records nothing.</param>
    public string LinkTypes(string html, string? page = null) => TypesParagraph().Replace(html, paragraph => InlineCode().Replace(paragraph.Value, code =>
    {
        string name = WebUtility.HtmlDecode(code.Groups[1].Value).Split('.')[0];
        if (!_files.ContainsKey(name))
        {
            return code.Value;
        }
        _linked.Add(name);
        if (page is not null)
        {
            if (!_usedOn.TryGetValue(name, out List<string>? pages))
            {
                _usedOn[name] = pages = [];
            }
            if (!pages.Contains(page))
            {
                pages.Add(page);
            }
        }
        string href = UidOf(name) is { } uid ? ApiReference.PageOf(uid) : $"{Folder}/{name}.html";
        return $"<a href=\"{href}\">{code.Value}</a>";
    }));

    /// <summary>Writes one page per linked type into <c>source/</c> under <paramref name="site"/>; <paramref name="document"/> wraps a page's title and body.</summary>
    /// <returns>How many pages were written.</returns>
    public int WritePages(string site, Func<string, string, string> document)
    {
        string folder = Path.Combine(site, Folder);
        Directory.CreateDirectory(folder);
        foreach (string type in _linked)
        {
            var body = new StringBuilder();
            body.Append("<h1><code>").Append(WebUtility.HtmlEncode(type)).Append("</code></h1>\n<p>The source of the course library's <code>")
                .Append(WebUtility.HtmlEncode(type)).Append("</code> as this site was built, ")
                .Append(_files[type].Count == 1 ? "one file" : $"{_files[type].Count} partial files").Append(" of the repository.</p>\n");
            foreach (string file in _files[type])
            {
                body.Append("<h2><code>").Append(WebUtility.HtmlEncode(file)).Append("</code></h2>\n<section class=\"cell\"><pre class=\"code\"><code class=\"language-csharp\">")
                    .Append(WebUtility.HtmlEncode(File.ReadAllText(Path.Combine(_root, file)))).Append("</code></pre></section>\n");
            }
            File.WriteAllText(Path.Combine(folder, type + ".html"), document($"{type} — MLCourse library source", body.ToString()));
        }
        return _linked.Count;
    }

    // A type declared at the start of a line (file-scoped namespaces: top-level types are not indented).
    // (with its type parameters, <TSetting, TLabel>, if any).
    [GeneratedRegex(@"^(?<access>public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly|ref)\s+)*(?:class|record\s+struct|record\s+class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)(?:<(?<parameters>[^>]*)>)?", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"<p>Library types used here:.*?</p>", RegexOptions.Singleline)]
    private static partial Regex TypesParagraph();

    [GeneratedRegex(@"<code>([^<]*)</code>")]
    private static partial Regex InlineCode();
}
