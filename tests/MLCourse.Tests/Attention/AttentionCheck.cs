using MathNet.Numerics.LinearAlgebra;
using TorchSharp;

namespace MLCourse.Tests.Attention;

/// <summary>Seeded random inputs and the largest difference from a TorchSharp tensor.</summary>
internal static class AttentionCheck
{
    public static Matrix<double> Random(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 2 - 1);

    public static Vector<double> RandomVector(Random random, int count) =>
        Vector<double>.Build.Dense(count, _ => random.NextDouble() * 2 - 1);

    /// <summary>max |expected − actual|, <paramref name="actual"/> read row by row; ∞ if the counts differ.</summary>
    public static double Max(torch.Tensor expected, IEnumerable<double> actual)
    {
        double[] e = expected.detach().contiguous().data<double>().ToArray(), a = actual.ToArray();
        return e.Length != a.Length || e.Length == 0
            ? double.PositiveInfinity
            : e.Zip(a, (x, y) => Math.Abs(x - y)).Max();
    }

    /// <inheritdoc cref="Max(torch.Tensor, IEnumerable{double})"/>
    public static double Max(torch.Tensor expected, Matrix<double> actual) => Max(expected, actual.ToRowMajorArray());

    /// <summary>The gradient autograd left in <paramref name="module"/>'s parameter <paramref name="name"/>.</summary>
    public static torch.Tensor Grad(torch.nn.Module module, string name) =>
        module.named_parameters().First(p => p.name == name).parameter.grad!;
}
