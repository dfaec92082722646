using System.Collections.Concurrent;
using System.Globalization;
using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

// Runs the whole course headless: restores the pinned tools, builds the course library, runs every
// notebooks/day-*.ipynb with dotnet repl into artifacts/notebooks/, prints a table and exits
// non-zero if any cell failed. Arguments: optional notebook name filters (e.g. "day-01") and
// "--parallel N" (default: the number of cores; each notebook pins TorchSharp to one thread).
// "--no-site" skips rendering the offline site (artifacts/site/, which needs npm the first time).
// "--write-apps" alone generates the file-based apps into artifacts/apps/ instead.
// "--write-cell-ids" alone gives every notebook cell without an id (nbformat 4.5) a new one instead.
// "--site-only" renders the site from the executed notebooks already in artifacts/notebooks/, running no notebook
// (it restores the pinned tools for docfx, which builds the API reference from the built artifacts/course/).
// "--check-page [filters]" checks the executed notebooks in artifacts/notebooks/ against their prose
// (ProseNumbers, PageRules) without running anything, and lists every problem.
// "--solved" runs the notebooks with their reference solutions (notebooks/solutions/) substituted,
// into artifacts/solved-notebooks/, and skips the site. Every run lists each exercise's result.
var layout = CourseLayout.FindFrom(Directory.GetCurrentDirectory());
if (args is ["--write-apps"])
{
    return WriteApps(layout);
}
if (args is ["--write-cell-ids"])
{
    foreach (string notebook in Directory.GetFiles(layout.Notebooks, "*.ipynb").Order())
    {
        Console.WriteLine($"{Path.GetFileName(notebook)}: {CellIds.AddMissing(notebook)} id(s) added");
    }
    return 0;
}
if (args is ["--site-only"])
{
    Step("dotnet tool restore", ProcessRunner.Run("dotnet", ["tool", "restore"], layout.Root, TimeSpan.FromMinutes(15)));
    var existing = layout.DayNotebooks().Select(n => Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(n))).Where(File.Exists);
    Console.WriteLine($"site: {CourseSite.Build(layout, existing).Count} pages, an index and the API reference ({ApiReference.Folder}/) in {layout.Site}.");
    return 0;
}
if (args.Length > 0 && args[0] == "--check-page")
{
    return CheckPage(layout, args[1..]);
}
TimeSpan setupLimit = TimeSpan.FromMinutes(15);

Step("dotnet tool restore", ProcessRunner.Run("dotnet", ["tool", "restore"], layout.Root, setupLimit));
Step("dotnet build lib/MLCourse.Notebooks", ProcessRunner.Run("dotnet", ["build", layout.NotebooksProject, "-nologo", "-v", "q"], layout.Root, setupLimit));

