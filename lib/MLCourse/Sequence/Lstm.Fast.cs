using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Sequence;

// The same six equations for many sequences at once, for inference: the fast path.
public sealed partial class Lstm
{
    /// <summary>
    /// Runs the six equations over a batch of sequences together and returns every hidden state.
    /// Each step is one matrix product on the library's <see cref="Gemm"/>: the rows [h_{t−1}, x_t]
    /// of all sequences, (batch, units + features), times the four gates' weights side by side,
    /// (units + features, 4·units); then the element-wise equations (1)–(6), the activations
    /// several units per SIMD instruction (<see cref="Activations.SigmoidInPlace"/>,
    /// <see cref="Activations.TanhInPlace"/>).
    /// Nothing is cached, so there is no <see cref="Backward"/> from here; the result equals
    /// <see cref="Forward"/>'s hidden states sequence by sequence.
    /// </summary>
    /// <param name="sequences">The batch: each (timesteps, features), all of the same length.</param>
    /// <returns>For each sequence, its hidden states h_1 … h_T as rows, (timesteps, units).</returns>
    /// <exception cref="ArgumentException">An empty batch, or a sequence of another shape than the first.</exception>
    public Matrix<double>[] ForwardFast(IReadOnlyList<Matrix<double>> sequences)
    {
        if (sequences.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(sequences));
        }
        int steps = sequences[0].RowCount;
        if (sequences.FirstOrDefault(s => s.RowCount != steps || s.ColumnCount != Features || steps == 0) is { } wrong)
        {
            throw ErrorMessage.Shape(Component, nameof(sequences),
                $"(timesteps ≥ 1, {Features}) for every sequence, the same timesteps as the first ({steps})",
                ErrorMessage.FormatShape(wrong.RowCount, wrong.ColumnCount));
        }
        int batch = sequences.Count, units = Units, width = Units + Features, gates = 4 * Units;
        double[] weights = StackedGateWeights();           // (units + features, 4·units): columns f | C̃ | i | o
        double[] bias = [.. Bf, .. Bc, .. Bi, .. Bo];
        // rows [h_{t−1}, x_t]
        var inputs = new double[Require.ElementCount(Component, nameof(sequences), batch, width)];
        var preActivations = new double[Require.ElementCount(Component, nameof(sequences), batch, gates)];
        var cells = new double[batch * units];             // C_{t−1}, then C_t
        // (timesteps, features) each
        double[][] x = sequences.Select(sequence => sequence.ToRowMajorArray()).ToArray();
        double[][] hidden = sequences.Select(_ => new double[steps * units]).ToArray();   // (timesteps, units) each
        for (int t = 0; t < steps; t++)
        {
            for (int s = 0; s < batch; s++)
            {
                x[s].AsSpan(t * Features, Features).CopyTo(inputs.AsSpan(s * width + units, Features));
            }
            Gemm.MultiplyFast(inputs, weights, preActivations, batch, width, gates);
            for (int s = 0; s < batch; s++)
            {
                Span<double> z = preActivations.AsSpan(s * gates, gates);   // f | C̃ | i | o, before activation
                for (int k = 0; k < gates; k++)
                {
                    z[k] += bias[k];
                }
                Activations.SigmoidInPlace(z[..units]);                      // (1) f_t
                Activations.TanhInPlace(z[units..(2 * units)]);              // (2) C̃_t
                Activations.SigmoidInPlace(z[(2 * units)..]);                // (3) i_t and (5) o_t
                Span<double> cell = cells.AsSpan(s * units, units);
                Span<double> h = inputs.AsSpan(s * width, units);            // h_t feeds step t + 1
                for (int u = 0; u < units; u++)
                {
                    cell[u] = z[u] * cell[u] + z[2 * units + u] * z[units + u];   // (4) C_t = f ⊙ C_{t−1} + i ⊙ C̃
                    h[u] = cell[u];
                }
                Activations.TanhInPlace(h);
                for (int u = 0; u < units; u++)
                {
                    h[u] *= z[3 * units + u];                                 // (6) h_t = o ⊙ tanh(C_t)
                }
                h.CopyTo(hidden[s].AsSpan(t * units, units));
            }
        }
        return hidden.Select(h => Matrix<double>.Build.DenseOfRowMajor(steps, units, h)).ToArray();
    }

    // Wᵀ of the four gates side by side: entry (k, g·units + u) = W_g[u, k].
    private double[] StackedGateWeights()
    {
        int width = Units + Features, gates = 4 * Units;
        var stacked = new double[width * gates];
        Matrix<double>[] order = [Wf, Wc, Wi, Wo];
        for (int g = 0; g < order.Length; g++)
        {
            for (int u = 0; u < Units; u++)
            {
                for (int k = 0; k < width; k++)
                {
                    stacked[k * gates + g * Units + u] = order[g][u, k];
                }
            }
        }
        return stacked;
    }
}
