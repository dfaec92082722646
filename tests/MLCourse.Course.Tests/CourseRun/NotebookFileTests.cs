using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

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

    [Fact]
    public void Missing_invalid_and_repeated_cell_ids_are_commit_problems()
    {
        TestNotebook.WriteWithoutIds(_path,
            TestNotebook.Markdown("# Title"),
            TestNotebook.WithId(TestNotebook.Code("1"), "a b"),
            TestNotebook.WithId(TestNotebook.Code("2"), new string('x', 65)),
            TestNotebook.WithId(TestNotebook.Code("3"), "ok-1_A"),
            TestNotebook.WithId(TestNotebook.Code("4"), "ok-1_A"));

        Assert.Equal(
            [
                "cell 1 has no id (nbformat 4.5 requires one; `dotnet run --project tools/MLCourse.CourseRunner -- --write-cell-ids` adds them)",
                "cell 2 has id 'a b', expected 1 to 64 characters of [a-zA-Z0-9-_]",
                $"cell 3 has id '{new string('x', 65)}', expected 1 to 64 characters of [a-zA-Z0-9-_]",
                "cell 5 has id 'ok-1_A', already the id of cell 4",
            ],
            NotebookFile.Read(_path).CommitProblems());
    }

    [Fact]
    public void Adding_missing_cell_ids_changes_only_those_cells_and_keeps_the_rest_of_the_file()
    {
        string original = """
            {
             "cells": [
              {
               "cell_type": "markdown",
               "metadata": {},
               "source": [
                "   \"metadata\": in a source line"
               ]
              },
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "kept",
               "metadata": {},
               "outputs": [],
               "source": []
              }
             ],
             "metadata": {},
             "nbformat": 4,
             "nbformat_minor": 5
            }

            """;
        File.WriteAllText(_path, original);

        Assert.Equal(1, CellIds.AddMissing(_path));
        Assert.Equal(0, CellIds.AddMissing(_path));

        string[] added = File.ReadAllLines(_path).Except(original.Split('\n')).ToArray();
        Assert.Matches("^   \"id\": \"[0-9a-f]{8}\",$", Assert.Single(added));
        Assert.Equal(original.Split('\n').Length + 1, File.ReadAllText(_path).Split('\n').Length);
        Assert.Empty(CellIds.Problems(CellIds.Read(System.Text.Json.JsonDocument.Parse(File.ReadAllText(_path)).RootElement)));
    }

    [Fact]
    public void Outputs_that_load_from_a_CDN_are_found_and_the_course_inline_plotly_is_not()
    {
        string requireChart = "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"text/html\": "
            + "[\"<script>requirejs.config({paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}})</script>\"]}}";
        string inline = "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"text/html\": "
            + "[\"<script type=\\\"text/javascript\\\" data-mlcourse-plotly>x={topojsonURL:'https://cdn.plot.ly/'}</script>"
            + "<script src=\\\"https://cdn.jsdelivr.net/npm/katex\\\"></script>\"]}}";
        TestNotebook.Write(_path, TestNotebook.Code("chart", 1, requireChart), TestNotebook.Code("more", 2, inline));

        Assert.Equal(["code cell 1: https://cdn.plot.ly/plotly-2.28.0.min", "code cell 2: https://cdn.jsdelivr.net/npm/katex"],
            NotebookFile.Read(_path).CdnReferences());
    }
}
