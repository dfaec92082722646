using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>How the runner finds exercise cells, substitutes reference solutions and reads results.</summary>
public sealed class ExerciseCellsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlcourse-exercises-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Header = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n";

    [Theory]
    [InlineData("// Exercise 1: one step", "1")]
    [InlineData("  // Exercise answers: replace", "answers")]
    [InlineData("// Exercise 2b : x", "2b")]
    [InlineData("// Exercises 1: x", null)]
    [InlineData("var x = 1; // Exercise 1: x", null)]
    public void An_exercise_cell_is_named_by_its_first_line(string firstLine, string? id)
    {
        Assert.Equal(id, Exercises.IdOf(firstLine + "\nvar y = 2;"));
    }

    [Fact]
    public void Solutions_replace_only_the_exercise_cells()
    {
        string notebook = Path.Combine(_folder, "day-99-x.ipynb");
        TestNotebook.Write(notebook,
            TestNotebook.Markdown("// Exercise 1: not code"),
            TestNotebook.Code("// Exercise 1: write f\nint F() => Exercise.Todo<int>();"),
            TestNotebook.Code("Exercise.Check(\"1\", () => Exercise.Compare(\"f\", F(), 3), \"h\");"));
        string solutions = Write("day-99-x.dib", Header + "#!csharp\n\n// Exercise 1: write f\nint F() => 3;\n");
        string solved = Path.Combine(_folder, "solved.ipynb");

        Exercises.WriteSolved(notebook, solutions, solved);

        var cells = NotebookFile.Read(solved).Cells.Select(c => c.Contents).ToList();
        Assert.Equal(["// Exercise 1: not code", "// Exercise 1: write f\nint F() => 3;", "Exercise.Check(\"1\", () => Exercise.Compare(\"f\", F(), 3), \"h\");"], cells);
        Assert.Equal(["1"], Exercises.CellIds(notebook));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(solved));
        Assert.Equal(["cell-1", "cell-2", "cell-3"], CellIds.Read(json.RootElement));
    }

    [Fact]
    public void A_missing_or_orphan_solution_or_an_unnamed_solution_cell_is_an_error()
    {
        string notebook = Path.Combine(_folder, "day-99-x.ipynb");
        TestNotebook.Write(notebook, TestNotebook.Code("// Exercise 1: write f\nint F() => 0;"));
        string none = Write("none.dib", Header + "#!csharp\n\n// Exercise 2: other\nint G() => 1;\n");
        string unnamed = Write("unnamed.dib", Header + "#!csharp\n\nint F() => 3;\n");

        var missing = Assert.Throws<InvalidOperationException>(() => Exercises.WriteSolved(notebook, none, Path.Combine(_folder, "o.ipynb")));
        var format = Assert.Throws<FormatException>(() => Exercises.ReadSolutions(unnamed));

        Assert.Equal($"day-99-x.ipynb: exercise cell 1 has no solution in {none}.", missing.Message);
        Assert.Equal($"{unnamed}: C# cell 1 should start with '// Exercise ID: …', got 'int F() => 3;'.", format.Message);
    }

    [Fact]
    public void Results_are_read_from_the_displayed_boxes()
    {
        string executed = Path.Combine(_folder, "executed.ipynb");
        string box = "<div class=\\\"mlcourse-exercise\\\" data-exercise=\\\"2\\\" data-status=\\\"wrong\\\">✘ Exercise 2 — not right yet: a &lt; b</div>";
        TestNotebook.Write(executed,
            TestNotebook.Code("1", 1, "{\"output_type\": \"display_data\", \"data\": {\"text/html\": [\"" + box + "\"]}, \"metadata\": {}}"));

        Assert.Equal([new ExerciseOutcome("2", "wrong", 1, "✘ Exercise 2 — not right yet: a < b")], Exercises.Results(executed));
    }

    [Fact]
    public void A_boxs_folded_hints_are_read_as_the_text_prints_them()
    {
        string executed = Path.Combine(_folder, "folded.ipynb");
        string box = "<div class=\\\"mlcourse-exercise\\\" data-exercise=\\\"1\\\" data-status=\\\"pending\\\">✎ Exercise 1 — not yet: try."
            + "<details><summary>Hint</summary>a &lt; b</details></div>";
        TestNotebook.Write(executed,
            TestNotebook.Code("1", 1, "{\"output_type\": \"display_data\", \"data\": {\"text/html\": [\"" + box + "\"]}, \"metadata\": {}}"));

        Assert.Equal([new ExerciseOutcome("1", "pending", 1, "✎ Exercise 1 — not yet: try. Hint: a < b")], Exercises.Results(executed));
    }
}
