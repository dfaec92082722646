using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>
/// Matrix multiply in float64: the library's from-scratch <see cref="Gemm"/> on one thread and on
/// two, MathNet's managed provider, and TorchSharp on one thread.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LinearAlgebraBenchmarks
{
    private Matrix<double> _a = null!;
    private Matrix<double> _b = null!;
    private torch.Tensor _ta = null!;
    private torch.Tensor _tb = null!;

    [Params(256, 512, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var random = new Random(2);
        _a = Matrix<double>.Build.Dense(Size, Size, (_, _) => random.NextDouble());
        _b = Matrix<double>.Build.Dense(Size, Size, (_, _) => random.NextDouble());
        _ta = _a.ToTensor();
        _tb = _b.ToTensor();
    }

    [Benchmark(Description = "matrix multiply, from scratch (Gemm), 1 thread")]
    [BenchmarkCategory("matrix multiply")]
    public Matrix<double> MultiplyGemmOneThread()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        return Gemm.MultiplyFast(_a, _b);
    }

    [Benchmark(Description = "matrix multiply, from scratch (Gemm), 2 threads")]
    [BenchmarkCategory("matrix multiply")]
    public Matrix<double> MultiplyGemmTwoThreads()
    {
        Gemm.MaxDegreeOfParallelism = 2;
        return Gemm.MultiplyFast(_a, _b);
    }

    [Benchmark(Description = "matrix multiply, MathNet managed")]
    [BenchmarkCategory("matrix multiply")]
    public Matrix<double> MultiplyMathNet() => _a * _b;

    [Benchmark(Baseline = true, Description = "matrix multiply, TorchSharp")]
    [BenchmarkCategory("matrix multiply")]
    public double MultiplyTorch()
    {
        using var scope = torch.NewDisposeScope();
        return torch.mm(_ta, _tb).data<double>()[0];
    }
}
