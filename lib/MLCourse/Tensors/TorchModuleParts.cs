using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Tensors;

/// <summary>
/// Finds a named parameter of a TorchSharp module for the layers' CopyTo and CopyFrom, with the
/// library's message when it is missing.
/// </summary>
internal static class TorchModuleParts
{
    /// <summary>
    /// The parameter <paramref name="name"/> of <paramref name="module"/>, e.g. "self_attn.in_proj_bias".
    /// </summary>
    /// <exception cref="ArgumentException">The module has no such parameter.</exception>
    public static torch.Tensor Parameter(string component, string argument, torch.nn.Module module, string name)
    {
        var parameters = module.named_parameters().ToList();
        return parameters.FirstOrDefault(p => p.name == name).parameter
            ?? throw ErrorMessage.Must(component, argument, $"have a parameter '{name}'",
                $"its parameters are {ErrorMessage.QuotedFew(parameters.Select(p => p.name).ToList())}");
    }

}
