using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>Conv2d (the fast path and the readable sliding-window reference) and max pooling (fast and readable), batch 64, 1 → 8 channels, 3×3, on 28×28 images and on the digits' 8×8, float64 on both sides, one thread.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ConvolutionBenchmarks
{
    private ImageBatch _x = null!;
    private ImageBatch _gradient = null!;
    private ImageBatch _output = null!;
    private Conv2d _conv = null!;
    private MaxPool2d _pool = null!;
    private ImageBatch _poolInput = null!;
    private torch.Tensor _tx = null!;
    private torch.Tensor _tw = null!;
    private torch.Tensor _tb = null!;
    private torch.Tensor _tg = null!;

    /// <summary>Image side: 28 (MNIST-sized) or 8 (the course's digits).</summary>
    [Params(28, 8)]
    public int Side { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var random = new Random(1);
        int outSide = Side - 2;
        _x = new ImageBatch(64, 1, Side, Side, Enumerable.Range(0, 64 * Side * Side).Select(_ => random.NextDouble()).ToArray());
        _conv = new Conv2d(1, 8, 3);
        for (int i = 0; i < _conv.Weights.Data.Length; i++) _conv.Weights.Data[i] = random.NextDouble() - 0.5;
        _gradient = new ImageBatch(64, 8, outSide, outSide, Enumerable.Range(0, 64 * 8 * outSide * outSide).Select(_ => random.NextDouble()).ToArray());
        _output = _gradient.ZerosLike();
        _pool = new MaxPool2d(2);
        _poolInput = _gradient;
        _tx = _x.ToTensor().requires_grad_(true);
        _tw = _conv.Weights.ToTensor().requires_grad_(true);
        _tb = torch.tensor(_conv.Bias, torch.float64).requires_grad_(true);
        _tg = _gradient.ToTensor();
    }

    [Benchmark(Description = "conv2d forward, from scratch")]
    [BenchmarkCategory("conv2d forward")]
    public ImageBatch ConvForwardScratch() => _conv.ForwardFast(_x).Output;

    // The result released when done, as TorchSharp's dispose scope releases its tensor: the next call's result
    // reuses the array (ImageBatch.Dispose) instead of a fresh large-object-heap array per call.
    [Benchmark(Description = "conv2d forward, result disposed, from scratch")]
    [BenchmarkCategory("conv2d forward")]
    public double ConvForwardDisposedScratch()
    {
        using ImageBatch z = _conv.ForwardFast(_x).Output;
        return z.Data[0];
    }

    // The kernel without the cost of a new result array per call (TorchSharp's allocator reuses its memory).
    [Benchmark(Description = "conv2d forward into a reused output, from scratch")]
    [BenchmarkCategory("conv2d forward")]
    public ImageBatch ConvForwardReusedScratch() => _conv.ForwardFast(_x, _output).Output;

    [Benchmark(Description = "conv2d forward, sliding window (readable)")]
    [BenchmarkCategory("conv2d forward")]
    public ImageBatch ConvForwardReadable() => _conv.Forward(_x).Output;

    [Benchmark(Baseline = true, Description = "conv2d forward, TorchSharp")]
    [BenchmarkCategory("conv2d forward")]
    public double ConvForwardTorch()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return torch.nn.functional.conv2d(_tx, _tw, _tb).data<double>()[0];
    }

    [Benchmark(Description = "conv2d forward+backward, from scratch")]
    [BenchmarkCategory("conv2d forward+backward")]
    public ImageBatch ConvBackwardScratch() => _conv.BackwardFast(_conv.ForwardFast(_x), _gradient).Input;

    [Benchmark(Description = "conv2d forward+backward, sliding window (readable)")]
    [BenchmarkCategory("conv2d forward+backward")]
    public ImageBatch ConvBackwardReadable() => _conv.Backward(_conv.Forward(_x), _gradient).Input;

    [Benchmark(Baseline = true, Description = "conv2d forward+backward, TorchSharp")]
    [BenchmarkCategory("conv2d forward+backward")]
    public double ConvBackwardTorch()
    {
        using var scope = torch.NewDisposeScope();
        _tx.grad?.zero_(); _tw.grad?.zero_(); _tb.grad?.zero_();
        (torch.nn.functional.conv2d(_tx, _tw, _tb) * _tg).sum().backward();
        return _tw.grad!.data<double>()[0];
    }

    [Benchmark(Description = "max-pool 2×2 forward+backward, from scratch")]
    [BenchmarkCategory("max-pool")]
    public ImageBatch PoolScratch()
    {
        var pass = _pool.ForwardFast(_poolInput);
        return _pool.BackwardFast(pass, pass.Output).Input;
    }

    [Benchmark(Description = "max-pool 2×2 forward+backward, readable")]
    [BenchmarkCategory("max-pool")]
    public ImageBatch PoolReadable()
    {
        var pass = _pool.Forward(_poolInput);
        return _pool.Backward(pass, pass.Output).Input;
    }

    [Benchmark(Baseline = true, Description = "max-pool 2×2 forward+backward, TorchSharp")]
    [BenchmarkCategory("max-pool")]
    public double PoolTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = _tg.detach().requires_grad_(true);
        var y = torch.nn.functional.max_pool2d(x, [2, 2]);
        (y * y.detach()).sum().backward();
        return x.grad!.data<double>()[0];
    }
}
