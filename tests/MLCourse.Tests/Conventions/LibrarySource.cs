using System.Text.Json;
using System.Text.RegularExpressions;

namespace MLCourse.Tests.Conventions;

/// <summary>
/// The library's and the notebooks' source, read as text: the house rules the compiler cannot check
/// (day links, folder dependencies, line lengths) are checked over it.
/// </summary>
public static partial class LibrarySource
{
    /// <summary>The repository root: the first folder upward that holds <c>lib/MLCourse/MLCourse.csproj</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The two libraries' C# files (not <c>bin/</c>, <c>obj/</c> or the MSBuild task under <c>build/</c>).
    /// </summary>
    public static IReadOnlyList<string> LibraryFiles(bool includeBuild = false) =>
        new[] { "lib/MLCourse", "lib/MLCourse.Notebooks" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder),
                "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/bin/") && !file.Contains("/obj/")
                && (includeBuild || !file.Contains("/build/")))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every top-level type of the libraries, public and internal, its partial declarations merged.</summary>
    public static IReadOnlyList<LibraryType> Types { get; } = ReadTypes();

    /// <summary>The public ones of <see cref="Types"/>.</summary>
    public static IReadOnlyList<LibraryType> PublicTypes { get; } = Types.Where(type => type.IsPublic).ToArray();

    /// <summary>Day number → the text of every cell (code and Markdown) of <c>notebooks/day-NN-*.ipynb</c>.</summary>
    public static IReadOnlyDictionary<int, string> Notebooks { get; } = ReadNotebooks();

    /// <summary>
    /// The text of <c>notebooks/course.dib</c> and the exercise solutions (<c>notebooks/solutions/*.dib</c>).
    /// </summary>
    public static string NotebookScripts { get; } = string.Join("\n",
        Directory.EnumerateFiles(Path.Combine(Root, "notebooks"), "*.dib", SearchOption.AllDirectories)
            .Order().Select(File.ReadAllText));

    /// <summary>
    /// The file's text without comments (line comments, XML docs and block comments) or string contents.
    /// </summary>
    public static string Code(string text) =>
        CommentsAndStrings().Replace(text, m => m.Value[0] is '"' or '\'' ? "\"\"" : " ");

    /// <summary>Whether <paramref name="text"/> names <paramref name="name"/> as a whole word.</summary>
    public static bool Names(string text, string name) => Regex.IsMatch(text, $@"\b{Regex.Escape(name)}\b");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "lib", "MLCourse", "MLCourse.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"LibrarySource: no folder above {AppContext.BaseDirectory} holds lib/MLCourse.");
    }

    private static Dictionary<int, string> ReadNotebooks() =>
        Directory.EnumerateFiles(Path.Combine(Root, "notebooks"), "day-*.ipynb").ToDictionary(
            file => int.Parse(Path.GetFileName(file).AsSpan(4, 2)),
            file =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                return string.Join("\n", json.RootElement.GetProperty("cells").EnumerateArray()
                    .Select(cell => cell.GetProperty("source"))
                    .Select(source => source.ValueKind == JsonValueKind.Array
                        ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
                        : source.GetString()));
            });

    private static LibraryType[] ReadTypes()
    {
        var declarations = new List<(string Name, bool IsPublic, string File,
            string Namespace, string Remarks, string[] Extensions)>();
        foreach (string file in LibraryFiles())
        {
            string[] lines = File.ReadAllLines(Path.Combine(Root, file));
            string ns = lines.Select(line => NamespaceLine().Match(line)).First(m => m.Success).Groups[1].Value;
            for (int i = 0; i < lines.Length; i++)
            {
                if (TypeDeclaration().Match(lines[i]) is not { Success: true } declaration)
                {
                    continue;
                }
                int first = i;
                while (first > 0 && (lines[first - 1].StartsWith("///") || lines[first - 1].StartsWith('[')))
                {
                    first--;
                }
                string doc = string.Join("\n", lines[first..i].Select(line => line.TrimStart('/', ' ')));
                string remarks = RemarksElement().Match(doc) is { Success: true } m ? m.Groups[1].Value : "";
                string[] extensions = ExtensionMethod().Matches(File.ReadAllText(Path.Combine(Root, file)))
                    .Select(e => e.Groups[1].Value).ToArray();
                declarations.Add((declaration.Groups[2].Value,
                    declaration.Groups[1].Success, file, ns, remarks, extensions));
            }
        }
        return declarations.GroupBy(d => (d.Namespace, d.Name))
            .Select(g => new LibraryType(g.Key.Name, g.Any(d => d.IsPublic),
                g.Key.Namespace, g.Select(d => d.File).Distinct().ToArray(),
                string.Join("\n", g.Select(d => d.Remarks)), g.SelectMany(d => d.Extensions).Distinct().ToArray()))
            .ToArray();
    }

    [GeneratedRegex(@"^namespace ([\w.]+)")]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(?:(public)\s+|internal\s+)?(?:(?:static|sealed|abstract|partial|readonly|ref|file)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"<remarks>(.*?)</remarks>", RegexOptions.Singleline)]
    private static partial Regex RemarksElement();

    [GeneratedRegex(@"public\s+static\s+[\w<>\[\]?,. ]+?\s+(\w+)(?:<[^>]*>)?\(\s*this\s")]
    private static partial Regex ExtensionMethod();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();
}

/// <summary>A top-level type of the libraries.</summary>
/// <param name="Name">The type's name, without generic parameters.</param>
/// <param name="IsPublic">Whether it is public (else internal).</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Files">The files that declare it (several for a partial type), relative to the root.</param>
/// <param name="Remarks">The text of its <c>&lt;remarks&gt;</c>, all declarations together.</param>
/// <param name="ExtensionMethods">The names of the extension methods it declares (they are called without the type's
/// name).</param>
public sealed record LibraryType(string Name, bool IsPublic, string Namespace,
    string[] Files, string Remarks, string[] ExtensionMethods);
