using MLCourse.Build;
using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.Build;

/// <summary>
/// The libstdc++ patch's switch and its end: <c>MLCourseWeakenLibStdCxx=false</c> leaves the copy in
/// the output as TorchSharp ships it, and a test fails on the TorchSharp upgrade that makes the patch
/// unnecessary (see the end condition in <c>lib/MLCourse/build/MLCourse.targets</c>).
/// </summary>
public class LibStdCxxPatchEndTests
{
    /// <summary>The newest GLIBCXX of the GCC 12 libstdc++ in Debian 12 and Ubuntu 22.04.</summary>
    private static readonly Version OldestSupportedLibStdCxx = new(3, 4, 30);

    private static Version GlibCxx(string version) => Version.Parse(version["GLIBCXX_".Length..]);

    [Fact]
    public void The_patch_is_still_needed()
    {
        Version[] needed = ElfVersions.Needs(ElfVersionsTests.PristineLibTorchSharp())
            .Where(n => n.Version.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .Select(n => GlibCxx(n.Version)).ToArray();
        Version newest = needed.Max()!;

        Assert.True(newest > OldestSupportedLibStdCxx,
            $"TorchSharp's libLibTorchSharp.so now needs GLIBCXX_{newest} at most, which Debian 12 and Ubuntu 22.04 "
            + "provide: the libstdc++ patch has reached its end condition; remove lib/MLCourse/build/ and its "
            + "references as MLCourse.targets says.");
        // The patch weakens exactly one version: if a newer one appears too, weakening 3.4.32 is not enough.
        Assert.Equal([new Version(3, 4, 32)], needed.Where(v => v > OldestSupportedLibStdCxx).Distinct());
    }
}

/// <summary>
/// Builds a small console program that references TorchSharp inside the repository (so it imports
/// <c>MLCourse.targets</c>) once with the opt-out property and once without.
/// </summary>
public class LibStdCxxOptOutTests
{
    private static bool IsWeak(string library) =>
        (ElfVersions.Needs(File.ReadAllBytes(library)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags
         & ElfVersions.WeakFlag) != 0;

    [Fact]
    public void Building_with_MLCourseWeakenLibStdCxx_false_leaves_the_copy_unpatched()
    {
        string? libStdCxx = SystemLibStdCxx.Find();
        if (!OperatingSystem.IsLinux() || libStdCxx is null)
        {
            return; // the patch is Linux-only
        }
        var layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
        string probe = Path.Combine(layout.Root, "artifacts", "libstdcxx-probe");
        if (Directory.Exists(probe))
        {
            Directory.Delete(probe, recursive: true);
        }
        Directory.CreateDirectory(probe);
        File.WriteAllText(Path.Combine(probe, "Probe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <UseCurrentRuntimeIdentifier>true</UseCurrentRuntimeIdentifier>
                <SelfContained>false</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TorchSharp" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(probe, "Program.cs"), "return 0;\n");

        string Build(string output, params string[] properties)
        {
            var build = ProcessRunner.Run("dotnet",
                ["build", probe, "-o", Path.Combine(probe, output), "-nologo", "-v", "q", .. properties],
                probe, TimeSpan.FromMinutes(10));
            Assert.True(build.ExitCode == 0, build.Output);
            return Directory.GetFiles(Path.Combine(probe, output), "libLibTorchSharp.so", SearchOption.AllDirectories)
                .Single();
        }
        string optedOut = Build("opted-out", "-p:MLCourseWeakenLibStdCxx=false");
        string byDefault = Build("default");
        bool systemLacksIt = !ElfVersions.Defines(File.ReadAllBytes(libStdCxx), "GLIBCXX_3.4.32");

        Assert.False(IsWeak(optedOut));
        Assert.Equal(ElfVersionsTests.PristineLibTorchSharp(), File.ReadAllBytes(optedOut));
        Assert.Equal(systemLacksIt, IsWeak(byDefault));
        Directory.Delete(probe, recursive: true);
    }
}
