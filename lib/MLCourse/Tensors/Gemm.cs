namespace MLCourse.Tensors;

/// <summary>
/// General matrix multiply C = A·B from scratch, in float64. <see cref="Multiply"/> here is the
/// definition as code; <see cref="MultiplyFast(double[], double[], double[], int, int, int)"/>
/// (<c>Gemm.Fast.cs</c>) computes the same numbers, up to rounding, blocked, packed and with SIMD,
/// and is what the layers call.
/// </summary>
public static partial class Gemm
{
    /// <summary>
    /// C = A·B by the definition, c_ij = Σ_p a_ip·b_pj, one entry at a time — the triple loop the
    /// fast path computes the same numbers as, up to rounding; a test checks it.
    /// </summary>
    /// <param name="a">Row-major (m, k).</param>
    /// <param name="b">Row-major (k, n).</param>
    /// <param name="c">Row-major (m, n), overwritten.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <exception cref="ArgumentException">A size below 0, or an array shorter than its size says (the same checks
    /// as the fast twin).</exception>
    public static void Multiply(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        RequireSizes(m, k, n);
        RequireLength(nameof(a), new Operand(a, 0), m, k);
        RequireLength(nameof(b), new Operand(b, 0), k, n);
        RequireLength(nameof(c), new Operand(c, 0), m, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }
}
