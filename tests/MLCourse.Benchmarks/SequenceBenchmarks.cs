using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Sequence;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>An LSTM layer over 32 steps (batch 32, 64 features, 64 units) and one-head self-attention over 128 tokens (d = 64), float64, one thread.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SequenceBenchmarks
{
    private Lstm _lstm = null!;
    private Matrix<double>[] _sequences = null!;
    private TorchSharp.Modules.LSTM _torchLstm = null!;
    private torch.Tensor _batch = null!;
    private SelfAttention _attention = null!;
    private Matrix<double> _tokens = null!;
    private torch.Tensor _tq = null!;
    private torch.Tensor[] _tw = null!;
    private torch.Tensor[] _tb = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var random = new Random(3);
        _lstm = new Lstm(64, 64, random);
        _sequences = Enumerable.Range(0, 32).Select(_ => Matrix<double>.Build.Dense(32, 64, (_, _) => random.NextDouble())).ToArray();
        _torchLstm = torch.nn.LSTM(64, 64, batchFirst: true, dtype: torch.float64);
        _lstm.CopyTo(_torchLstm);
        _batch = torch.stack(_sequences.Select(s => s.ToTensor())); // (32, 32, 64)
        _attention = new SelfAttention(64, 1, random);
        _tokens = Matrix<double>.Build.Dense(128, 64, (_, _) => random.NextDouble());
        _tq = _tokens.ToTensor();
        _tw = [_attention.Wq.ToTensor(), _attention.Wk.ToTensor(), _attention.Wv.ToTensor(), _attention.Wo.ToTensor()];
        _tb = [_attention.Bq.ToTensor(), _attention.Bk.ToTensor(), _attention.Bv.ToTensor(), _attention.Bo.ToTensor()];
    }

    [Benchmark(Description = "LSTM layer forward, 32 × 32 steps, from scratch, one sequence at a time (BPTT caches)")]
    [BenchmarkCategory("LSTM")]
    public double LstmScratch() => _sequences.Sum(s => _lstm.Forward(s).Steps[^1].Hidden[0]);

    [Benchmark(Description = "LSTM layer forward, 32 × 32 steps, from scratch, batched (Gemm, 1 thread)")]
    [BenchmarkCategory("LSTM")]
    public double LstmScratchBatched()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        return _lstm.ForwardFast(_sequences)[0][31, 0];
    }

    [Benchmark(Baseline = true, Description = "LSTM layer forward, 32 × 32 steps, TorchSharp")]
    [BenchmarkCategory("LSTM")]
    public double LstmTorch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return _torchLstm.forward(_batch, null).Item1.data<double>()[0];
    }

    [Benchmark(Description = "self-attention 128 tokens, d = 64 (projections, softmax(QKᵀ/√d)·V, output), from scratch")]
    [BenchmarkCategory("self-attention")]
    public Matrix<double> AttentionScratch()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        return _attention.ForwardFast(_tokens);
    }

    [Benchmark(Description = "self-attention 128 tokens, d = 64, readable (every head's scores and weights kept)")]
    [BenchmarkCategory("self-attention")]
    public Matrix<double> AttentionReadable()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        return _attention.Forward(_tokens).Output;
    }

    // The same computation with the same weights in TorchSharp ops, so the two do equal work.
    [Benchmark(Baseline = true, Description = "self-attention 128 tokens, d = 64 (projections, softmax(QKᵀ/√d)·V, output), TorchSharp")]
    [BenchmarkCategory("self-attention")]
    public double AttentionTorch()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.nn.functional.linear(_tq, _tw[0], _tb[0]);
        var k = torch.nn.functional.linear(_tq, _tw[1], _tb[1]);
        var v = torch.nn.functional.linear(_tq, _tw[2], _tb[2]);
        var z = torch.mm(torch.softmax(torch.mm(q, k.T) / Math.Sqrt(64), 1), v);
        return torch.nn.functional.linear(z, _tw[3], _tb[3]).data<double>()[0];
    }
}
