using System.Buffers;
using System.Numerics;
using Vector = System.Numerics.Vector;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using Simd = System.Numerics.Vector<double>;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>
/// The fast path of <see cref="Gemm"/>: C = A·B built the way fast BLAS libraries are
/// (Goto's algorithm): the operands are cut into blocks that fit the caches, each block is packed
/// into a contiguous panel once, and a small register-blocked micro-kernel computes a
/// <see cref="MicroRows"/> × <see cref="MicroColumns"/> tile of C with SIMD fused multiply-adds.
/// </summary>
/// <remarks>
/// The naive triple loop c_ij = Σ_p a_ip·b_pj does two loads per multiply-add and walks B down its
/// columns, so it waits on memory. Here each step of the micro-kernel loads one short row of the B
/// panel (two SIMD vectors) and six scalars of the A panel, and updates twelve accumulators that
/// stay in registers for the whole depth of the panel: twelve FMAs for eight loads.
/// Work is split into independent strips of C across the cores; every element of C is summed in
/// the same order whatever the split, so results do not depend on the thread count.
/// Buffers come from a pool, so a call allocates nothing per element. Benchmarked against MathNet's
/// managed provider and TorchSharp in <c>tests/MLCourse.Benchmarks</c> (docs/performance.md).
/// </remarks>
public static partial class Gemm
{
    /// <summary>Rows of C computed by one micro-kernel call.</summary>
    public const int MicroRows = 6;

    /// <summary>Columns of C computed by one micro-kernel call: two SIMD vectors (8 doubles with AVX2).</summary>
    public static readonly int MicroColumns = 2 * Simd.Count;

    private const int DepthBlock = 256;    // KC: a 256 × 8 B micro-panel (16 KB) stays in L1
    private const int RowBlock = 120;      // MC: a 120 × 256 A block (240 KB) stays in L2
    private const int ColumnBlock = 1024;  // NC: a 256 × 1024 B panel (2 MB) stays in L3
    private const long ParallelThreshold = 64L * 64 * 64;   // below this many multiply-adds, one thread is faster
    private const int ShallowDepth = 16;   // k up to this: rows of C as sums of scaled rows of B (no packing)

    /// <summary>The most threads one product uses; defaults to the number of cores.</summary>
    public static int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>C = A·B for dense MathNet matrices.</summary>
    /// <param name="a">Shape (m, k).</param>
    /// <param name="b">Shape (k, n).</param>
    /// <returns>A new (m, n) matrix.</returns>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static Matrix<double> MultiplyFast(Matrix<double> a, Matrix<double> b)
    {
        Require.NotNull("Gemm", nameof(a), a);
        Require.NotNull("Gemm", nameof(b), b);
        if (a.ColumnCount != b.RowCount)
        {
            throw ErrorMessage.Shape("Gemm", nameof(b), $"({a.ColumnCount}, n) to match a's {a.ColumnCount} columns",
                ErrorMessage.FormatShape(b.RowCount, b.ColumnCount));
        }
        var c = Matrix<double>.Build.Dense(a.RowCount, b.ColumnCount);
        // MathNet stores column-major, which is the row-major transpose: Cᵀ = Bᵀ·Aᵀ in row-major terms.
        MultiplyFast(b.AsColumnMajorArray() ?? b.ToColumnMajorArray(),
            a.AsColumnMajorArray() ?? a.ToColumnMajorArray(), c.AsColumnMajorArray(),
            b.ColumnCount, a.ColumnCount, a.RowCount);
        return c;
    }

    /// <summary>C = A·B for row-major arrays; C is overwritten.</summary>
    /// <param name="a">A, row-major, m·k values.</param>
    /// <param name="b">B, row-major, k·n values.</param>
    /// <param name="c">C, row-major, m·n values, written.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <exception cref="ArgumentException">A length does not match its shape.</exception>
    public static void MultiplyFast(double[] a, double[] b, double[] c, int m, int k, int n) =>
        MultiplyFast(new Operand(a, 0), new Operand(b, 0), new Operand(c, 0), m, k, n);

