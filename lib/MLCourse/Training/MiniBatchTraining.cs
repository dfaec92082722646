using System.Diagnostics;
using MLCourse.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Training;

/// <summary>
/// The training loop every TorchSharp model of the course shares: Adam over shuffled mini-batches
/// of sample indices, a dispose scope per batch so memory stays flat, and a progress callback
/// after each epoch. The caller says what the loss of a batch is.
/// </summary>
/// <remarks>Introduced in notebook day 17; days 19–22 use it for their models.</remarks>
public static class MiniBatchTraining
{
    private const string Component = "MiniBatchTraining";

    /// <summary>
    /// Moves <paramref name="model"/> to <paramref name="device"/> (by default <see cref="Devices.TryGpu"/>)
    /// and runs <paramref name="epochs"/> passes over <paramref name="samples"/> samples on its parameters.
    /// </summary>
    /// <param name="model">The model whose parameters Adam updates; moved to the device in place.</param>
    /// <param name="samples">How many samples there are.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="seed">Seeds the shuffle.</param>
    /// <param name="batchLoss">
    /// The scalar loss of the batch with the given sample indices (int64, shape (batch,), on the device);
    /// it moves the batch's data to the device (<c>x.index_select(0, batch.to(x.device)).to(batch.device)</c>).
    /// </param>
    /// <param name="progress">Called after each epoch with its number (1-based) and mean loss.</param>
    /// <param name="device">Where to train; <c>null</c> for <see cref="Devices.TryGpu"/> (CUDA when present).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// No samples, fewer than 1 epoch or sample per batch, or a learning rate that is not a positive
    /// finite number — checked before any step and before the model moves.
    /// </exception>
    public static TrainingHistory Run(nn.Module model, long samples, int epochs, int batchSize, double learningRate,
        int seed, Func<Tensor, Tensor> batchLoss, Action<int, double>? progress = null, Device? device = null)
    {
        RequireSettings(Component, samples, epochs, batchSize, learningRate);
        device ??= Devices.TryGpu();
        model.to(device);
        return Run(model.parameters(), samples, epochs, batchSize, learningRate, seed, batchLoss, progress, device);
    }

    /// <summary>Runs <paramref name="epochs"/> passes over <paramref name="samples"/> samples.</summary>
    /// <param name="parameters">The parameters Adam updates, already on <paramref name="device"/>.</param>
    /// <param name="samples">How many samples there are.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="seed">Seeds the shuffle.</param>
    /// <param name="batchLoss">
    /// The scalar loss of the batch with the given sample indices (int64, shape (batch,), on the device).
    /// </param>
    /// <param name="progress">Called after each epoch with its number (1-based) and mean loss.</param>
    /// <param name="device">
    /// Where the batches of indices go; <c>null</c> for <see cref="Devices.TryGpu"/>. The shuffle is drawn
    /// on the CPU, so the order of samples is the same on every device.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// No samples, fewer than 1 epoch or sample per batch, or a learning rate that is not a positive
    /// finite number — checked before any step, so a bad setting never hangs the loop or reaches libtorch.
    /// </exception>
    public static TrainingHistory Run(IEnumerable<TorchSharp.Modules.Parameter> parameters, long samples, int epochs,
        int batchSize, double learningRate, int seed, Func<Tensor, Tensor> batchLoss,
        Action<int, double>? progress = null, Device? device = null)
    {
        RequireSettings(Component, samples, epochs, batchSize, learningRate);
        device ??= Devices.TryGpu();
        var clock = Stopwatch.StartNew();
        var generator = new Generator((ulong)seed);
        using var optimizer = optim.Adam(parameters, learningRate);
        var losses = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double total = 0;
            using (Tensor order = randperm(samples, generator: generator))
            {
                for (long start = 0; start < samples; start += batchSize)
                {
                    using var scope = NewDisposeScope();
                    Tensor batch = order.narrow(0, start, Math.Min(batchSize, samples - start)).to(device);
                    optimizer.zero_grad();
                    Tensor loss = batchLoss(batch);
                    loss.backward();
                    optimizer.step();
                    total += loss.to_type(float64).item<double>() * batch.shape[0];
                }
            }
            losses.Add(total / samples);
            progress?.Invoke(epoch, total / samples);
        }
        return new TrainingHistory(losses, clock.Elapsed);
    }

    /// <summary>The checks every training loop of the library makes before its first step.</summary>
    internal static void RequireSettings(string component, long samples, int epochs, int batchSize, double learningRate)
    {
        if (samples < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(samples), "at least 1 (the training data must not be empty)", samples);
        }
        if (epochs < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(epochs), "at least 1", epochs);
        }
        if (batchSize < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(batchSize), "at least 1", batchSize);
        }
        Require.Positive(component, nameof(learningRate), learningRate);
    }
}
