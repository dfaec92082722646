using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLCourse.Data;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Persistence;

/// <summary>
/// The trained weights shipped with the course (<c>datasets/checkpoints/</c>): longer-trained versions of
/// models the notebooks train live, made by the seeded training programs in <c>tools/MLCourse.Checkpoints</c>.
/// Each file is listed in <c>datasets/checkpoints/checkpoints.json</c> with its SHA-256, the command and
/// commit that made it and the quality measured when it was made; <see cref="Load{T}(T, string)"/> checks the
/// hash before it loads, so a missing, truncated or altered file is refused with a message naming it and the
/// command that makes it again.
/// </summary>
/// <remarks>
/// The weights are TorchSharp's own format (<c>Module.save</c>/<c>Module.load</c>, the counterpart of
/// PyTorch's <c>state_dict</c>): the module that loads them must have the same parameter names and shapes,
/// which is why a notebook defines the very class its checkpoint's training program trains.
/// Introduced in notebook day 20 and used by days 21 and 22.
/// </remarks>
public static class Checkpoints
{
    private const string Component = "Checkpoints";

    /// <summary>The manifest's file name inside <c>datasets/checkpoints/</c>.</summary>
    public const string ManifestFileName = "checkpoints.json";

    /// <summary>The folder of the checkpoints and their manifest, relative to <c>datasets/</c>.</summary>
    public const string Folder = "checkpoints";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every checkpoint the manifest lists, in its order.</summary>
    /// <exception cref="FileNotFoundException">The manifest is missing.</exception>
    /// <exception cref="FormatException">The manifest is not valid JSON of the expected shape.</exception>
    public static IReadOnlyList<CheckpointInfo> List() => ReadManifest(ManifestPath());

    /// <summary>The folder the checkpoints are read from (<c>datasets/checkpoints</c>).</summary>
    /// <exception cref="FileNotFoundException">No datasets folder holds the manifest.</exception>
    public static string Directory() => Path.GetDirectoryName(ManifestPath())!;

    /// <summary>The manifest's entry for <paramref name="name"/> (e.g. <c>"conv-vae"</c>).</summary>
    /// <exception cref="KeyNotFoundException">No entry has that name; the message lists the names there
    /// are.</exception>
    public static CheckpointInfo Info(string name) => Info(name, Directory());

    internal static CheckpointInfo Info(string name, string folder)
    {
        Require.NotNull(Component, nameof(name), name);
        IReadOnlyList<CheckpointInfo> entries = ReadManifest(Path.Combine(folder, ManifestFileName));
        return entries.FirstOrDefault(e => e.Name == name)
            ?? throw ErrorMessage.Unknown(Component, "checkpoint", name, entries.Select(e => e.Name));
    }

    /// <summary>
    /// The full path of checkpoint <paramref name="name"/>'s weights, after checking that the file exists and
    /// its SHA-256 is the manifest's.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing; the message names it and the command that
    /// makes it.</exception>
    /// <exception cref="InvalidDataException">The file's SHA-256 differs from the manifest's (truncated, altered
    /// or from another training run); the message names the file and both hashes.</exception>
    public static string VerifiedPath(string name) => VerifiedPath(name, Directory());

    internal static string VerifiedPath(string name, string folder)
    {
        CheckpointInfo info = Info(name, folder);
        return Verify(info, Path.Combine(folder, info.File));
    }

    /// <summary>
    /// Loads checkpoint <paramref name="name"/> into <paramref name="module"/>
    /// (after <see cref="VerifiedPath(string)"/>),
    /// which must have exactly the parameter and buffer names and shapes of the module that was saved.
    /// Returns the module.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The hash differs, or the weights do not fit the module; the message
    /// names the file and what did not fit.</exception>
    public static T Load<T>(T module, string name) where T : torch.nn.Module =>
        Load(module, name, Directory());

    internal static T Load<T>(T module, string name, string folder) where T : torch.nn.Module
    {
        Require.NotNull(Component, nameof(module), module);
        string path = VerifiedPath(name, folder);
        try
        {
            module.load(path, strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"{Component}: {path} does not fit the {module.GetType().Name} it was loaded into ({e.Message}). "
                + $"It was made by `{Info(name, folder).Command}`; the class must match the one that program "
                + "trains.", e);
        }
        return module;
    }

