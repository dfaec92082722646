using MLCourse.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Training;

/// <summary>
/// Mini-batch training of a TorchSharp classifier with Adam and cross-entropy (through
/// <see cref="MiniBatchTraining"/>: seeded shuffle, a dispose scope per batch, progress per epoch).
/// </summary>
/// <remarks>Introduced in notebook day 17; later notebooks train their TorchSharp models with it.</remarks>
public static class ClassifierTraining
{
    private const string Component = "ClassifierTraining";

    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="device"/> (by default
    /// <see cref="Devices.TryGpu"/>: CUDA when present, else the CPU).
    /// </summary>
    /// <param name="model">
    /// Maps a batch of inputs to class scores (logits), shape (batch, classes); moved to the device.
    /// </param>
    /// <param name="x">
    /// Training inputs, first axis = samples; stays where it is, each batch is moved to the device.
    /// </param>
    /// <param name="y">Class indices, shape (samples,), int64; stays where it is, like <paramref name="x"/>.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="seed">Seeds the shuffle (the weights are seeded by <c>torch.manual_seed</c> before the model is built).</param>
    /// <param name="progress">Called after each epoch with its number (1-based) and mean training loss.</param>
    /// <param name="device">Where to train; <c>null</c> for <see cref="Devices.TryGpu"/>.</param>
    /// <returns>The mean loss of each epoch and the wall-clock time.</returns>
    /// <exception cref="ArgumentException">
    /// No samples, <paramref name="y"/> not of shape (samples,), fewer than 1 epoch or sample per
    /// batch, or a learning rate that is not a positive finite number (checked before any step).
    /// </exception>
    public static TrainingHistory Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int epochs, int batchSize,
        double learningRate, int seed, Action<int, double>? progress = null, Device? device = null)
    {
        long samples = x.dim() == 0 ? 0 : x.shape[0];
        MiniBatchTraining.RequireSettings(Component, samples, epochs, batchSize, learningRate);
        if (y.dim() != 1 || y.shape[0] != samples)
        {
            throw ErrorMessage.Shape(Component, nameof(y), $"({samples},), one class index per sample of x", ErrorMessage.FormatShape(y.shape));
        }
        model.train();
        TrainingHistory history = MiniBatchTraining.Run(model, samples, epochs, batchSize, learningRate, seed,
            batch => nn.functional.cross_entropy(model.forward(OnDevice(x, batch)), OnDevice(y, batch)),
            progress, device);
        model.eval();
        return history;
    }

    /// <summary>
    /// The share of samples whose highest score is the true class, computed on <paramref name="device"/>
    /// (by default <see cref="Devices.TryGpu"/>, where <see cref="Train"/> left the model).
    /// </summary>
    /// <param name="model">The classifier; moved to the device.</param>
    /// <param name="x">Inputs, first axis = samples.</param>
    /// <param name="y">Class indices, shape (samples,), int64.</param>
    /// <param name="device">Where to evaluate; <c>null</c> for <see cref="Devices.TryGpu"/>.</param>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Device? device = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        device ??= Devices.TryGpu();
        model.to(device);
        return model.forward(x.to(device)).argmax(1).eq(y.to(device)).to_type(float64).mean().item<double>();
    }

    /// <summary>The rows of <paramref name="data"/> named by <paramref name="batch"/>, on the batch's device.</summary>
    private static Tensor OnDevice(Tensor data, Tensor batch) =>
        data.index_select(0, batch.to(data.device)).to(batch.device);
}

/// <summary>What <see cref="ClassifierTraining.Train"/> reports.</summary>
/// <param name="EpochLosses">Mean training loss of each epoch.</param>
/// <param name="Elapsed">Wall-clock training time.</param>
public sealed record TrainingHistory(IReadOnlyList<double> EpochLosses, TimeSpan Elapsed);
