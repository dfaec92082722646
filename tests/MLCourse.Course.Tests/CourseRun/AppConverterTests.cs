using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// The notebook → file-based app converter: its rules on small notebooks, an app
/// generated for every notebook, and one generated app run end to end with <c>dotnet run</c>.
/// </summary>
public sealed class AppConverterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlcourse-apps-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);

    private string Notebook(params string[] cells)
    {
        string path = Path.Combine(_folder, "day-99-test.ipynb");
        TestNotebook.Write(path, cells);
        return path;
    }

    [Fact]
    public void A_cells_final_value_is_shown_and_earlier_statements_are_kept()
    {
        string app = AppConverter.Convert(Notebook(TestNotebook.Code("var x = 2;\nx * 21")));

        Assert.Contains("var x = 2;\nDisplay.Show(x * 21);\n", app);
    }

    [Fact]
    public void A_cell_ending_in_a_statement_is_left_as_it_is()
    {
        string app = AppConverter.Convert(Notebook(TestNotebook.Code("Console.WriteLine(1);")));

        Assert.Contains("\nConsole.WriteLine(1);\n", app);
        Assert.DoesNotContain("Show(Console", app);
    }

    [Fact]
    public void Markdown_becomes_comments_and_usings_move_to_the_top()
    {
        string app = AppConverter.Convert(Notebook(TestNotebook.Markdown("# Title\n\nSome $x^2$ text"), TestNotebook.Code("using System.Text;\nvar b = new StringBuilder();")));

        Assert.Contains("// # Title\n//\n// Some $x^2$ text\n", app);
        Assert.True(app.IndexOf("using System.Text;", StringComparison.Ordinal) < app.IndexOf("// # Title", StringComparison.Ordinal));
        Assert.Contains("\nvar b = new StringBuilder();\n", app);
        Assert.Contains("using static MLCourse.Notebooks.Display;", app);
    }

    [Fact]
    public void A_NuGet_reference_becomes_a_package_directive()
    {
        string app = AppConverter.Convert(Notebook(TestNotebook.Code("#r \"nuget: Humanizer.Core, 2.14.1\"\n1")));

        Assert.Contains("\n#:package Humanizer.Core@2.14.1\n", app);
        Assert.DoesNotContain("#r", app);
    }

    [Fact]
    public void The_course_setup_is_inlined_as_one_project_reference()
    {
        File.Copy(Path.Combine(Layout.Notebooks, "course.dib"), Path.Combine(_folder, "course.dib"));

        string app = AppConverter.Convert(Notebook(TestNotebook.Code("#!import course.dib"), TestNotebook.Code("1")));

        Assert.Single(app.Split('\n'), line => line == "#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj");
        Assert.Contains("\nusing MLCourse.Notebooks;\n", app);
        Assert.Contains("\nCourse.Load();\n", app);
    }

    [Fact]
    public void An_unsupported_magic_command_is_an_error_naming_the_cell()
    {
        var error = Assert.Throws<NotSupportedException>(() => AppConverter.Convert(Notebook(TestNotebook.Markdown("# Title"), TestNotebook.Code("#!time\n1"))));

        Assert.Equal("day-99-test.ipynb, cell 2: '#!time' has no file-based-app equivalent (expected #!import, #r \"nuget: X, v\" or #r of artifacts/course/).", error.Message);
    }

    [Fact]
    public void A_type_declared_in_a_cell_moves_after_every_statement()
    {
        string app = AppConverter.Convert(Notebook(
            TestNotebook.Code("record Point(int X);\nvar p = new Point(1);"),
            TestNotebook.Code("int Twice(int x) => 2 * x;\nTwice(p.X)")));

        Assert.Contains("\nvar p = new Point(1);\n", app);
        Assert.Contains("\nint Twice(int x) => 2 * x;\nDisplay.Show(Twice(p.X));\n", app);
        Assert.EndsWith("\nrecord Point(int X);\n", app);
        Assert.Equal(1, app.Split("record Point").Length - 1);
    }

    [Fact]
    public void A_name_a_later_cell_declares_again_is_renamed_from_there_on()
    {
        string app = AppConverter.Convert(Notebook(
            TestNotebook.Code("var w = 1;\nvar u = w + 1;"),
            TestNotebook.Code("var w = w * 10;\nConsole.WriteLine(w + u);\nvar f = (int w) => w;"),
            TestNotebook.Code("w + obj.w + f(w)")));

        Assert.Contains("\nvar w = 1;\nvar u = w + 1;\n", app);
        // the old w on the right of its own redeclaration; a lambda's own w and a member named w untouched
        Assert.Contains("\nvar w_2 = w * 10;\nConsole.WriteLine(w_2 + u);\nvar f = (int w) => w;\n", app);
        Assert.Contains("\nDisplay.Show(w_2 + obj.w + f(w_2));\n", app);
    }

    [Fact]
    public void A_block_local_that_clashes_with_a_top_level_name_is_renamed_within_its_block()
    {
        string app = AppConverter.Convert(Notebook(
            TestNotebook.Code("for (int i = 0; i < 2; i++)\n{\n    var z = i * 2;\n    Console.WriteLine(z);\n}"),
            TestNotebook.Code("double z = 0.5;\nint i = 3;\nz + i")));

        Assert.Contains("for (int i_inner = 0; i_inner < 2; i_inner++)\n{\n    var z_inner = i_inner * 2;\n"
            + "    Console.WriteLine(z_inner);\n}", app);
        Assert.Contains("\ndouble z = 0.5;\nint i = 3;\nDisplay.Show(z + i);\n", app);
    }

    [Fact]
    public void A_cells_own_Show_function_does_not_hide_the_display()
    {
        string app = AppConverter.Convert(Notebook(
            TestNotebook.Code("string Show(int[] ids) => string.Join(' ', ids);"),
            TestNotebook.Code("Show([1, 2])")));

        Assert.Contains("\nDisplay.Show(Show([1, 2]));\n", app);
    }

    [Theory]
    [MemberData(nameof(NotebookFixture.Notebooks), MemberType = typeof(NotebookFixture))]
    public void Every_notebook_converts_to_an_app_that_references_the_course(string notebook)
    {
        string app = AppConverter.Convert(Path.Combine(Layout.Notebooks, notebook));

        Assert.Contains("\n#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj\n", app);
        Assert.Contains($"dotnet run artifacts/apps/{Path.ChangeExtension(notebook, ".cs")}", app);
    }

    [Fact]
    public void A_generated_app_runs_end_to_end_with_dotnet_run()
    {
        var written = AppConverter.WriteApps(Layout);   // as `--write-apps` does: every day, into artifacts/apps/
        string app = Layout.AppFor(Path.Combine(Layout.Notebooks, "day-02-tensors.ipynb"));
        Assert.Equal(Layout.DayNotebooks().Count, written.Count);
        Assert.True(File.Exists(Path.Combine(Layout.Apps, "Directory.Build.props")));

        var run = ProcessRunner.Run("dotnet", ["run", app], Layout.Root, TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("✔ the tensor holds exactly the vector's numbers", run.Output);
        Assert.Contains("Tensor rank 0, shape (), Float64", run.Output);
        Assert.Matches(@"\[chart written to .*day-02-tensors[/\\]chart-01\.html\]", run.Output);
        Assert.True(File.Exists(Path.Combine(Layout.Root, "artifacts", "apps", "day-02-tensors", "plotly.min.js")));
        // artifacts/apps/Directory.Build.props (from tools/MLCourse.CourseRunner/Apps.Directory.Build.props): every day builds into one shared folder, with this
        // platform's TorchSharp natives only (flat, no runtimes/<rid>/ folder per platform).
        string shared = Path.Combine(Layout.Root, "artifacts", "apps-bin");
        Assert.True(File.Exists(Path.Combine(shared, "day-02-tensors.dll")), $"day-02-tensors.dll is not in {shared}");
        Assert.False(Directory.Exists(Path.Combine(shared, "runtimes")), $"{shared} holds natives for other platforms");
    }
}