    /// <summary>
    /// C = A·B where each matrix is a row-major block of an array starting at an offset (as BLAS
    /// takes pointers), so slices of a batch need no copy; C's block is overwritten.
    /// </summary>
    /// <param name="a">A (m, k).</param>
    /// <param name="b">B (k, n).</param>
    /// <param name="c">C (m, n), written.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <exception cref="ArgumentException">An array is too short for its offset and shape.</exception>
    public static void MultiplyFast(Operand a, Operand b, Operand c, int m, int k, int n)
    {
        RequireSizes(m, k, n);
        RequireLength(nameof(a), a, m, k);
        RequireLength(nameof(b), b, k, n);
        RequireLength(nameof(c), c, m, n);
        Array.Clear(c.Values, c.Offset, m * n);
        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }
        if (k <= ShallowDepth && (long)m * n * k < ParallelThreshold)
        {
            Shallow(a, b, c, m, k, n);
            return;
        }
        int threads = (long)m * n * k < ParallelThreshold ? 1 : Math.Max(1, MaxDegreeOfParallelism);
        // Independent strips of C: rows when C is tall, columns when it is wide (conv's im2col products are wide).
        bool byRows = m >= n;
        int extent = byRows ? m : n;
        int unit = byRows ? MicroRows : MicroColumns;
        int strips = Math.Min(threads, (extent + unit - 1) / unit);
        int stripSize = ((extent + strips - 1) / strips + unit - 1) / unit * unit;
        Parallel.For(0, strips, new ParallelOptions { MaxDegreeOfParallelism = strips }, s =>
        {
            int start = s * stripSize;
            int size = Math.Min(stripSize, extent - start);
            if (size > 0)
            {
                if (byRows)
                {
                    Blocked(a, b, c, start, size, 0, n, k, n);
                }
                else
                {
                    Blocked(a, b, c, 0, m, start, size, k, n);
                }
            }
        });
    }

    // For a shallow product (convolution's im2col with a 3×3 kernel has k = 9) packing costs more
    // than it saves: C[i, :] = Σ_p A[i, p]·B[p, :], each term one SIMD pass over a contiguous row of B.
    // Every element is still summed over p in order, as in the blocked path.
    private static void Shallow(Operand a, Operand b, Operand c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            ref double row = ref c.Values[c.Offset + i * n];
            for (int p = 0; p < k; p++)
            {
                double scale = a.Values[a.Offset + i * k + p];
                ref double source = ref b.Values[b.Offset + p * n];
                var scaleVector = new Simd(scale);
                nuint j = 0;
                for (; (int)j <= n - Simd.Count; j += (nuint)Simd.Count)
                {
                    Vector.FusedMultiplyAdd(scaleVector, Vector.LoadUnsafe(ref source, j),
                        Vector.LoadUnsafe(ref row, j)).StoreUnsafe(ref row, j);
                }
                for (; (int)j < n; j++)
                {
                    Unsafe.Add(ref row, j) =
                        Math.FusedMultiplyAdd(scale, Unsafe.Add(ref source, j), Unsafe.Add(ref row, j));
                }
            }
        }
    }

    private static void RequireSizes(int m, int k, int n)
    {
        foreach ((string name, int size) in new[] { (nameof(m), m), (nameof(k), k), (nameof(n), n) })
        {
            if (size < 0)
            {
                throw ErrorMessage.OutOfRange("Gemm", name, $"at least 0 (m = {m}, k = {k}, n = {n})", size);
            }
        }
    }

    private static void RequireLength(string argument, Operand operand, int rows, int columns)
    {
        if (operand.Values is null)
        {
            throw ErrorMessage.Null("Gemm", argument);
        }
        if (operand.Offset < 0 || operand.Values.Length - (long)operand.Offset < (long)rows * columns)
        {
            throw ErrorMessage.Shape("Gemm", argument,
                $"({rows}, {columns}) = {(long)rows * columns} values from offset {operand.Offset}",
                $"{operand.Values.Length} values");
        }
    }

    // The rows [row0, row0 + rows) × columns [col0, col0 + cols) of C, by Goto's loop nest:
    // column panels of B (NC), depth blocks (KC), row blocks of A (MC), then micro-tiles.
    private static void Blocked(Operand a, Operand b, Operand c, int row0, int rows, int col0, int cols, int k, int n)
    {
        int nr = MicroColumns;
        double[] packedB = ArrayPool<double>.Shared.Rent(DepthBlock * (ColumnBlock + nr));
        double[] packedA = ArrayPool<double>.Shared.Rent(DepthBlock * (RowBlock + MicroRows));
        try
        {
            for (int jc = 0; jc < cols; jc += ColumnBlock)
            {
                int nc = Math.Min(ColumnBlock, cols - jc);
                for (int pc = 0; pc < k; pc += DepthBlock)
                {
                    int kc = Math.Min(DepthBlock, k - pc);
                    PackB(b, packedB, pc, kc, col0 + jc, nc, n);
                    for (int ic = 0; ic < rows; ic += RowBlock)
                    {
                        int mc = Math.Min(RowBlock, rows - ic);
                        PackA(a, packedA, row0 + ic, mc, pc, kc, k);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            for (int ir = 0; ir < mc; ir += MicroRows)
                            {
                                MicroKernel(kc, packedA.AsSpan(ir * kc), packedB.AsSpan(jr * kc), c.Values,
                                    c.Offset + (row0 + ic + ir) * n + col0 + jc + jr, n,
                                        Math.Min(MicroRows, mc - ir), Math.Min(nr, nc - jr));
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedA);
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    // A[i0 .. i0+mc, p0 .. p0+kc] as panels of MicroRows rows, each stored depth-major
    // (for each p, the panel's MicroRows values), rows past the end padded with zeros.
    private static void PackA(Operand a, double[] packed, int i0, int mc, int p0, int kc, int k)
    {
        int index = 0;
        for (int ir = 0; ir < mc; ir += MicroRows)
        {
            for (int p = 0; p < kc; p++)
            {
                for (int r = 0; r < MicroRows; r++)
                {
                    packed[index++] = ir + r < mc ? a.Values[a.Offset + (i0 + ir + r) * k + p0 + p] : 0.0;
                }
            }
        }
    }

    // B[p0 .. p0+kc, j0 .. j0+nc] as panels of MicroColumns columns, each stored depth-major
    // (for each p, the panel's MicroColumns values), columns past the end padded with zeros.
    private static void PackB(Operand b, double[] packed, int p0, int kc, int j0, int nc, int n)
    {
        int nr = MicroColumns;
        int index = 0;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int width = Math.Min(nr, nc - jr);
            for (int p = 0; p < kc; p++)
            {
                b.Values.AsSpan(b.Offset + (p0 + p) * n + j0 + jr, width).CopyTo(packed.AsSpan(index, width));
                packed.AsSpan(index + width, nr - width).Clear();
                index += nr;
            }
        }
    }

    // C[tile] += Apanel (rows × kc) · Bpanel (kc × cols): twelve accumulators (six rows × two
    // vectors) live in registers for the whole depth, then go to C through a stack tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, ReadOnlySpan<double> aPanel,
        ReadOnlySpan<double> bPanel, double[] c, int cOffset, int ldc, int rows, int cols)
    {
        int vl = Simd.Count;
        ref double ap = ref MemoryMarshal.GetReference(aPanel);
        ref double bp = ref MemoryMarshal.GetReference(bPanel);
        Simd c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Simd c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Simd b0 = Vector.LoadUnsafe(ref bp, (nuint)(2 * p * vl));
            Simd b1 = Vector.LoadUnsafe(ref bp, (nuint)((2 * p + 1) * vl));
            ref double ar = ref Unsafe.Add(ref ap, p * MicroRows);
            var a0 = new Simd(ar);
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector.FusedMultiplyAdd(a0, b1, c01);
            var a1 = new Simd(Unsafe.Add(ref ar, 1));
            c10 = Vector.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector.FusedMultiplyAdd(a1, b1, c11);
            var a2 = new Simd(Unsafe.Add(ref ar, 2));
            c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
            var a3 = new Simd(Unsafe.Add(ref ar, 3));
            c30 = Vector.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector.FusedMultiplyAdd(a3, b1, c31);
            var a4 = new Simd(Unsafe.Add(ref ar, 4));
            c40 = Vector.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector.FusedMultiplyAdd(a4, b1, c41);
            var a5 = new Simd(Unsafe.Add(ref ar, 5));
            c50 = Vector.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector.FusedMultiplyAdd(a5, b1, c51);
        }
        // All twelve are stored before anything is called, so the register allocator keeps them in
        // registers through the loop instead of spilling them to the stack on every step.
        Span<double> tile = stackalloc double[MicroRows * 2 * vl];
        ref double t = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref t, 0); c01.StoreUnsafe(ref t, (nuint)vl);
        c10.StoreUnsafe(ref t, (nuint)(2 * vl)); c11.StoreUnsafe(ref t, (nuint)(3 * vl));
        c20.StoreUnsafe(ref t, (nuint)(4 * vl)); c21.StoreUnsafe(ref t, (nuint)(5 * vl));
        c30.StoreUnsafe(ref t, (nuint)(6 * vl)); c31.StoreUnsafe(ref t, (nuint)(7 * vl));
        c40.StoreUnsafe(ref t, (nuint)(8 * vl)); c41.StoreUnsafe(ref t, (nuint)(9 * vl));
        c50.StoreUnsafe(ref t, (nuint)(10 * vl)); c51.StoreUnsafe(ref t, (nuint)(11 * vl));
        AddTile(tile, c, cOffset, ldc, rows, cols);
    }

    // C[rows × cols at cOffset] += tile (MicroRows × MicroColumns, row-major); a partial row (the
    // right edge of C) goes element by element.
    private static void AddTile(ReadOnlySpan<double> tile, double[] c, int cOffset, int ldc, int rows, int cols)
    {
        int vl = Simd.Count;
        for (int r = 0; r < rows; r++)
        {
            Span<double> target = c.AsSpan(cOffset + r * ldc, cols);
            ReadOnlySpan<double> source = tile.Slice(r * 2 * vl, cols);
            if (cols == 2 * vl)
            {
                (new Simd(target) + new Simd(source)).CopyTo(target);
                (new Simd(target[vl..]) + new Simd(source[vl..])).CopyTo(target[vl..]);
                continue;
            }
            for (int j = 0; j < cols; j++)
            {
                target[j] += source[j];
            }
        }
    }
}

/// <summary>A row-major matrix stored in <paramref name="Values"/> from <paramref name="Offset"/> on.</summary>
/// <param name="Values">The array holding the matrix.</param>
/// <param name="Offset">Where its first element is.</param>
public readonly record struct Operand(double[] Values, int Offset);
