using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.Packaging;

/// <summary>
/// Packs the two libraries once (Release, as the README's <c>dotnet pack</c> commands do) into
/// <c>artifacts/packages/</c>, and gives consumers a package cache of their own,
/// <c>artifacts/package-cache/</c>, with no fallback to the machine's: a copy of MLCourse 0.1.0 that
/// the README's sample command left in <c>~/.nuget/packages</c> can never stand in for the one just
/// packed. The course's packages are removed from that cache first, so they are always restored
/// from the feed; the others stay between runs (the first run downloads them, about 1 GB unpacked).
/// </summary>
public sealed class PackageFixture
{
    public PackageFixture()
    {
        Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
        Feed = Path.Combine(Layout.Root, "artifacts", "packages");
        foreach (string project in new[] { "MLCourse", "MLCourse.Notebooks" })
        {
            var pack = ProcessRunner.Run("dotnet", ["pack", Path.Combine(Layout.Root, "lib", project), "-c", "Release", "-nologo", "-v", "q"], Layout.Root, TimeSpan.FromMinutes(10));
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack lib/{project} failed: {pack.Output}");
            }
        }
        string cache = Path.Combine(Layout.Root, "artifacts", "package-cache");
        foreach (string id in new[] { "mlcourse", "mlcourse.notebooks" }.Select(id => Path.Combine(cache, id)).Where(Directory.Exists))
        {
            Directory.Delete(id, recursive: true);
        }
        // NUGET_FALLBACK_PACKAGES empty, so a fallback folder set in this process's environment is not passed on.
        ConsumerEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = cache, ["NUGET_FALLBACK_PACKAGES"] = "" };
    }

    public CourseLayout Layout { get; }

    /// <summary>The local folder feed the packages are written to.</summary>
    public string Feed { get; }

    /// <summary>Environment for a consumer's restore: the tests' own package cache and no fallback folder.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment { get; }

    /// <summary>The packed file of <paramref name="id"/> (newest if several versions are there).</summary>
    public string Package(string id) =>
        Directory.GetFiles(Feed, $"{id}.*.nupkg").Where(f => char.IsDigit(Path.GetFileName(f)[id.Length + 1])).OrderByDescending(File.GetLastWriteTimeUtc).First();
}
