using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;

namespace MLCourse.Tests.Tensors;

/// <summary>The from-scratch matrix multiply against MathNet's and against the plain triple loop.</summary>
public class GemmTests
{
    private static Matrix<double> Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 2 - 1);
    }

    // Shapes below, at and across the micro-tile (6 × 8), the depth block (256), the row block (120)
    // and the column block (1024), tall and wide.
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(6, 9, 8)]
    [InlineData(7, 5, 3)]
    [InlineData(13, 300, 17)]
    [InlineData(130, 70, 1030)]
    [InlineData(250, 600, 130)]
    [InlineData(8, 9, 2704)]
    public void Matches_MathNet(int m, int k, int n)
    {
        Matrix<double> a = Random(m, k, 1), b = Random(k, n, 2);

        Matrix<double> product = Gemm.MultiplyFast(a, b);

        Assert.True((product - a * b).Enumerate().Max(Math.Abs) < 1e-12 * k, $"({m}, {k}) · ({k}, {n})");
    }

    [Fact]
    public void The_fast_path_and_the_readable_reference_agree()
    {
        var random = new Random(21);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 13, 5), (37, 64, 29), (130, 70, 260) })   // inside one block and across blocks
        {
            double[] a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] fast = new double[m * n], direct = new double[m * n];

            Gemm.MultiplyFast(a, b, fast, m, k, n);
            Gemm.Multiply(a, b, direct, m, k, n);

            Assert.True(fast.Zip(direct).Max(p => Math.Abs(p.First - p.Second)) < 1e-12 * k, $"({m}, {k}) · ({k}, {n})");
        }
    }

    [Fact]
    public void Matches_the_triple_loop_on_random_shapes()
    {
        PropertySeeds.Check(Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40], Gen.Int[1, 40], Gen.Int), t =>
        {
            var (m, k, n, seed) = t;
            var random = new Random(seed);
            double[] a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble()).ToArray();
            double[] b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble()).ToArray();
            double[] c = new double[m * n];

            Gemm.MultiplyFast(a, b, c, m, k, n);

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double expected = 0;
                    for (int p = 0; p < k; p++)
                    {
                        expected += a[i * k + p] * b[p * n + j];
                    }
                    if (Math.Abs(c[i * n + j] - expected) > 1e-12 * k)
                    {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    [Fact]
    public void Gives_the_same_bits_on_one_thread_and_on_many()
    {
        Matrix<double> a = Random(300, 200, 3), b = Random(200, 90, 4);
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 1;
            Matrix<double> one = Gemm.MultiplyFast(a, b);
            Gemm.MaxDegreeOfParallelism = 4;
            Matrix<double> many = Gemm.MultiplyFast(a, b);

            Assert.Equal(one.ToColumnMajorArray(), many.ToColumnMajorArray());
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    [Fact]
    public void Mismatched_inner_dimensions_are_an_error_naming_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.MultiplyFast(Random(2, 3, 1), Random(4, 5, 2)));

        Assert.StartsWith("Gemm: b must have shape (3, n) to match a's 3 columns, but has shape (4, 5).", error.Message);
    }
}
