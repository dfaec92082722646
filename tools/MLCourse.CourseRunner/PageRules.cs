using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner;

/// <summary>
/// The page held to the code's standard: what a learner reads must agree with what the run printed
/// (<see cref="ProseNumbers"/>), must not narrate the notebook's own history or point at days and
/// exercises that do not exist, and must not give an exercise's answer away before the learner tries.
/// </summary>
public static partial class PageRules
{
    /// <summary>Every page problem of one notebook, each naming the cell.</summary>
    /// <param name="layout">The course (for other days' executed notebooks and the exercise texts).</param>
    /// <param name="notebookPath">The committed notebook.</param>
    /// <param name="executedPath">Its executed copy.</param>
    public static IReadOnlyList<string> Problems(CourseLayout layout, string notebookPath, string executedPath)
    {
        string ExecutedOfDay(int day) =>
            layout.DayNotebooks().Where(n => Path.GetFileName(n).StartsWith($"day-{day:00}-", StringComparison.Ordinal))
                .Select(n => Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(n))).FirstOrDefault() ?? "";
        var problems = new List<string>();
        problems.AddRange(ProseNumbers.Problems(notebookPath, executedPath, ExecutedOfDay));
        problems.AddRange(Leftovers(notebookPath, layout.DayNotebooks().Count));
        problems.AddRange(ExerciseProblems(notebookPath, TextsPath(layout, notebookPath)));
        problems.AddRange(BoxesFirst(executedPath));
        return problems;
    }

    /// <summary>The exercise texts of a notebook: <c>notebooks/solutions/{name}.json</c>.</summary>
    public static string TextsPath(CourseLayout layout, string notebookPath) =>
        Path.Combine(layout.Notebooks, "solutions", Path.GetFileNameWithoutExtension(notebookPath) + ".json");

    /// <summary>
    /// Editing leftovers in the prose: phrases that narrate the notebook's own history ("the earlier
    /// version", "this notebook used to"), and references to a day or an exercise that does not exist.
    /// </summary>
    public static IReadOnlyList<string> Leftovers(string notebookPath, int days)
    {
        NotebookFile notebook = NotebookFile.Read(notebookPath);
        var exercises = Exercises.CellIds(notebookPath).ToHashSet();
        var problems = new List<string>();
        int markdownCell = 0;
        foreach (InteractiveDocumentElement cell in notebook.Cells.Where(c => c.KernelName == "markdown"))
        {
            markdownCell++;
            string prose = Code().Replace(cell.Contents, " ");
            foreach (Match m in History().Matches(prose))
            {
                problems.Add($"markdown cell {markdownCell}: \"{m.Value}\" narrates the notebook's history; say what is, not what was.");
            }
            foreach (Match m in DayReference().Matches(prose))
            {
                int day = int.Parse(m.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (day > days || day == 0)
                {
                    problems.Add($"markdown cell {markdownCell}: \"{m.Value}\" names a day the course does not have (1–{days}).");
                }
            }
            foreach (Match m in ExerciseReference().Matches(prose))
            {
                if (!m.Groups["other"].Success && !exercises.Contains(m.Groups["id"].Value))
                {
                    problems.Add($"markdown cell {markdownCell}: \"{m.Value.Trim()}\" names an exercise this day does not have "
                        + $"({(exercises.Count == 0 ? "none" : string.Join(", ", exercises))}).");
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// The exercise rules a notebook's source must keep: hints and explanations live in the day's texts
    /// file, not in the notebook (no <c>hint:</c> or <c>why:</c> argument, no text of the file quoted in a
    /// cell); every implement or recall exercise has hints in at least two tiers (a nudge, then more),
    /// every prediction a why; and no prose stands between an exercise cell and its check.
    /// </summary>
    public static IReadOnlyList<string> ExerciseProblems(string notebookPath, string textsPath)
    {
        NotebookFile notebook = NotebookFile.Read(notebookPath);
        var problems = new List<string>();
        var calls = new List<(string Kind, string Id, int Cell)>();
        IReadOnlyList<InteractiveDocumentElement> cells = notebook.Cells;
        int code = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].KernelName == "markdown")
            {
                continue;
            }
            code++;
            foreach (Match m in ExerciseCall().Matches(cells[i].Contents))
            {
                calls.Add((m.Groups["kind"].Value, m.Groups["id"].Value, i));
            }
            if (InlineText().Match(cells[i].Contents) is { Success: true } inline)
            {
                problems.Add($"code cell {code}: \"{inline.Value}\" puts a hint or an explanation on the page; it belongs in {Path.GetFileName(textsPath)}.");
            }
        }
        Dictionary<string, (int Hints, bool Why, List<string> All)> texts = ReadTexts(textsPath, problems);
        foreach (var (kind, id, _) in calls.DistinctBy(c => c.Id))
        {
            if (!texts.TryGetValue(id, out var t))
            {
                problems.Add($"exercise {id}: {Path.GetFileName(textsPath)} has no texts for it.");
            }
            else if (kind == "Predict" ? !t.Why : t.Hints < 2)
            {
                problems.Add(kind == "Predict"
                    ? $"exercise {id}: a prediction needs a \"why\" in {Path.GetFileName(textsPath)}."
                    : $"exercise {id}: needs hints in two tiers in {Path.GetFileName(textsPath)} (a nudge first, then the formula or code), has {t.Hints}.");
            }
        }
        foreach (string orphan in texts.Keys.Where(k => calls.All(c => c.Id != k)))
        {
            problems.Add($"exercise {orphan}: {Path.GetFileName(textsPath)} has texts for it, but no check uses them.");
        }
        string source = string.Join("\n", cells.Select(c => c.Contents));
        foreach (string text in texts.Values.SelectMany(t => t.All).Where(t => t.Length >= 30))
        {
            if (source.Contains(text[..30], StringComparison.Ordinal))
            {
                problems.Add($"the notebook quotes a hint or explanation of {Path.GetFileName(textsPath)}: \"{text[..30]}…\".");
            }
        }
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].KernelName == "markdown" || Exercises.IdOf(cells[i].Contents) is not { } id)
            {
                continue;
            }
            int check = calls.Where(c => c.Id == id && c.Cell > i).Select(c => c.Cell).DefaultIfEmpty(-1).First();
            if (check < 0)
            {
                problems.Add($"exercise {id}: no check below its exercise cell.");
            }
            else if (Enumerable.Range(i + 1, check - i - 1).Any(j => cells[j].KernelName == "markdown"))
            {
                problems.Add($"exercise {id}: prose stands between the exercise cell and its check; put it after the check.");
            }
        }
        return problems;
    }

    /// <summary>
    /// In the executed notebook, an exercise's box is the first thing its cell shows: an experiment's
    /// numbers go into the box (folded until a prediction is made) or come after it, never above it.
    /// </summary>
    public static IReadOnlyList<string> BoxesFirst(string executedPath)
    {
        var problems = new List<string>();
        IReadOnlyList<InteractiveDocumentElement> cells = NotebookFile.Read(executedPath).CodeCells;
        for (int i = 0; i < cells.Count; i++)
        {
            var outputs = cells[i].Outputs.ToList();
            int box = outputs.FindIndex(IsBox);
            if (box < 0)
            {
                continue;
            }
            // dotnet repl saves a cell's printed text after its displays, whatever the order, so a box's
            // cell prints nothing: the experiment's numbers go into the box (measured:), charts after it.
            if (box > 0 || outputs.Any(o => o is TextElement))
            {
                problems.Add($"code cell {i + 1}: shows output above or beside its exercise box; pass the experiment's numbers "
                    + "to the check (measured:) and show charts after it.");
            }
        }
        return problems;
    }

    private static bool IsBox(InteractiveDocumentOutputElement output) =>
        NotebookFile.DataOf(output)?.Values.Select(NotebookFile.MimeText)
            .Any(t => t.Contains("class=\"mlcourse-exercise\"", StringComparison.Ordinal)) ?? false;

    private static Dictionary<string, (int Hints, bool Why, List<string> All)> ReadTexts(string path, List<string> problems)
    {
        var texts = new Dictionary<string, (int, bool, List<string>)>();
        if (!File.Exists(path))
        {
            return texts;
        }
        try
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (JsonProperty entry in json.RootElement.EnumerateObject())
            {
                var hints = entry.Value.TryGetProperty("hints", out JsonElement h) ? h.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
                string? why = entry.Value.TryGetProperty("why", out JsonElement w) ? w.GetString() : null;
                texts[entry.Name] = (hints.Count, why is not null, why is null ? hints : [.. hints, why]);
            }
        }
        catch (JsonException e)
        {
            problems.Add($"{Path.GetFileName(path)}: {e.Message}");
        }
        return texts;
    }

    [GeneratedRegex(@"```.*?```|`[^`]*`", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"\b(?:(?:an?|the) (?:earlier|previous|old|first) (?:version|draft|edition) of (?:this|the) (?:notebook|day|page)|(?:this|the) (?:notebook|day|page) (?:used to|now|no longer|previously)|as (?:this notebook|it|we) used to|in (?:an|the) earlier (?:version|draft|run)|was (?:changed|rewritten|updated) to)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex History();

    // Course days, not days of data ("from day 91 on"): a number just past the course's last day.
    [GeneratedRegex(@"\b[Dd]ays? (?<day>(?:0|2[3-9]|30))\b")]
    private static partial Regex DayReference();

    [GeneratedRegex(@"(?<other>\b[Dd]ay \d{1,2}(?:'s|’s)? )?\b[Ee]xercises? (?<id>\d+[a-z]?)\b")]
    private static partial Regex ExerciseReference();

    [GeneratedRegex(@"Exercise\.(?<kind>Check|Predict|Recall)\(\s*""(?<id>[^""]+)""")]
    private static partial Regex ExerciseCall();

    [GeneratedRegex(@"\b(?:hint|why)\s*:\s*\$?""[^""]{0,40}")]
    private static partial Regex InlineText();
}
