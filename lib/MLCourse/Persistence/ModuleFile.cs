using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Persistence;

/// <summary>
/// Saves and loads a TorchSharp module's parameters and buffers (its <c>state_dict</c>), as
/// PyTorch's <c>torch.save(model.state_dict(), path)</c> and
/// <c>model.load_state_dict(torch.load(path))</c>.
/// The file is TorchSharp's own format (not PyTorch's pickle): TorchSharp reads it back, PyTorch does
/// not without TorchSharp's <c>exportsd.py</c>/<c>importsd.py</c> helpers.
/// </summary>
/// <remarks>
/// Load into a module built the same way (same layers, same sizes): the file holds weights, not the
/// architecture. Loading is strict: a missing, extra or differently shaped entry is an error and
/// the module's weights are left as they were. Tensors are loaded to the device the module's own
/// parameters are on. From-scratch layers use <see cref="LayerWeights"/> instead.
/// </remarks>
public static class ModuleFile
{
    private const string Component = "ModuleFile";

    /// <summary>Writes <paramref name="module"/>'s state_dict to <paramref name="path"/> (replacing the file).</summary>
    public static void Save(torch.nn.Module module, string path) => module.save(path);

    /// <summary>Reads <paramref name="path"/> into <paramref name="module"/>'s parameters and buffers.</summary>
    /// <exception cref="FileNotFoundException"><paramref name="path"/> does not exist.</exception>
    /// <exception cref="FormatException">The file's entries or shapes do not match the module's.</exception>
    public static void Load(torch.nn.Module module, string path)
    {
        if (!File.Exists(path))
        {
            string message = ErrorMessage.MustText(Component, nameof(path), "name an existing file",
                $"there is no file at {path}");
            throw new FileNotFoundException(message, path);
        }
        try
        {
            module.load(path, strict: true);
        }
        catch (ArgumentException e)
        {
            throw ErrorMessage.BadFile(Component, path,
                $"does not fit the module {module.GetName()}: {e.Message.TrimEnd('.')}");
        }
    }
}
