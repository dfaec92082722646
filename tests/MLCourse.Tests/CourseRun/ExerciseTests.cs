using System.Text.RegularExpressions;
using MLCourse.CourseRunner;

namespace MLCourse.Tests.CourseRun;

/// <summary>
/// Every notebook's exercises, both ways: as committed (the placeholders) every check must report
/// "not yet" — not an error, not "passed" — and with the reference solutions from
/// <c>notebooks/solutions/</c> substituted for the exercise cells, every check must pass. So a check
/// that rejects the right answer, or accepts a placeholder, cannot land.
/// </summary>
public partial class ExerciseTests(NotebookFixture fixture) : IClassFixture<NotebookFixture>
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
        string solved = TestOutput("solved-source", notebook);
        Exercises.WriteSolved(PathOf(notebook), solutions, solved);

        // Run from notebooks/, where the notebook's relative #!import and #r paths resolve.
        var result = HeadlessRun.Run(solved, TestOutput("solved", notebook), fixture.Layout.Notebooks);
        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));

        var outcomes = Exercises.Results(TestOutput("solved", notebook));
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
