using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using MLCourse.CourseRunner;
using MLCourse.Course.Tests.CourseRun;

namespace MLCourse.Course.Tests.Packaging;

/// <summary>
/// The library as packages: what each package holds, that the build is deterministic, that a
/// console project outside the repository's build uses the packed core (and TorchSharp loads
/// there), and that the notebooks package registers its formatters as a kernel extension.
/// </summary>
public sealed class PackageTests(PackageFixture fixture) : IClassFixture<PackageFixture>
{
    private static string[] Entries(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static XElement Metadata(string package, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        using Stream nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
        XElement root = XElement.Load(nuspec);
        return root.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Field(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    [Fact]
    public void The_core_package_has_the_library_its_docs_readme_licence_and_the_TorchSharp_fix_as_buildTransitive()
    {
        string package = fixture.Package("MLCourse");

        Assert.Subset(Entries(package).ToHashSet(),
            new HashSet<string> { "lib/net10.0/MLCourse.dll", "lib/net10.0/MLCourse.xml", "README.md", "buildTransitive/MLCourse.targets", "buildTransitive/WeakenMissingLibStdCxxVersion.cs" });
        XElement metadata = Metadata(package, "MLCourse");
        Assert.Equal("MIT", Field(metadata, "license"));
        Assert.Equal("README.md", Field(metadata, "readme"));
    }

    private static string[] DependencyIds(string package, string id) =>
        Metadata(package, id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).Distinct().ToArray();

    [Fact]
    public void A_package_version_carries_a_tag_of_its_content_and_the_notebooks_package_depends_on_that_core()
    {
        string core = Field(Metadata(fixture.Package("MLCourse"), "MLCourse"), "version")!;
        XElement notebooks = Metadata(fixture.Package("MLCourse.Notebooks"), "MLCourse.Notebooks");

        Assert.Matches("^0\\.1\\.0-src\\.[0-9a-f]{12}$", core);
        Assert.Matches("^0\\.1\\.0-preview\\.1\\.src\\.[0-9a-f]{12}$", Field(notebooks, "version"));
        Assert.Equal(core, notebooks.Descendants().Single(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value == "MLCourse")
            .Attribute("version")!.Value);
        Assert.Single(Directory.GetFiles(fixture.Feed, "MLCourse.0.1.0*.nupkg"));   // older packs removed from the feed
    }

    [Fact]
    public void The_core_package_depends_on_TorchSharp_and_leaves_the_backend_to_the_application()
    {
        string[] core = DependencyIds(fixture.Package("MLCourse"), "MLCourse");
        string[] notebooks = DependencyIds(fixture.Package("MLCourse.Notebooks"), "MLCourse.Notebooks");

        Assert.Contains("TorchSharp", core);
        Assert.DoesNotContain(core, id => id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)
                                          || id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("TorchSharp-cpu", notebooks);   // the notebooks are an application: they bring the CPU backend
    }

    [Fact]
    public void The_notebooks_package_carries_its_kernel_extension_script()
    {
        string package = fixture.Package("MLCourse.Notebooks");

        Assert.Subset(Entries(package).ToHashSet(),
            new HashSet<string> { "lib/net10.0/MLCourse.Notebooks.dll", "lib/net10.0/MLCourse.Notebooks.xml", "README.md", "interactive-extensions/dotnet/extension.dib" });
        Assert.Equal("MIT", Field(Metadata(package, "MLCourse.Notebooks"), "license"));
    }

    [Fact]
    public void Two_clean_builds_of_the_core_give_byte_identical_assemblies()
    {
        string project = Path.Combine(fixture.Layout.Root, "lib", "MLCourse", "MLCourse.csproj");
        string[] hashes = new[] { "first", "second" }.Select(run =>
        {
            string output = Path.Combine(fixture.Layout.Root, "artifacts", "determinism", run);
            var build = ProcessRunner.Run("dotnet", ["build", project, "-c", "Release", "--no-incremental", "-p:ContinuousIntegrationBuild=true", "-o", output, "-nologo", "-v", "q"],
                fixture.Layout.Root, TimeSpan.FromMinutes(10));
            Assert.True(build.ExitCode == 0, build.Output);
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, "MLCourse.dll"))));
        }).ToArray();

        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public void A_console_project_outside_the_build_with_TorchSharp_cpu_added_trains_models_with_the_packed_library()
    {
        string sample = Path.Combine(fixture.Layout.Root, "tests", "MLCourse.PackageSample");
        foreach (string built in new[] { "obj", "bin" }.Select(d => Path.Combine(sample, d)).Where(Directory.Exists))
        {
            Directory.Delete(built, recursive: true);   // a fresh restore and build, as on a new machine
        }

        var run = ProcessRunner.Run("dotnet", ["run", "--project", sample], sample, TimeSpan.FromMinutes(10), fixture.ConsumerEnvironment);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"held-out accuracy on two moons: CART tree \(from scratch\) \d+\.\d %, TorchSharp network \d+\.\d %", run.Output);
        string version = Path.GetFileNameWithoutExtension(fixture.Package("MLCourse"))["MLCourse.".Length..];
        string restored = Path.Combine(fixture.ConsumerEnvironment["NUGET_PACKAGES"], "mlcourse", version, "lib", "net10.0", "MLCourse.dll");
        using ZipArchive packed = ZipFile.OpenRead(fixture.Package("MLCourse"));
        using var packedDll = new MemoryStream();
        packed.GetEntry("lib/net10.0/MLCourse.dll")!.Open().CopyTo(packedDll);
        Assert.Equal(packedDll.ToArray(), File.ReadAllBytes(restored));   // the sample used the package just packed
        string[] binaries = Directory.GetFiles(Path.Combine(sample, "bin"), "*", SearchOption.AllDirectories);
        Assert.Single(binaries, f => Path.GetFileName(f) == "libLibTorchSharp.so"
                                     || Path.GetFileName(f) == "libLibTorchSharp.dylib"
                                     || Path.GetFileName(f) == "LibTorchSharp.dll");   // this platform's natives only
        long bytes = binaries.Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 700_000_000, $"the sample's bin holds {bytes / 1e6:F0} MB; every platform's natives are 1.1 GB");
    }

    [Fact]
    public void Referencing_the_notebooks_package_in_a_notebook_registers_its_formatters()
    {
        string folder = Directory.CreateTempSubdirectory("mlcourse-extension-").FullName;
        string notebook = Path.Combine(folder, "extension.ipynb");
        string executed = Path.Combine(folder, "executed.ipynb");
        string version = Path.GetFileNameWithoutExtension(fixture.Package("MLCourse.Notebooks"))["MLCourse.Notebooks.".Length..];
        TestNotebook.Write(notebook,
            TestNotebook.Code($"#i \"nuget: {fixture.Feed}\"\n#r \"nuget: MLCourse.Notebooks, {version}\""),
            TestNotebook.Code("using MathNet.Numerics.LinearAlgebra;\nMatrix<double>.Build.Dense(2, 3, 1.5)"));

        var run = ProcessRunner.Run("dotnet", ["tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", executed],
            fixture.Layout.Root, TimeSpan.FromMinutes(10), fixture.ConsumerEnvironment);

        Assert.True(run.ExitCode == 0, run.Output);
        string outputs = string.Join("\n", NotebookFile.Read(executed).NormalizedOutputs());
        Assert.Contains("interactive-extensions/dotnet/extension.dib", outputs);
        Assert.Contains("Matrix (2, 3), float64", outputs);   // the course's formatter, registered by the extension alone
        Directory.Delete(folder, recursive: true);
    }
}
