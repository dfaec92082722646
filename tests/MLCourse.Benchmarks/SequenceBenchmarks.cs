using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Sequence;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>An LSTM layer over 32 steps (batch 32, 64 features, 64 units) and attention over 128 tokens (d = 64), float64.</summary>
[MemoryDiagnoser]
public class SequenceBenchmarks
{
    private Lstm _lstm = null!;
    private Matrix<double>[] _sequences = null!;
    private TorchSharp.Modules.LSTM _torchLstm = null!;
    private torch.Tensor _batch = null!;
    private SelfAttention _attention = null!;
    private Matrix<double> _tokens = null!;
    private torch.Tensor _tq = null!;

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
    }

    [Benchmark(Description = "LSTM layer forward, 32 × 32 steps, from scratch, one sequence at a time (BPTT caches)")]
    public double LstmScratch() => _sequences.Sum(s => _lstm.Forward(s).Steps[^1].Hidden[0]);

    [Benchmark(Description = "LSTM layer forward, 32 × 32 steps, from scratch, batched (Gemm, 1 thread)")]
    public double LstmScratchBatched()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        return _lstm.ForwardBatch(_sequences)[0][31, 0];
    }

    [Benchmark(Description = "LSTM layer forward, 32 × 32 steps, TorchSharp")]
    public double LstmTorch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return _torchLstm.forward(_batch, null).Item1.data<double>()[0];
    }

    [Benchmark(Description = "self-attention 128 tokens, d = 64, from scratch")]
    public Matrix<double> AttentionScratch() => _attention.Forward(_tokens).Output;

    [Benchmark(Description = "scaled dot-product attention 128 × 64, TorchSharp")]
    public double AttentionTorch()
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.mm(_tq, _tq.T) / Math.Sqrt(64);
        return torch.mm(torch.softmax(scores, 1), _tq).data<double>()[0];
    }
}
