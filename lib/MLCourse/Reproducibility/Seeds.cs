using MathNet.Numerics.Random;
using TorchSharp;

namespace MLCourse.Reproducibility;

/// <summary>
/// Fixes every source of randomness the course uses, so that the same commit gives the same
/// numbers: TorchSharp's global generator, plus fresh seeded System.Random and MathNet sources.
/// </summary>
/// <remarks>Introduced in notebook day 01; every notebook calls it in its first cells.</remarks>
public static class Seeds
{
    /// <summary>The seed the notebooks use unless they say otherwise.</summary>
    public const int Default = 42;

    /// <summary>
    /// Seeds TorchSharp (<c>torch.manual_seed</c>) and pins its CPU thread count, because the
    /// order of floating-point reductions can depend on how work is split between threads.
    /// </summary>
    /// <param name="seed">The seed for every generator.</param>
    /// <param name="torchThreads">Threads TorchSharp may use; 1 makes results repeatable across machines.</param>
    /// <returns>Seeded generators for code that does not use TorchSharp.</returns>
    public static SeededRandom Set(int seed = Default, int torchThreads = 1)
    {
        torch.manual_seed(seed);
        torch.set_num_threads(torchThreads);
        return new SeededRandom(new Random(seed), new MersenneTwister(seed, threadSafe: false));
    }
}

/// <summary>Seeded generators returned by <see cref="Seeds.Set"/>.</summary>
/// <param name="System">For <see cref="System.Random"/>-based code (shuffles, splits).</param>
/// <param name="MathNet">For MathNet distributions, e.g. <c>Normal.Samples(random.MathNet, 0, 1)</c>.</param>
public sealed record SeededRandom(Random System, RandomSource MathNet);
