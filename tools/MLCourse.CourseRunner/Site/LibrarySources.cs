using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The course library's source files by type name, so that each notebook's "Library types used
/// here" line links every library type it names to a page of the site showing that type's source.
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
    private readonly SortedSet<string> _linked = new(StringComparer.Ordinal);

    private LibrarySources(string root, Dictionary<string, List<string>> files) => (_root, _files) = (root, files);

    /// <summary>The folder under the site that holds the source pages.</summary>
    public const string Folder = "source";

    /// <summary>Every top-level type declared in <c>lib/**/*.cs</c> under <paramref name="root"/> (build output left out).</summary>
    public static LibrarySources Scan(string root)
    {
        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
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
                foreach (Match m in TopLevelType().Matches(File.ReadAllText(file)))
                {
                    string name = m.Groups["name"].Value;
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
        return new LibrarySources(root, files);
    }

    /// <summary>The repository paths of the files declaring <paramref name="type"/>, or an empty list for a name the library does not declare.</summary>
    public IReadOnlyList<string> FilesOf(string type) => _files.TryGetValue(type, out List<string>? list) ? list : [];

    /// <summary>The types linked so far (by <see cref="LinkTypes"/>), whose pages <see cref="WritePages"/> writes.</summary>
    public IReadOnlyCollection<string> Linked => _linked;

    /// <summary>
    /// In a rendered markdown cell, the paragraph that begins "Library types used here" with each
    /// <c>&lt;code&gt;</c> that names a library type (or a member of one, <c>Datasets.MnistDigits</c>)
    /// made a link to that type's source page; other code (TorchSharp's <c>nn.LSTM</c>, a method
    /// in parentheses) and every other paragraph are left as they were.
    /// </summary>
    /// <param name="html">A markdown cell rendered to HTML.</param>
    public string LinkTypes(string html) => TypesParagraph().Replace(html, paragraph => InlineCode().Replace(paragraph.Value, code =>
    {
        string name = WebUtility.HtmlDecode(code.Groups[1].Value).Split('.')[0];
        if (!_files.ContainsKey(name))
        {
            return code.Value;
        }
        _linked.Add(name);
        return $"<a href=\"{Folder}/{name}.html\">{code.Value}</a>";
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
    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly|ref)\s+)*(?:class|record\s+struct|record\s+class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"<p>Library types used here:.*?</p>", RegexOptions.Singleline)]
    private static partial Regex TypesParagraph();

    [GeneratedRegex(@"<code>([^<]*)</code>")]
    private static partial Regex InlineCode();
}
