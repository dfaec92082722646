using MLCourse.CourseRunner;

namespace MLCourse.Tests.Packaging;

/// <summary>
/// Packs the two libraries once (Release, as the README's <c>dotnet pack</c> commands do) into
/// <c>artifacts/packages/</c>, and gives consumers a package cache of their own, emptied first, so
/// they always restore the packages just packed; every other package comes from the machine's cache.
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
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }
        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        ConsumerEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = cache, ["NUGET_FALLBACK_PACKAGES"] = machineCache };
    }

    public CourseLayout Layout { get; }

    /// <summary>The local folder feed the packages are written to.</summary>
    public string Feed { get; }

    /// <summary>Environment for a consumer's restore: the fresh package cache, the machine's as fallback.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment { get; }

    /// <summary>The packed file of <paramref name="id"/> (newest if several versions are there).</summary>
    public string Package(string id) =>
        Directory.GetFiles(Feed, $"{id}.*.nupkg").Where(f => char.IsDigit(Path.GetFileName(f)[id.Length + 1])).OrderByDescending(File.GetLastWriteTimeUtc).First();
}
