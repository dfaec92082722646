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

    /// <summary>Runs <paramref name="epochs"/> passes over <paramref name="samples"/> samples.</summary>
    /// <param name="parameters">The parameters Adam updates.</param>
    /// <param name="samples">How many samples there are.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="seed">Seeds the shuffle.</param>
    /// <param name="batchLoss">The scalar loss of the batch with the given sample indices (int64, shape (batch,)).</param>
    /// <param name="progress">Called after each epoch with its number (1-based) and mean loss.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// No samples, fewer than 1 epoch or sample per batch, or a learning rate that is not a positive
    /// finite number — checked before any step, so a bad setting never hangs the loop or reaches libtorch.
    /// </exception>
    public static TrainingHistory Run(IEnumerable<TorchSharp.Modules.Parameter> parameters, long samples, int epochs, int batchSize, double learningRate, int seed,
        Func<Tensor, Tensor> batchLoss, Action<int, double>? progress = null)
    {
        RequireSettings(Component, samples, epochs, batchSize, learningRate);
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
                    Tensor batch = order.narrow(0, start, Math.Min(batchSize, samples - start));
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
