using BenchmarkDotNet.Attributes;
using MLCourse.Convolution;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>Conv2d and max pooling, batch 64, 1 → 8 channels, 28×28, 3×3, float64 on both sides.</summary>
[MemoryDiagnoser]
public class ConvolutionBenchmarks
{
    private ImageBatch _x = null!;
    private ImageBatch _gradient = null!;
    private Conv2d _conv = null!;
    private MaxPool2d _pool = null!;
    private ImageBatch _poolInput = null!;
    private torch.Tensor _tx = null!;
    private torch.Tensor _tw = null!;
    private torch.Tensor _tb = null!;
    private torch.Tensor _tg = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var random = new Random(1);
        _x = new ImageBatch(64, 1, 28, 28, Enumerable.Range(0, 64 * 28 * 28).Select(_ => random.NextDouble()).ToArray());
        _conv = new Conv2d(1, 8, 3);
        for (int i = 0; i < _conv.Weights.Data.Length; i++) _conv.Weights.Data[i] = random.NextDouble() - 0.5;
        _gradient = new ImageBatch(64, 8, 26, 26, Enumerable.Range(0, 64 * 8 * 26 * 26).Select(_ => random.NextDouble()).ToArray());
        _pool = new MaxPool2d(2);
        _poolInput = _gradient;
        _tx = _x.ToTensor().requires_grad_(true);
        _tw = _conv.Weights.ToTensor().requires_grad_(true);
        _tb = torch.tensor(_conv.Bias, torch.float64).requires_grad_(true);
        _tg = _gradient.ToTensor();
    }

    [Benchmark(Description = "conv2d forward, from scratch")]
    public ImageBatch ConvForwardScratch() => _conv.Forward(_x);

    [Benchmark(Description = "conv2d forward, TorchSharp")]
    public double ConvForwardTorch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return torch.nn.functional.conv2d(_tx, _tw, _tb).data<double>()[0];
    }

    [Benchmark(Description = "conv2d forward+backward, from scratch")]
    public ImageBatch ConvBackwardScratch()
    {
        _conv.Forward(_x);
        return _conv.Backward(_gradient);
    }

    [Benchmark(Description = "conv2d forward+backward, TorchSharp")]
    public double ConvBackwardTorch()
    {
        using var scope = torch.NewDisposeScope();
        _tx.grad?.zero_(); _tw.grad?.zero_(); _tb.grad?.zero_();
        (torch.nn.functional.conv2d(_tx, _tw, _tb) * _tg).sum().backward();
        return _tw.grad!.data<double>()[0];
    }

    [Benchmark(Description = "max-pool 2×2 forward+backward, from scratch")]
    public ImageBatch PoolScratch()
    {
        var output = _pool.Forward(_poolInput);
        return _pool.Backward(output);
    }

    [Benchmark(Description = "max-pool 2×2 forward+backward, TorchSharp")]
    public double PoolTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = _tg.detach().requires_grad_(true);
        var y = torch.nn.functional.max_pool2d(x, [2, 2]);
        (y * y.detach()).sum().backward();
        return x.grad!.data<double>()[0];
    }
}
