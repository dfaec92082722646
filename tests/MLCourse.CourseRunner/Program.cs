using System.Globalization;
using MLCourse.CourseRunner;

// Runs the whole course headless: restores the pinned tools, builds the course library, runs every
// notebooks/day-*.ipynb with dotnet repl into artifacts/notebooks/, prints a table and exits
// non-zero if any cell failed. Arguments: optional notebook name filters (e.g. "day-01").
var layout = CourseLayout.FindFrom(Directory.GetCurrentDirectory());
TimeSpan setupLimit = TimeSpan.FromMinutes(15);

Step("dotnet tool restore", ProcessRunner.Run("dotnet", ["tool", "restore"], layout.Root, setupLimit));
Step("dotnet build lib/MLCourse.Notebooks", ProcessRunner.Run("dotnet", ["build", layout.NotebooksProject, "-nologo", "-v", "q"], layout.Root, setupLimit));

var notebooks = layout.DayNotebooks().Where(n => args.Length == 0 || args.Any(a => Path.GetFileName(n).Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
if (notebooks.Count == 0)
{
    Console.Error.WriteLine($"No notebook in {layout.Notebooks} matches {string.Join(" ", args)}.");
    return 2;
}

var results = new List<NotebookResult>();
foreach (string notebook in notebooks)
{
    Console.WriteLine($"Running {Path.GetFileName(notebook)} …");
    results.Add(HeadlessRun.Run(notebook, Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(notebook))));
}

Console.WriteLine();
Console.WriteLine($"{"notebook",-40} {"cells",5}  {"status",-6} {"seconds",8}");
foreach (NotebookResult r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Notebook,-40} {r.CodeCells,5}  {(r.Passed ? "ok" : "FAILED"),-6} {r.Elapsed.TotalSeconds,8:F1}"));
}
foreach (NotebookResult r in results.Where(r => !r.Passed))
{
    foreach (CellError e in r.Errors)
    {
        Console.Error.WriteLine($"{r.Notebook}, code cell {e.Cell}: {e.Message}");
    }
}
int failed = results.Count(r => !r.Passed);
Console.WriteLine($"{results.Count - failed} of {results.Count} notebooks ran without error; executed notebooks are in {layout.ExecutedNotebooks}.");
return failed == 0 ? 0 : 1;

static void Step(string name, ProcessRunner.Result result)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {(result.ExitCode == 0 ? "ok" : "FAILED")} ({result.Elapsed.TotalSeconds:F1} s)"));
    if (result.ExitCode != 0)
    {
        Console.Error.WriteLine(result.Output);
        Environment.Exit(1);
    }
}
