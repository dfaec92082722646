using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.Persistence;

/// <summary>
/// The checkpoint manifest: weights are loaded only when their SHA-256 is the manifest's, and a missing,
/// altered or ill-fitting file is refused with a message that names it and the command that makes it.
/// </summary>
public sealed class CheckpointsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mlcourse-checkpoints-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static CheckpointInfo Entry(string name = "tiny") =>
        new(name, $"{name}.bin", "", 0, Model: "Linear", Command: $"make {name}",
            Quality: new Dictionary<string, double> { ["confidentShare"] = 0.5 });

    private static nn.Module<Tensor, Tensor> Tiny(int seed, int outputs = 2)
    {
        manual_seed(seed);
        return nn.Linear(3, outputs);
    }

    [Fact]
    public void A_saved_checkpoint_loads_into_a_fresh_module_with_the_same_weights_and_manifest_entry()
    {
        using var saved = Tiny(1);
        CheckpointInfo written = Checkpoints.Save(saved, Entry(), _folder);
        using var fresh = Tiny(2);

        Checkpoints.Load(fresh, "tiny", _folder);

        Assert.Equal(saved.parameters().Select(p => p.data<float>().ToArray()),
            fresh.parameters().Select(p => p.data<float>().ToArray()));
        Assert.Equal(Checkpoints.Sha256Of(Path.Combine(_folder, "tiny.bin")), written.Sha256);
        Assert.Equal(64, written.Sha256.Length);
        Assert.Equal(new FileInfo(Path.Combine(_folder, "tiny.bin")).Length, written.Bytes);
        CheckpointInfo read = Checkpoints.Info("tiny", _folder);
        Assert.Equal(written.Sha256, read.Sha256);
        Assert.Equal(0.5, read.Quality!["confidentShare"]);
        Assert.Equal("make tiny", read.Command);
    }

    [Fact]
    public void Saving_again_replaces_the_entry_and_keeps_the_others()
    {
        using var a = Tiny(1);
        using var b = Tiny(2);
        Checkpoints.Save(a, Entry("a"), _folder);
        Checkpoints.Save(b, Entry("b"), _folder);
        CheckpointInfo again = Checkpoints.Save(b, Entry("a"), _folder);

        var entries = Checkpoints.ReadManifest(Path.Combine(_folder, Checkpoints.ManifestFileName));

        Assert.Equal(["a", "b"], entries.Select(e => e.Name));
        Assert.Equal(again.Sha256, entries[0].Sha256);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it_and_the_command_that_makes_it()
    {
        using var module = Tiny(1);
        Checkpoints.Save(module, Entry(), _folder);
        string path = Path.Combine(_folder, "tiny.bin");
        File.Delete(path);

        var error = Assert.Throws<FileNotFoundException>(() => Checkpoints.Load(Tiny(3), "tiny", _folder));

        Assert.Contains($"the weights of checkpoint 'tiny' were not found at {path}", error.Message);
        Assert.Contains("`make tiny`", error.Message);
    }

    [Fact]
    public void An_altered_file_is_refused_before_loading_and_the_module_is_unchanged()
    {
        using var module = Tiny(1);
        CheckpointInfo written = Checkpoints.Save(module, Entry(), _folder);
        string path = Path.Combine(_folder, "tiny.bin");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        using var fresh = Tiny(2);
        float[] before = fresh.parameters().First().data<float>().ToArray();

        var error = Assert.Throws<InvalidDataException>(() => Checkpoints.Load(fresh, "tiny", _folder));

        Assert.StartsWith($"Checkpoints: {path} has SHA-256 ", error.Message);
        Assert.Contains($"expects {written.Sha256}", error.Message);
        Assert.Equal(before, fresh.parameters().First().data<float>().ToArray());
    }

    [Fact]
    public void A_truncated_file_is_refused_with_both_sizes()
    {
        using var module = Tiny(1);
        CheckpointInfo written = Checkpoints.Save(module, Entry(), _folder);
        string path = Path.Combine(_folder, "tiny.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..10]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoints.VerifiedPath("tiny", _folder));

        Assert.Contains($"({written.Bytes:N0} bytes; this file has 10)", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_module_are_refused_naming_the_file_and_the_class()
    {
        using var module = Tiny(1);
        Checkpoints.Save(module, Entry(), _folder);
        using var wider = Tiny(2, outputs: 5);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoints.Load(wider, "tiny", _folder));

        Assert.StartsWith($"Checkpoints: {Path.Combine(_folder, "tiny.bin")} does not fit the Linear", error.Message);
        Assert.Contains("`make tiny`", error.Message);
    }

    [Fact]
    public void An_unknown_name_is_refused_listing_the_known_ones()
    {
        using var module = Tiny(1);
        Checkpoints.Save(module, Entry(), _folder);

        var error = Assert.Throws<KeyNotFoundException>(() => Checkpoints.Info("tinny", _folder));

        Assert.Contains("tinny", error.Message);
        Assert.Contains("tiny", error.Message.Replace("tinny", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[{\"name\": \"a\", \"file\": \"\", \"sha256\": \"00\"}]")]
    [InlineData("[null]")]
    public void A_malformed_manifest_is_refused_naming_it(string text)
    {
        Directory.CreateDirectory(_folder);
        string manifest = Path.Combine(_folder, Checkpoints.ManifestFileName);
        File.WriteAllText(manifest, text);

        var error = Assert.Throws<FormatException>(() => Checkpoints.Info("a", _folder));

        Assert.Contains(manifest, error.Message);
    }

    [Fact]
    public void Every_shipped_checkpoint_matches_its_hash_and_names_its_program_and_notebook()
    {
        Assert.NotEmpty(Checkpoints.List());
        foreach (CheckpointInfo info in Checkpoints.List())
        {
            Assert.Equal(info.Bytes, new FileInfo(Checkpoints.VerifiedPath(info.Name)).Length);
            Assert.True(info.Bytes <= 3_000_000, $"{info.Name}: {info.Bytes:N0} bytes is over the 3 MB budget");
            Assert.StartsWith("dotnet run -c Release --project tools/MLCourse.Checkpoints -- " + info.Name,
                info.Command);
            Assert.Matches("^[0-9a-f]{40}$", info.Commit);
            Assert.NotNull(info.Notebook);
            Assert.NotNull(info.Source);
            Assert.True(info.Quality?.ContainsKey("confidentShare"), $"{info.Name}: no confidentShare recorded");
        }
    }
}
