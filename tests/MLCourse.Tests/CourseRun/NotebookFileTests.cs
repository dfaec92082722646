using MLCourse.CourseRunner;

namespace MLCourse.Tests.CourseRun;

/// <summary>The runner's reading of notebooks: errors are found and named by cell.</summary>
public sealed class NotebookFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.ipynb");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Errors_and_standard_error_output_are_reported_with_their_cell()
    {
        TestNotebook.Write(_path,
            TestNotebook.Markdown("# Title"),
            TestNotebook.Code("1 + 1"),
            TestNotebook.Code("1 + 1", 1, """{"output_type": "error", "ename": "Error", "evalue": "CS0103: boom", "traceback": []}"""),
            TestNotebook.Code("1 + 1", 2, """{"output_type": "stream", "name": "stderr", "text": ["warning\n"]}"""));

        var file = NotebookFile.Read(_path);

        Assert.Equal(3, file.CodeCells.Count);
        Assert.Equal([new CellError(2, "Error: CS0103: boom"), new CellError(3, "stderr: warning")], file.Errors());
        Assert.Equal(["code cell 2 has 1 output(s)", "code cell 2 has execution count 1", "code cell 3 has 1 output(s)", "code cell 3 has execution count 2"], file.CommitProblems());
    }

    [Fact]
    public void A_clean_notebook_with_the_CSharp_kernel_has_no_commit_problems()
    {
        TestNotebook.Write(_path, TestNotebook.Code("1 + 1"));

        Assert.Empty(NotebookFile.Read(_path).CommitProblems());
    }
}
