using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner;

/// <summary>
/// A notebook's exercises: the exercise cells a learner edits (a code cell whose first line is
/// <c>// Exercise ID: …</c>), their reference solutions (<c>notebooks/solutions/NAME.dib</c>, one C#
/// cell per exercise cell, starting with the same line), and the results the checks displayed
/// (<c>MLCourse.Notebooks.ExerciseResult</c>: <c>data-exercise</c>, <c>data-status</c>).
/// </summary>
public static partial class Exercises
{
    /// <summary>The ids of the exercise cells of <paramref name="notebookPath"/>, in order.</summary>
    public static IReadOnlyList<string> CellIds(string notebookPath) =>
        NotebookFile.Read(notebookPath).CodeCells.Select(c => IdOf(c.Contents)).OfType<string>().ToList();

    /// <summary>The solutions file of a notebook: <c>notebooks/solutions/{name}.dib</c>.</summary>
    public static string SolutionsPath(CourseLayout layout, string notebookPath) =>
        Path.Combine(layout.Notebooks, "solutions", Path.GetFileNameWithoutExtension(notebookPath) + ".dib");

    /// <summary>Each solution cell of a .dib solutions file, by exercise id.</summary>
    /// <exception cref="FormatException">A C# cell does not start with <c>// Exercise ID:</c>, or an id repeats.</exception>
    public static IReadOnlyDictionary<string, string> ReadSolutions(string solutionsPath)
    {
        InteractiveDocument dib = CodeSubmission.Parse(File.ReadAllText(solutionsPath), null);
        var solutions = new Dictionary<string, string>();
        int cell = 0;
        foreach (InteractiveDocumentElement element in dib.Elements.Where(e => e.KernelName == "csharp"))
        {
            cell++;
            string id = IdOf(element.Contents)
                ?? throw new FormatException($"{solutionsPath}: C# cell {cell} should start with '// Exercise ID: …', got '{FirstLine(element.Contents)}'.");
            if (!solutions.TryAdd(id, element.Contents.Trim('\n', '\r')))
            {
                throw new FormatException($"{solutionsPath}: exercise {id} has two solution cells (the second is C# cell {cell}).");
            }
        }
        return solutions;
    }

    /// <summary>
    /// Writes <paramref name="notebookPath"/> to <paramref name="outputPath"/> with every exercise cell
    /// replaced by its solution. Only exercise cells change: the checks stay the notebook's own.
    /// </summary>
    /// <exception cref="InvalidOperationException">An exercise cell has no solution, or a solution no exercise cell.</exception>
    public static void WriteSolved(string notebookPath, string solutionsPath, string outputPath)
    {
        IReadOnlyDictionary<string, string> solutions = ReadSolutions(solutionsPath);
        JsonNode notebook = JsonNode.Parse(File.ReadAllText(notebookPath))!;
        var used = new HashSet<string>();
        foreach (JsonNode? cell in notebook["cells"]!.AsArray())
        {
            if (cell!["cell_type"]!.GetValue<string>() != "code" || IdOf(Source(cell)) is not { } id)
            {
                continue;
            }
            if (!solutions.TryGetValue(id, out string? solution))
            {
                throw new InvalidOperationException($"{Path.GetFileName(notebookPath)}: exercise cell {id} has no solution in {solutionsPath}.");
            }
            used.Add(id);
            var lines = solution.Split('\n');
            cell["source"] = new JsonArray(lines.Select((l, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l)!).ToArray());
        }
        if (solutions.Keys.FirstOrDefault(k => !used.Contains(k)) is { } orphan)
        {
            throw new InvalidOperationException($"{solutionsPath}: solution {orphan} matches no exercise cell of {Path.GetFileName(notebookPath)}.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Runs <paramref name="notebookPath"/> with its reference solutions substituted: the solved source
    /// goes to <c>{folder}/source/</c>, the executed notebook to <c>{folder}/</c>, both under the
    /// notebook's file name. Runs from <c>notebooks/</c>, where the notebook's relative <c>#!import</c>
    /// and <c>#r</c> paths resolve. A solutions file that does not fit the notebook (an exercise without
    /// a solution, a solution without a cell, a malformed or missing file) is reported as the run's
    /// error, not thrown.
    /// </summary>
    /// <returns>The run's result and the executed notebook's path.</returns>
    public static (NotebookResult Result, string Executed) RunSolved(CourseLayout layout, string notebookPath, string folder)
    {
        string name = Path.GetFileName(notebookPath);
        string source = Path.Combine(folder, "source", name);
        string executed = Path.Combine(folder, name);
        try
        {
            WriteSolved(notebookPath, SolutionsPath(layout, notebookPath), source);
            return (HeadlessRun.Run(source, executed, layout.Notebooks), executed);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
        {
            return (new NotebookResult(name, 0, TimeSpan.Zero, [new CellError(0, e.Message)]), executed);
        }
    }

    /// <summary>Every exercise result an executed notebook displayed, in order, with the 1-based code cell that displayed it.</summary>
    public static IReadOnlyList<ExerciseOutcome> Results(string executedNotebookPath)
    {
        var results = new List<ExerciseOutcome>();
        IReadOnlyList<InteractiveDocumentElement> cells = NotebookFile.Read(executedNotebookPath).CodeCells;
        for (int i = 0; i < cells.Count; i++)
        {
            foreach (InteractiveDocumentOutputElement output in cells[i].Outputs)
            {
                if (NotebookFile.HtmlOf(output) is { } html)
                {
                    foreach (Match m in ResultElement().Matches(html))
                    {
                        results.Add(new ExerciseOutcome(WebUtility.HtmlDecode(m.Groups["id"].Value), m.Groups["status"].Value, i + 1,
                            PlainText(m.Groups["body"].Value)));
                    }
                }
            }
        }
        return results;
    }

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonNode text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>The exercise id an exercise cell's first line names (<c>// Exercise 2: …</c> → "2"), or null.</summary>
    public static string? IdOf(string cellSource) =>
        ExerciseLine().Match(FirstLine(cellSource)) is { Success: true } m ? m.Groups["id"].Value : null;

    private static string FirstLine(string text) => text.TrimStart('\n', '\r').Split('\n')[0].Trim();

    [GeneratedRegex(@"^//\s*Exercise\s+(?<id>[^\s:]+)\s*:")]
    private static partial Regex ExerciseLine();

    // The box's line and its folds as one line of text, as ExerciseResult.Text() prints it: "… Hint: …".
    private static string PlainText(string body) =>
        WebUtility.HtmlDecode(Tag().Replace(Summary().Replace(body, m => $" {m.Groups["title"].Value}: "), ""));

    [GeneratedRegex("""<div class="mlcourse-exercise" data-exercise="(?<id>[^"]*)" data-status="(?<status>[a-z]+)">(?<body>.*?)</div>""",
        RegexOptions.Singleline)]
    private static partial Regex ResultElement();

    [GeneratedRegex("<summary>(?<title>[^<]*)</summary>")]
    private static partial Regex Summary();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}

/// <summary>One exercise check's displayed result.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Status">"pending", "passed", "wrong" or "error".</param>
/// <param name="Cell">The 1-based code cell that displayed it.</param>
/// <param name="Text">The line the learner read.</param>
public sealed record ExerciseOutcome(string Id, string Status, int Cell, string Text);
