namespace MLCourse.CourseRunner;

/// <summary>
/// Runs one notebook headless with <c>dotnet repl</c> (the version pinned in
/// <c>.config/dotnet-tools.json</c>) and reports every cell that failed.
/// </summary>
public static class HeadlessRun
{
    /// <summary>The longest a single notebook may run.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <paramref name="notebook"/> from its own folder, or from <paramref name="workingDirectory"/>
    /// (dotnet repl resolves relative <c>#r</c> and <c>#!import</c> paths against its working
    /// directory), and writes the executed notebook to <paramref name="outputPath"/> and the tool's
    /// console output beside it (<c>.log</c>).
    /// </summary>
    public static NotebookResult Run(string notebook, string outputPath, string? workingDirectory = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        File.Delete(outputPath);
        ProcessRunner.Result result = ProcessRunner.Run(
            "dotnet",
            ["tool", "run", "dotnet-repl", "--run", Path.GetFullPath(notebook), "--exit-after-run", "--output-path", Path.GetFullPath(outputPath)],
            workingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(notebook))!,
            TimeLimit);
        File.WriteAllText(Path.ChangeExtension(outputPath, ".log"), result.Output);
        string name = Path.GetFileName(notebook);
        if (!File.Exists(outputPath))
        {
            string problem = $"dotnet repl exited with code {result.ExitCode} and wrote no notebook: {Tail(result.Output)}";
            return new NotebookResult(name, 0, result.Elapsed, [new CellError(0, problem)]);
        }
        NotebookFile executed = NotebookFile.Read(outputPath);
        var errors = executed.Errors().ToList();
        if (result.ExitCode != 0 && errors.Count == 0)
        {
            errors.Add(new CellError(0, $"dotnet repl exited with code {result.ExitCode}: {Tail(result.Output)}"));
        }
        return new NotebookResult(name, executed.CodeCells.Count, result.Elapsed, errors);
    }

    private static string Tail(string output)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }
}

/// <summary>The outcome of one headless notebook run.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="CodeCells">How many code cells it has.</param>
/// <param name="Elapsed">Wall-clock time of the run, tool start included.</param>
/// <param name="Errors">Every error; empty when the run passed.</param>
public sealed record NotebookResult(string Notebook, int CodeCells, TimeSpan Elapsed, IReadOnlyList<CellError> Errors)
{
    /// <summary>Whether every cell ran without error.</summary>
    public bool Passed => Errors.Count == 0;
}