int parallel = Environment.ProcessorCount;
int parallelAt = Array.IndexOf(args, "--parallel");
if (parallelAt >= 0 && (parallelAt + 1 >= args.Length || !int.TryParse(args[parallelAt + 1], out parallel) || parallel < 1))
{
    Console.Error.WriteLine("--parallel needs a whole number of at least 1, e.g. --parallel 2.");
    return 2;
}
bool solved = args.Contains("--solved");
bool site = !args.Contains("--no-site") && !solved;
string[] filters = args.Where((a, i) => a != "--no-site" && a != "--solved" && (parallelAt < 0 || (i != parallelAt && i != parallelAt + 1))).ToArray();
var notebooks = layout.DayNotebooks().Where(n => filters.Length == 0 || filters.Any(a => Path.GetFileName(n).Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
if (notebooks.Count == 0)
{
    Console.Error.WriteLine($"No notebook in {layout.Notebooks} matches {string.Join(" ", filters)}.");
    return 2;
}

var clock = System.Diagnostics.Stopwatch.StartNew();
var results = new NotebookResult[notebooks.Count];
// One shared queue in day order (no chunking), so a free worker always takes the next day.
var queue = Partitioner.Create(Enumerable.Range(0, notebooks.Count), EnumerablePartitionerOptions.NoBuffering);
Parallel.ForEach(queue, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i =>
{
    Console.WriteLine($"Running {Path.GetFileName(notebooks[i])} …");
    if (solved)
    {
        results[i] = Exercises.RunSolved(layout, notebooks[i], Path.Combine(layout.Root, "artifacts", "solved-notebooks")).Result;
        return;
    }
    string executed = Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(notebooks[i]));
    string fingerprint = ExecutedNotebooks.Fingerprint(layout, notebooks[i]);   // of the inputs as the run starts
    results[i] = HeadlessRun.Run(notebooks[i], executed);
    ExecutedNotebooks.Stamp(executed, fingerprint);
});

Console.WriteLine();
int width = Math.Max(8, results.Max(r => r.Notebook.Length)) + 2;
Console.WriteLine($"{"notebook".PadRight(width)}{"cells",5}  {"status",-6} {"seconds",8}");
foreach (NotebookResult r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Notebook.PadRight(width)}{r.CodeCells,5}  {(r.Passed ? "ok" : "FAILED"),-6} {r.Elapsed.TotalSeconds,8:F1}"));
}
foreach (NotebookResult r in results.Where(r => !r.Passed))
{
    foreach (CellError e in r.Errors)
    {
        Console.Error.WriteLine($"{r.Notebook}, code cell {e.Cell}: {e.Message}");
    }
}
foreach (string notebook in notebooks)
{
    string executed = solved
        ? Path.Combine(layout.Root, "artifacts", "solved-notebooks", Path.GetFileName(notebook))
        : Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(notebook));
    if (File.Exists(executed))
    {
        foreach (ExerciseOutcome o in Exercises.Results(executed))
        {
            Console.WriteLine($"{Path.GetFileName(notebook)}, exercise {o.Id} (code cell {o.Cell}): {o.Status}: {o.Text}");
        }
    }
}
int failed = results.Count(r => !r.Passed);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Length - failed} of {results.Length} notebooks ran without error in {clock.Elapsed.TotalSeconds:F0} s ({parallel} at a time); executed notebooks are in {layout.ExecutedNotebooks}."));
if (site)
{
    var siteClock = System.Diagnostics.Stopwatch.StartNew();
    var executed = notebooks.Select(n => Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(n))).Where(File.Exists);
    var pages = CourseSite.Build(layout, executed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"site: {pages.Count} pages, an index and the API reference ({ApiReference.Folder}/) in {layout.Site} ({siteClock.Elapsed.TotalSeconds:F1} s); open index.html."));
}
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

// Lists every page problem of the executed notebooks already in artifacts/notebooks/.
static int CheckPage(CourseLayout layout, string[] filters)
{
    int problems = 0;
    foreach (string notebook in layout.DayNotebooks().Where(n => filters.Length == 0 || filters.Any(f => Path.GetFileName(n).Contains(f, StringComparison.OrdinalIgnoreCase))))
    {
        string executed = Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(notebook));
        if (!File.Exists(executed))
        {
            Console.WriteLine($"{Path.GetFileName(notebook)}: no executed notebook; run it first.");
            problems++;
            continue;
        }
        var found = PageRules.Problems(layout, notebook, executed);
        problems += found.Count;
        Console.WriteLine($"{Path.GetFileName(notebook)}: {found.Count} problem(s)");
        foreach (string problem in found)
        {
            Console.WriteLine($"  {problem}");
        }
    }
    return problems == 0 ? 0 : 1;
}

// Generates artifacts/apps/ from the notebooks, with the apps' build settings beside them.
static int WriteApps(CourseLayout layout)
{
    foreach (string app in AppConverter.WriteApps(layout))
    {
        Console.WriteLine($"wrote {Path.GetRelativePath(layout.Root, app)}");
    }
    return 0;
}
