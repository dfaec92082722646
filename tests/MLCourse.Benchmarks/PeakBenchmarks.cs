using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace MLCourse.Benchmarks;

/// <summary>
/// The machine's measured float64 peak: independent fused multiply-adds that never touch memory.
/// Each benchmark reports nanoseconds per floating-point operation (an FMA counts as 2), so
/// GFLOP/s = 1 / Mean in ns. This is the ceiling the matrix-multiply goal is measured against.
/// </summary>
public class PeakBenchmarks
{
    // Ten accumulators: enough independent chains to hide the FMA latency on two FMA pipes.
    private const int Chains = 10;
    private const int Iterations = 1_000_000;
    private const int FlopsPerThread = Chains * 4 * 2 * Iterations;   // 4 doubles per Vector256, FMA = 2

    [Benchmark(Description = "fp64 FMA peak, 1 thread", OperationsPerInvoke = FlopsPerThread)]
    public double OneThread() => FusedMultiplyAdds();

    [Benchmark(Description = "fp64 FMA peak, 2 threads", OperationsPerInvoke = 2 * FlopsPerThread)]
    public double TwoThreads()
    {
        var results = new double[2];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = FusedMultiplyAdds());
        return results[0] + results[1];
    }

    private static double FusedMultiplyAdds()
    {
        Vector256<double> a = Vector256.Create(0.999999), b = Vector256.Create(1e-9);
        Vector256<double> s0 = a, s1 = a, s2 = a, s3 = a, s4 = a, s5 = a, s6 = a, s7 = a, s8 = a, s9 = a;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector256.FusedMultiplyAdd(s0, a, b);
            s1 = Vector256.FusedMultiplyAdd(s1, a, b);
            s2 = Vector256.FusedMultiplyAdd(s2, a, b);
            s3 = Vector256.FusedMultiplyAdd(s3, a, b);
            s4 = Vector256.FusedMultiplyAdd(s4, a, b);
            s5 = Vector256.FusedMultiplyAdd(s5, a, b);
            s6 = Vector256.FusedMultiplyAdd(s6, a, b);
            s7 = Vector256.FusedMultiplyAdd(s7, a, b);
            s8 = Vector256.FusedMultiplyAdd(s8, a, b);
            s9 = Vector256.FusedMultiplyAdd(s9, a, b);
        }
        return Vector256.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9);
    }
}
