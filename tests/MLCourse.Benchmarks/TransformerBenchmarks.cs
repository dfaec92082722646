using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Benchmarks;

/// <summary>One-hot encoding and binning of one million values (target: at least 10 million values per second).</summary>
[MemoryDiagnoser]
public class TransformerBenchmarks
{
    private const int Rows = 1_000_000;
    private string?[][] _categories = null!;
    private FittedOneHotEncoder _encoder = null!;
    private Matrix<double> _values = null!;
    private FittedKBinsDiscretizer _bins = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(4);
        string[] names = ["drizzle", "fog", "rain", "snow", "sun"];
        _categories = Enumerable.Range(0, Rows).Select(_ => new string?[] { names[random.Next(5)] }).ToArray();
        _encoder = new OneHotEncoder().Fit(_categories);
        _values = Matrix<double>.Build.Dense(Rows, 1, (_, _) => random.NextDouble() * 40 - 5);
        _bins = new KBinsDiscretizer(8, BinStrategy.Uniform, BinEncoding.Ordinal).Fit(_values);
    }

    [Benchmark(Description = "one-hot transform, 1e6 rows")]
    public Matrix<double> OneHot() => _encoder.Transform(_categories);

    [Benchmark(Description = "uniform binning transform, 1e6 values")]
    public Matrix<double> Binning() => _bins.Transform(_values);
}
