using System.Text.Json;
using System.Xml.Linq;
using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.Build;

/// <summary>
/// The lowest SDK the course accepts is the first .NET 10 feature band, 10.0.1xx — what Ubuntu's and
/// Fedora's own <c>dotnet</c> packages ship — and nothing in the build needs a later band: the
/// compiler-facing packages are no newer than the Roslyn (5.0) and MSBuild (18.0) that band ships.
/// </summary>
public class SdkBandTests
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);

    [Fact]
    public void Global_json_accepts_every_net10_feature_band_from_10_0_100_on()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout.Root, "global.json")));
        JsonElement sdk = json.RootElement.GetProperty("sdk");

        Assert.Equal("10.0.100", sdk.GetProperty("version").GetString());
        Assert.Equal("latestFeature", sdk.GetProperty("rollForward").GetString());
        Assert.Contains("`global.json` (10.0.100", File.ReadAllText(Path.Combine(Layout.Root, "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.CodeAnalysis.CSharp", 5, 0)]   // Roslyn of SDK 10.0.1xx
    [InlineData("Microsoft.Build.Utilities.Core", 18, 0)] // MSBuild of SDK 10.0.1xx
    public void No_package_needs_a_compiler_or_msbuild_newer_than_the_10_0_1xx_band(string package, int major, int minor)
    {
        var versions = XDocument.Load(Path.Combine(Layout.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(p => (string?)p.Attribute("Include") == package)
            .Select(p => Version.Parse(((string)p.Attribute("Version")!).Split('-')[0]))
            .ToList();

        Assert.All(versions, v => Assert.True(v.Major < major || (v.Major == major && v.Minor <= minor),
            $"{package} {v} is newer than the {major}.{minor} that SDK 10.0.1xx ships: raise global.json and the README with it."));
    }
}
