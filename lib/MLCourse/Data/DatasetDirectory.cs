using MLCourse.Errors;

namespace MLCourse.Data;

/// <summary>
/// Finds the course's <c>datasets/</c> folder: the <c>MLCOURSE_DATASETS</c> environment variable
/// if set, else a <c>datasets</c> folder holding <c>README.md</c> in the current directory or any
/// parent, else the same search upward from the library's own location.
/// </summary>
/// <remarks>Introduced in notebook day 01; every loader of <see cref="Datasets"/> uses it.</remarks>
public static class DatasetDirectory
{
    /// <summary>The environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "MLCOURSE_DATASETS";

    /// <summary>The full path of <paramref name="fileName"/> inside the datasets folder.</summary>
    /// <exception cref="FileNotFoundException">No folder holds the file; the message lists every path
    /// searched.</exception>
    public static string PathOf(string fileName) =>
        PathOf(Require.NotNull("DatasetDirectory", nameof(fileName), fileName), CandidateFolders());

    /// <summary>The first of <paramref name="folders"/> that holds <paramref name="fileName"/>.</summary>
    internal static string PathOf(string fileName, IEnumerable<string> folders)
    {
        var searched = new List<string>();
        foreach (string folder in folders)
        {
            string path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                return path;
            }
            searched.Add(path);
        }
        throw new FileNotFoundException(
            $"Datasets: {fileName} was not found. Searched: {string.Join(", ", searched)}. " +
            $"Run from inside the course repository or set {EnvironmentVariable} to its datasets folder.",
            fileName);
    }

    private static IEnumerable<string> CandidateFolders()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return Path.GetFullPath(fromEnvironment);
            yield break;
        }
        var seen = new HashSet<string>();
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "datasets");
                if (File.Exists(Path.Combine(candidate, "README.md")) && seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }
        if (seen.Count == 0)
        {
            yield return Path.Combine(Directory.GetCurrentDirectory(), "datasets");
        }
    }
}
