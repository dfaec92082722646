using System.Text.RegularExpressions;
using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// Every notebook's exercises, both ways: as committed (the placeholders) every check must report
/// "not yet" — not an error, not "passed" — and with the reference solutions from
/// <c>notebooks/solutions/</c> substituted for the exercise cells, every check must pass. So a check
/// that rejects the right answer, or accepts a placeholder, cannot land.
/// </summary>
public partial class ExerciseTests(NotebookFixture fixture, SolvedNotebooksFixture solved)
    : IClassFixture<NotebookFixture>, IClassFixture<SolvedNotebooksFixture>
{
    private string PathOf(string notebook) => Path.Combine(fixture.Layout.Notebooks, notebook);

    // A day rewritten to the exercise kinds (Exercise.Check/Predict/Recall) has at least 3 exercises;
    // a day not rewritten yet keeps its legacy answer cell checked by Claims.Exercise, with 1 or more.
    private int MinimumResults(string notebook) =>
        NotebookFile.Read(PathOf(notebook)).CodeCells.Any(c => ExerciseKindCall().IsMatch(c.Contents)) ? 3 : 1;

    [GeneratedRegex(@"\bExercise\.(Check|Predict|Recall)\(")]
    private static partial Regex ExerciseKindCall();

    private string TestOutput(string run, string notebook) => Path.Combine(fixture.Layout.Root, "artifacts", "test-notebooks", run, notebook);

    public static TheoryData<string> NotebooksWithExercises()
    {
        var data = new TheoryData<string>();
        foreach (string path in CourseLayout.FindFrom(AppContext.BaseDirectory).DayNotebooks().Where(p => Exercises.CellIds(p).Count > 0))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NotebooksWithExercises))]
    public void As_committed_every_exercise_says_not_yet(string notebook)
    {
        var (result, executed, _) = ExecutedNotebooks.ReuseOrRun(fixture.Layout, PathOf(notebook), TestOutput("run", notebook));
        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));

        var outcomes = Exercises.Results(executed);

        int minimum = MinimumResults(notebook);
        Assert.True(outcomes.Count >= minimum, $"{notebook} reports {outcomes.Count} exercise results; it should have at least {minimum}.");
        Assert.All(outcomes, o => Assert.True(o.Status == "pending", $"exercise {o.Id} (code cell {o.Cell}) should say 'not yet' with the placeholders, but says: {o.Text}"));
    }

    [Theory]
    [MemberData(nameof(NotebooksWithExercises))]
    public void With_the_reference_solutions_every_exercise_passes(string notebook)
    {
        string solutions = Exercises.SolutionsPath(fixture.Layout, PathOf(notebook));
        Assert.True(File.Exists(solutions), $"{notebook} has exercise cells but no solutions file {Path.GetRelativePath(fixture.Layout.Root, solutions)}.");
        var (result, executed) = solved.Runs.Value[notebook];   // run with the others, as many at a time as there are cores
        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));

        var outcomes = Exercises.Results(executed);
        int minimum = MinimumResults(notebook);
        Assert.True(outcomes.Count >= minimum, $"{notebook} with solutions reports {outcomes.Count} exercise results; it should have at least {minimum}.");
        Assert.All(outcomes, o => Assert.True(o.Status == "passed", $"exercise {o.Id} (code cell {o.Cell}) should pass with its reference solution, but says: {o.Text}"));
    }

    [Fact]
    public void Every_solutions_file_belongs_to_a_notebook()
    {
        string folder = Path.Combine(fixture.Layout.Notebooks, "solutions");
        var notebooks = fixture.Layout.DayNotebooks().Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(Directory.GetFiles(folder, "*.dib"), f => Assert.Contains(Path.GetFileNameWithoutExtension(f), notebooks));
    }
}

/// <summary>
/// Runs every notebook that has exercise cells and a solutions file with its reference solutions
/// substituted, the first time a test asks, as many at a time as the machine has cores (as the
/// course run does: each notebook pins TorchSharp to one thread).
/// </summary>
public sealed class SolvedNotebooksFixture
{
    public SolvedNotebooksFixture()
    {
        var layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
        Runs = new Lazy<IReadOnlyDictionary<string, (NotebookResult Result, string Executed)>>(() => RunAll(layout));
    }

    /// <summary>Each solved notebook's run and executed file, by notebook file name.</summary>
    public Lazy<IReadOnlyDictionary<string, (NotebookResult Result, string Executed)>> Runs { get; }

    private static IReadOnlyDictionary<string, (NotebookResult, string)> RunAll(CourseLayout layout)
    {
        var notebooks = layout.DayNotebooks()
            .Where(p => Exercises.CellIds(p).Count > 0 && File.Exists(Exercises.SolutionsPath(layout, p))).ToList();
        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, (NotebookResult, string)>();
        Parallel.ForEach(notebooks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, notebook =>
            runs[Path.GetFileName(notebook)] = Exercises.RunSolved(layout, notebook, Path.Combine(layout.Root, "artifacts", "test-notebooks", "solved")));
        return runs;
    }
}