    /// <summary>
    /// Saves <paramref name="module"/>'s weights as checkpoint
    /// <paramref name="entry"/>.<see cref="CheckpointInfo.Name"/>
    /// in <paramref name="folder"/> (the training programs pass <c>datasets/checkpoints</c>), and writes or
    /// replaces its manifest entry with the file's size and SHA-256 filled in. Returns the entry written.
    /// </summary>
    public static CheckpointInfo Save(torch.nn.Module module, CheckpointInfo entry, string folder)
    {
        Require.NotNull(Component, nameof(module), module);
        Require.NotNull(Component, nameof(entry), entry);
        Require.NotNull(Component, nameof(folder), folder);
        System.IO.Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, entry.File);
        module.save(path);
        CheckpointInfo written = entry with { Sha256 = Sha256Of(path), Bytes = new FileInfo(path).Length };
        string manifest = Path.Combine(folder, ManifestFileName);
        List<CheckpointInfo> entries = File.Exists(manifest) ? [.. ReadManifest(manifest)] : [];
        int at = entries.FindIndex(e => e.Name == entry.Name);
        if (at >= 0)
        {
            entries[at] = written;
        }
        else
        {
            entries.Add(written);
        }
        File.WriteAllText(manifest, JsonSerializer.Serialize(entries, JsonOptions) + "\n");
        return written;
    }

    /// <summary>The lower-case hexadecimal SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        Require.NotNull(Component, nameof(path), path);
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Checks <paramref name="path"/> against <paramref name="info"/>'s hash; returns the path.</summary>
    internal static string Verify(CheckpointInfo info, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{Component}: the weights of checkpoint '{info.Name}' were not found at {path}. "
                + $"They are committed with the course; restore the file (git checkout -- datasets/{Folder}) "
                + $"or make it again with `{info.Command}`.", path);
        }
        string actual = Sha256Of(path);
        if (!string.Equals(actual, info.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{Component}: {path} has SHA-256 {actual}, but {ManifestFileName} expects {info.Sha256} "
                + $"({info.Bytes:N0} bytes; this file has {new FileInfo(path).Length:N0}). The file is truncated, "
                + $"altered or from another run: restore it (git checkout -- datasets/{Folder}) or make it again "
                + $"with `{info.Command}`.");
        }
        return path;
    }

    /// <summary>Reads a manifest file.</summary>
    internal static IReadOnlyList<CheckpointInfo> ReadManifest(string path)
    {
        List<CheckpointInfo>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<CheckpointInfo>>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw ErrorMessage.BadFile(Component, path, $"it is not a valid checkpoint manifest ({e.Message})");
        }
        if (entries is null || entries.Any(e => e is null || string.IsNullOrEmpty(e.Name)
                                               || string.IsNullOrEmpty(e.File) || string.IsNullOrEmpty(e.Sha256)))
        {
            throw ErrorMessage.BadFile(Component, path,
                "every entry must have a name, a file and a sha256");
        }
        return entries;
    }

    private static string ManifestPath() => DatasetDirectory.PathOf(Path.Combine(Folder, ManifestFileName));
}

/// <summary>One checkpoint in <c>datasets/checkpoints/checkpoints.json</c>.</summary>
/// <param name="Name">Its name, e.g. <c>"conv-vae"</c>.</param>
/// <param name="File">The weights' file name inside <c>datasets/checkpoints/</c>.</param>
/// <param name="Sha256">The file's SHA-256, lower-case hexadecimal.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Model">The class trained, e.g. <c>"ConvVae"</c>, defined in the notebook and in
/// <see cref="Source"/>.</param>
/// <param name="Source">The training program's copy of the class, relative to the repository root.</param>
/// <param name="Notebook">The notebook that loads it, e.g. <c>"day-20-kl-divergence-and-vae"</c>.</param>
/// <param name="Command">The command that makes the file, run from the repository root.</param>
/// <param name="Commit">The commit of the training program that made it.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Threads">TorchSharp threads used.</param>
/// <param name="TrainingSeconds">Wall-clock training time on the course's 2-core machine.</param>
/// <param name="Quality">What the training program measured on its samples, by measure name (e.g.
/// <c>confidentShare</c>, <c>notDigitShare</c>, <c>frechetDistance</c>, <c>realConfidentShare</c>).</param>
/// <param name="Notes">Anything else a reader needs (schedule, sampling steps, data).</param>
public sealed record CheckpointInfo(
    string Name,
    string File,
    string Sha256,
    long Bytes,
    string? Model = null,
    string? Source = null,
    string? Notebook = null,
    string? Command = null,
    string? Commit = null,
    int Seed = 0,
    int Threads = 0,
    double TrainingSeconds = 0,
    IReadOnlyDictionary<string, double>? Quality = null,
    string? Notes = null);
