using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Generative;

/// <summary>
/// A small GAN in TorchSharp that learns a 1-D distribution: a generator G maps noise z ~ N(0, 1)
/// to samples, a discriminator D scores real vs generated. Training alternates, as in the notes:
/// D learns with G fixed (maximise log D(x) + log(1 − D(G(z)))), then G learns with D fixed (the
/// usual non-saturating form: maximise log D(G(z))).
/// </summary>
/// <remarks>Introduced in notebook day 21.</remarks>
public sealed class Gan1d
{
    /// <summary>Creates both networks (seed TorchSharp first for repeatable weights).</summary>
    public Gan1d(int hidden = 32)
    {
        Generator = nn.Sequential(nn.Linear(1, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1));
        Discriminator = nn.Sequential(nn.Linear(1, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1));
    }

    /// <summary>G: noise (batch, 1) → samples (batch, 1).</summary>
    public Sequential Generator { get; }

    /// <summary>D: samples (batch, 1) → logit of "real" (batch, 1); D(x) = σ(logit).</summary>
    public Sequential Discriminator { get; }

    /// <summary>Draws <paramref name="count"/> generated samples.</summary>
    public double[] Sample(int count, Generator random)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Generator.forward(randn(count, 1, generator: random)).data<float>().Select(v => (double)v).ToArray();
    }

    /// <summary>Alternating training; reports both losses every <paramref name="reportEvery"/> steps.</summary>
    /// <param name="sampleData">Draws a batch of real samples, (batch, 1).</param>
    /// <param name="steps">Discriminator-then-generator update pairs.</param>
    /// <param name="batchSize">Samples per update.</param>
    /// <param name="learningRate">Adam's step size for both networks.</param>
    /// <param name="random">The noise source.</param>
    /// <param name="progress">Called with (step, discriminator loss, generator loss).</param>
    /// <param name="reportEvery">How often <paramref name="progress"/> is called.</param>
    public void Train(Func<int, Tensor> sampleData, int steps, int batchSize, double learningRate, Generator random,
        Action<int, double, double>? progress = null, int reportEvery = 100)
    {
        using var dOptimizer = optim.Adam(Discriminator.parameters(), learningRate, beta1: 0.5);
        using var gOptimizer = optim.Adam(Generator.parameters(), learningRate, beta1: 0.5);
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            Tensor ones = torch.ones(batchSize, 1), zeros = torch.zeros(batchSize, 1);

            // Discriminator step, generator fixed (its output detached).
            dOptimizer.zero_grad();
            Tensor fake = Generator.forward(randn(batchSize, 1, generator: random)).detach();
            Tensor real = sampleData(batchSize);
            Tensor dLoss = nn.functional.binary_cross_entropy_with_logits(Discriminator.forward(real), ones)
                + nn.functional.binary_cross_entropy_with_logits(Discriminator.forward(fake), zeros);
            dLoss.backward();
            dOptimizer.step();

            // Generator step, discriminator fixed (only G's optimiser steps).
            gOptimizer.zero_grad();
            Tensor generated = Generator.forward(randn(batchSize, 1, generator: random));
            Tensor gLoss = nn.functional.binary_cross_entropy_with_logits(Discriminator.forward(generated), ones);
            gLoss.backward();
            gOptimizer.step();

            if (step % reportEvery == 0)
            {
                progress?.Invoke(step, dLoss.item<float>(), gLoss.item<float>());
            }
        }
    }
}
