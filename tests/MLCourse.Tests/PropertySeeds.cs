using CsCheck;

namespace MLCourse.Tests;

/// <summary>
/// Runs a CsCheck property so that a CI run never depends on luck: by default on the same
/// <see cref="Iterations"/> fixed seeds every time, one thread, so a test either always passes
/// or always fails. Random seeds are for looking for new bugs locally (see tests/MLCourse.Tests/README.md):
/// set <c>MLCOURSE_RANDOM_PROPERTIES=1</c> (CsCheck's own <c>CsCheck_Iter</c> and
/// <c>CsCheck_Threads</c> then apply), or <c>CsCheck_Seed=…</c> to replay the seed a failure printed.
/// </summary>
internal static class PropertySeeds
{
    /// <summary>Generated inputs per property in the fixed-seed mode.</summary>
    public const int Iterations = 100;

    /// <summary>The environment variable that switches to CsCheck's random seeds.</summary>
    public const string RandomVariable = "MLCOURSE_RANDOM_PROPERTIES";

    // PCG stream 1 with states spread over the 64 bits (i times the golden-ratio constant), so
    // that neighbouring seeds do not start neighbouring sequences.
    private static readonly string[] Fixed = [.. Enumerable.Range(1, Iterations).Select(i => new PCG(1, (ulong)i * 0x9E3779B97F4A7C15UL).ToString())];

    /// <summary>True when the seeds are CsCheck's (random, or the one in <c>CsCheck_Seed</c>).</summary>
    public static bool Random =>
        Environment.GetEnvironmentVariable(RandomVariable) == "1" || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CsCheck_Seed"));

    /// <summary>Checks <paramref name="assert"/> on inputs drawn from <paramref name="gen"/>.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> assert)
    {
        if (Random)
        {
            gen.Sample(assert);
            return;
        }
        foreach (string seed in Fixed)
        {
            gen.Sample(assert, seed: seed, iter: 1, threads: 1);   // a failure names its seed: replay it with CsCheck_Seed
        }
    }

    /// <summary>Checks that <paramref name="predicate"/> holds on inputs drawn from <paramref name="gen"/>.</summary>
    public static void Check<T>(Gen<T> gen, Func<T, bool> predicate)
    {
        if (Random)
        {
            gen.Sample(predicate);
            return;
        }
        foreach (string seed in Fixed)
        {
            gen.Sample(predicate, seed: seed, iter: 1, threads: 1);
        }
    }
}
