using System.Globalization;
using System.Text;
using MLCourse.Errors;

namespace MLCourse.Functional;

/// <summary>
/// One row of a Keras-style model summary: the layer, its output shape, its parameters and its inputs.
/// </summary>
/// <param name="Layer">The layer's name and type, e.g. "numeric_dense (Linear)".</param>
/// <param name="OutputShape">The output shape with the batch axis as None, e.g. "(None, 16)".</param>
/// <param name="Parameters">Trainable parameters of the layer.</param>
/// <param name="ConnectedTo">The layers whose outputs it reads (empty for an input).</param>
/// <remarks>Introduced in notebook day 09.</remarks>
public sealed record LayerSummary(string Layer, string OutputShape, long Parameters, string ConnectedTo)
{
    /// <summary>The rows as Keras prints them, with the total parameter count at the end.</summary>
    public static string Format(IReadOnlyList<LayerSummary> rows)
    {
        Require.NotNull("LayerSummary", nameof(rows), rows);
        var text = new StringBuilder();
        text.AppendLine($"{"Layer (type)",-32}{"Output Shape",-16}{"Param #",10}  Connected to");
        text.AppendLine(new string('=', 82));
        foreach (LayerSummary row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Layer,-32}{row.OutputShape,-16}{row.Parameters,10:N0}  {row.ConnectedTo}"));
        }
        text.AppendLine(new string('=', 82));
        text.Append(string.Create(CultureInfo.InvariantCulture, $"Total params: {rows.Sum(r => r.Parameters):N0}"));
        return text.ToString();
    }
}
