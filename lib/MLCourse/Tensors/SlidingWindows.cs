using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Tensors;

/// <summary>
/// Cuts a multivariate time series into overlapping windows, the (batch, timesteps, features)
/// input that Keras' SimpleRNN/LSTM and TorchSharp's recurrent layers (batch_first) expect.
/// </summary>
/// <remarks>Introduced in notebook day 02 (tensors); the RNN notebooks feed its output to their models.</remarks>
public static class SlidingWindows
{
    private const string Component = "SlidingWindows";

    /// <summary>
    /// Window <c>b</c> holds rows <c>b … b + timesteps − 1</c> of <paramref name="series"/>.
    /// </summary>
    /// <param name="series">Shape (time, features), one row per time step.</param>
    /// <param name="timesteps">Length of each window, at least 1 and at most the series' length.</param>
    /// <returns>A float64 tensor of shape (time − timesteps + 1, timesteps, features).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timesteps"/> is outside 1 … time.</exception>
    public static torch.Tensor Create(Matrix<double> series, int timesteps)
    {
        Require.NotNull(Component, nameof(series), series);
        if (timesteps < 1 || timesteps > series.RowCount)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(timesteps),
                $"between 1 and the series length {series.RowCount}", timesteps);
        }
        int batch = series.RowCount - timesteps + 1;
        int features = series.ColumnCount;
        var values = new double[Require.ElementCount(Component, nameof(series), batch, timesteps, features)];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < timesteps; t++)
            {
                for (int f = 0; f < features; f++)
                {
                    values[(b * timesteps + t) * features + f] = series[b + t, f];
                }
            }
        }
        // (batch, timesteps, features)
        return torch.tensor(values, new long[] { batch, timesteps, features }, torch.float64);
    }
}
