using System.Text.RegularExpressions;
using MLCourse.CourseRunner;
using MLCourse.Persistence;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// A shipped checkpoint is loaded into the class its notebook defines, so that class must be the one the
/// training program trained: the program's copy (<c>tools/MLCourse.Checkpoints/Models/*.cs</c>, without its
/// usings and namespace) must appear, whitespace aside, in one code cell of the notebook, which must load the
/// checkpoint by name.
/// </summary>
public sealed partial class CheckpointClassTests
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (CheckpointInfo info in Checkpoints.List())
        {
            data.Add(info.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_notebook_defines_the_training_programs_class_and_loads_the_checkpoint(string name)
    {
        CheckpointInfo info = Checkpoints.Info(name);
        Assert.NotNull(info.Source);
        Assert.NotNull(info.Notebook);
        string source = File.ReadAllText(Path.Combine(Layout.Root, info.Source));
        string classText = Normalize(string.Join('\n', source.Split('\n')
            .Where(line => !line.StartsWith("using ", StringComparison.Ordinal)
                           && !line.StartsWith("namespace ", StringComparison.Ordinal))));
        string notebook = Path.Combine(Layout.Notebooks, info.Notebook + ".ipynb");
        Assert.True(File.Exists(notebook), $"{name}: the manifest's notebook {notebook} does not exist");
        string[] cells = NotebookFile.Read(notebook).CodeCells
            .Select(c => Normalize(((Microsoft.DotNet.Interactive.Documents.InteractiveDocumentElement)c).Contents))
            .ToArray();

        string? defining = cells.FirstOrDefault(c => c.Contains(classText, StringComparison.Ordinal));
        if (defining is null)
        {
            string declaration = $"class {info.Model}";
            string? closest = cells.FirstOrDefault(c => c.Contains(declaration, StringComparison.Ordinal));
            Assert.Fail(closest is null
                ? $"{name}: no code cell of {info.Notebook} declares `{declaration}`"
                : $"{name}: {info.Notebook}'s `{declaration}` differs from {info.Source}: {FirstDifference(classText, closest)}");
        }
        Assert.Contains(cells, c => c.Contains($"Checkpoints.Load(", StringComparison.Ordinal)
                                    && c.Contains($"\"{name}\"", StringComparison.Ordinal));
    }

    /// <summary>Where the class text stops matching the cell that declares the class, with context from both.</summary>
    private static string FirstDifference(string classText, string cell)
    {
        int start = cell.IndexOf(classText[..Math.Min(40, classText.Length)], StringComparison.Ordinal);
        if (start < 0)
        {
            return "the first 40 characters of the program's class do not appear in the cell";
        }
        int i = 0;
        while (i < classText.Length && start + i < cell.Length && classText[i] == cell[start + i])
        {
            i++;
        }
        string Around(string text, int at) => text.Substring(Math.Max(0, at - 30), Math.Min(70, text.Length - Math.Max(0, at - 30)));
        return $"after {i} matching characters the program has «{Around(classText, i)}» and the notebook «{Around(cell, start + i)}»";
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
