using MLCourse.CourseRunner;

namespace MLCourse.Tests.CourseRun;

/// <summary>The runner's reading of notebooks: errors are found and named by cell.</summary>
public sealed class NotebookFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.ipynb");

    public void Dispose() => File.Delete(_path);

    private const string Metadata = """
        "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                     "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
        "nbformat": 4, "nbformat_minor": 5
        """;

    private static string Cell(string outputs, int? count = null) =>
        $$$"""{"cell_type": "code", "execution_count": {{{count?.ToString() ?? "null"}}}, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [{{{outputs}}}], "source": ["1 + 1"]}""";

    [Fact]
    public void Errors_and_standard_error_output_are_reported_with_their_cell()
    {
        File.WriteAllText(_path, $$"""
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
              {{Cell("")}},
              {{Cell("""{"output_type": "error", "ename": "Error", "evalue": "CS0103: boom", "traceback": []}""", 1)}},
              {{Cell("""{"output_type": "stream", "name": "stderr", "text": ["warning\n"]}""", 2)}}
            ], {{Metadata}}}
            """);

        var file = NotebookFile.Read(_path);

        Assert.Equal(3, file.CodeCells.Count);
        Assert.Equal([new CellError(2, "Error: CS0103: boom"), new CellError(3, "stderr: warning")], file.Errors());
        Assert.Equal(["code cell 2 has 1 output(s)", "code cell 2 has execution count 1", "code cell 3 has 1 output(s)", "code cell 3 has execution count 2"], file.CommitProblems());
    }

    [Fact]
    public void A_clean_notebook_with_the_CSharp_kernel_has_no_commit_problems()
    {
        File.WriteAllText(_path, $$"""{"cells": [{{Cell("")}}], {{Metadata}}}""");

        Assert.Empty(NotebookFile.Read(_path).CommitProblems());
    }
}
