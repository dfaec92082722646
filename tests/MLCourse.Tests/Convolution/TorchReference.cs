using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Convolution;

/// <summary>Helpers that run the same computation in TorchSharp (float64, autograd) for comparison.</summary>
internal static class TorchReference
{
    public static ImageBatch Random(Random random, int n, int c, int h, int w) =>
        new(n, c, h, w, Enumerable.Range(0, n * c * h * w).Select(_ => random.NextDouble() * 2 - 1).ToArray());

    /// <summary>Largest absolute difference between two equally shaped arrays.</summary>
    public static double MaxDifference(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
    }

    public static double[] Values(torch.Tensor t) => t.detach().contiguous().data<double>().ToArray();

    /// <summary>Σ (output ⊙ g): a scalar whose gradient with respect to the output is g.</summary>
    public static torch.Tensor Project(torch.Tensor output, ImageBatch g) => (output * g.ToTensor()).sum();
}
