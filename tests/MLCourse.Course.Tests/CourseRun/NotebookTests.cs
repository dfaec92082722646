using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// Every notebook runs headless with no error, is committed clean, and gives the same outputs
/// when run twice (that one runs twice here, whatever the course run did). These run one at a time (one class), as each starts its own kernel.
/// </summary>
public class NotebookTests(NotebookFixture fixture) : IClassFixture<NotebookFixture>
{
    private string PathOf(string notebook) => Path.Combine(fixture.Layout.Notebooks, notebook);

    private string OutputOf(string notebook, string run) =>
        Path.Combine(fixture.Layout.Root, "artifacts", "test-notebooks", run, notebook);

    [Fact]
    public void The_course_has_notebooks()
    {
        Assert.NotEmpty(NotebookFixture.Notebooks());
    }

    // Reuses the course run's executed notebook (README command 1, which CI runs first) while its
    // inputs are unchanged; runs the notebook itself otherwise.
    [Theory]
    [MemberData(nameof(NotebookFixture.Notebooks), MemberType = typeof(NotebookFixture))]
    public void Runs_headless_without_error(string notebook)
    {
        var (result, _, _) = ExecutedNotebooks.ReuseOrRun(fixture.Layout, PathOf(notebook), OutputOf(notebook, "run"));

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));
        Assert.True(result.CodeCells > 0);
    }

    // Charts must draw offline in VS Code and dotnet repl, as the site does.
    [Theory]
    [MemberData(nameof(NotebookFixture.Notebooks), MemberType = typeof(NotebookFixture))]
    public void The_executed_notebook_loads_nothing_from_a_CDN(string notebook)
    {
        var (_, executed, _) = ExecutedNotebooks.ReuseOrRun(fixture.Layout, PathOf(notebook), OutputOf(notebook, "run"));

        Assert.Empty(NotebookFile.Read(executed).CdnReferences());
    }

    [Theory]
    [MemberData(nameof(NotebookFixture.Notebooks), MemberType = typeof(NotebookFixture))]
    public void Is_committed_without_outputs_and_with_the_CSharp_kernel(string notebook)
    {
        Assert.Empty(NotebookFile.Read(PathOf(notebook)).CommitProblems());
    }

    [Fact]
    public void A_notebook_run_twice_gives_the_same_outputs()
    {
        const string notebook = "day-01-batch-vs-online-learning.ipynb";
        var first = HeadlessRun.Run(PathOf(notebook), OutputOf(notebook, "first"));
        var second = HeadlessRun.Run(PathOf(notebook), OutputOf(notebook, "second"));
        Assert.True(first.Passed && second.Passed);

        var a = NotebookFile.Read(OutputOf(notebook, "first")).NormalizedOutputs();
        var b = NotebookFile.Read(OutputOf(notebook, "second")).NormalizedOutputs();

        Assert.Equal(a, b);
        Assert.Contains(a, output => output.Contains("Plotly chart"));   // charts are part of what is compared
    }
}
