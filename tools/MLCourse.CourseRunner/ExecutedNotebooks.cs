using System.Security.Cryptography;

namespace MLCourse.CourseRunner;

/// <summary>
/// Lets the tests reuse the course run's executed notebooks instead of running every notebook a
/// second time. The course run writes, beside each executed notebook, a fingerprint of everything
/// the run depended on: the notebook, the shared setup (<c>course.dib</c>), the course libraries'
/// sources and build settings, and the data sets. A test reuses the executed notebook only while the fingerprint still matches;
/// otherwise it runs the notebook itself.
/// </summary>
public static class ExecutedNotebooks
{
    private const string Extension = ".fingerprint";

    /// <summary>The fingerprint of what a run of <paramref name="notebookPath"/> depends on now.</summary>
    public static string Fingerprint(CourseLayout layout, string notebookPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IEnumerable<string> inputs = new[] { notebookPath, Path.Combine(layout.Notebooks, "course.dib") }
            .Concat(new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }.Select(f => Path.Combine(layout.Root, f)).Where(File.Exists))
            .Concat(Sources(Path.Combine(layout.Root, "lib")))
            .Concat(Directory.GetFiles(Path.Combine(layout.Notebooks, "solutions"), "*.json").Order(StringComparer.Ordinal))   // the hints a check shows
            .Concat(Directory.GetFiles(Path.Combine(layout.Root, "datasets"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        foreach (string file in inputs)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(layout.Root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // The libraries' source files, not their build output: a rebuild of the same sources by another
    // build (the solution's, for the tests) writes assemblies that differ in bytes but not in behaviour.
    private static IEnumerable<string> Sources(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="executedPath"/> was run with the inputs whose fingerprint is <paramref name="fingerprint"/>.</summary>
    public static void Stamp(string executedPath, string fingerprint) => File.WriteAllText(executedPath + Extension, fingerprint);

    /// <summary>
    /// The course run's executed copy of <paramref name="notebookPath"/> when its fingerprint matches
    /// the inputs as they are now; otherwise runs the notebook into <paramref name="fallbackPath"/>.
    /// </summary>
    /// <returns>The run's result, the executed notebook's path, and whether it was reused.</returns>
    public static (NotebookResult Result, string ExecutedPath, bool Reused) ReuseOrRun(CourseLayout layout, string notebookPath, string fallbackPath)
    {
        string executed = Path.Combine(layout.ExecutedNotebooks, Path.GetFileName(notebookPath));
        string stamp = executed + Extension;
        if (File.Exists(executed) && File.Exists(stamp) && File.ReadAllText(stamp) == Fingerprint(layout, notebookPath))
        {
            NotebookFile file = NotebookFile.Read(executed);
            return (new NotebookResult(Path.GetFileName(notebookPath), file.CodeCells.Count, TimeSpan.Zero, file.Errors()), executed, true);
        }
        return (HeadlessRun.Run(notebookPath, fallbackPath), fallbackPath, false);
    }
}
