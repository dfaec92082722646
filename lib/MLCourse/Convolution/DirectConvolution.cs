using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Simd = System.Numerics.Vector<double>;
using Vector = System.Numerics.Vector;

namespace MLCourse.Convolution;

/// <summary>
/// The SIMD kernels of <see cref="Conv2d"/>'s fast path for stride 1: the convolution computed
/// straight from the (zero-padded) image, with no im2col matrix. An output row of filter o is
/// z[o, y, x … x + v − 1] = b[o] + Σ_t W[o, t] · image[tap_t + y·width + x …], one SIMD vector of v
/// outputs at a time, where tap t = (c, i, j) is the offset c·height·width + i·width + j of that
/// filter tap in the padded image: every tap is a contiguous load, because along a row the input a
/// tap sees moves with x. Four filters share each load. A row whose width is not a multiple of v ends
/// with a vector that overlaps the one before (its first lanes are computed twice, the same values).
/// </summary>
internal static class DirectConvolution
{
    /// <summary>The offsets of every tap (c, i, j), in the order of a filter's weights, in a (c, h, w) image.</summary>
    public static int[] Taps(int channels, int kernelHeight, int kernelWidth, int height, int width)
    {
        var taps = new int[channels * kernelHeight * kernelWidth];
        int t = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < kernelHeight; i++)
            {
                for (int j = 0; j < kernelWidth; j++)
                {
                    taps[t++] = (c * height + i) * width + j;
                }
            }
        }
        return taps;
    }

    /// <summary>
    /// target (channels, height + 2·padH, width + 2·padW) = the image with padH zero rows above and below
    /// and padW zero columns left and right; a negative padding crops instead.
    /// </summary>
    public static void Pad(ReadOnlySpan<double> image, int channels, int height, int width, int padH, int padW,
        Span<double> target)
    {
        int targetH = height + 2 * padH, targetW = width + 2 * padW;
        target[..(channels * targetH * targetW)].Clear();
        int firstRow = Math.Max(0, -padH), lastRow = Math.Min(height, targetH - padH);       // source rows kept
        int firstColumn = Math.Max(0, -padW), lastColumn = Math.Min(width, targetW - padW);  // source columns kept
        int length = lastColumn - firstColumn;
        if (length <= 0)
        {
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            for (int y = firstRow; y < lastRow; y++)
            {
                image.Slice((c * height + y) * width + firstColumn, length)
                    .CopyTo(target.Slice((c * targetH + y + padH) * targetW + firstColumn + padW, length));
            }
        }
    }

    /// <summary>
    /// output (filters, outH, outW) = bias + weights (filters, taps) applied to a padded image whose rows
    /// are <paramref name="rowLength"/> long; outW ≥ <see cref="Simd.Count"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<double> image, int rowLength, int[] taps, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> bias, int filters, Span<double> output, int outH, int outW)
    {
        int vl = Simd.Count, k = taps.Length, plane = outH * outW;
        ref double w = ref MemoryMarshal.GetReference(weights);
        ref int tap = ref MemoryArrayRef(taps);
        for (int y = 0; y < outH; y++)
        {
            ref double row = ref Unsafe.Add(ref MemoryMarshal.GetReference(image), y * rowLength);
            for (int x = 0; x < outW; x += vl)
            {
                int x0 = Math.Min(x, outW - vl);
                ref double source = ref Unsafe.Add(ref row, x0);
                int o = 0;
                for (; o + 4 <= filters; o += 4)
                {
                    ref double w0 = ref Unsafe.Add(ref w, o * k);
                    ref double w1 = ref Unsafe.Add(ref w0, k);
                    ref double w2 = ref Unsafe.Add(ref w1, k);
                    ref double w3 = ref Unsafe.Add(ref w2, k);
                    var a0 = new Simd(bias.IsEmpty ? 0 : bias[o]);
                    var a1 = new Simd(bias.IsEmpty ? 0 : bias[o + 1]);
                    var a2 = new Simd(bias.IsEmpty ? 0 : bias[o + 2]);
                    var a3 = new Simd(bias.IsEmpty ? 0 : bias[o + 3]);
                    for (int t = 0; t < k; t++)
                    {
                        Simd v = Vector.LoadUnsafe(ref source, (nuint)Unsafe.Add(ref tap, t));
                        a0 = Vector.FusedMultiplyAdd(new Simd(Unsafe.Add(ref w0, t)), v, a0);
                        a1 = Vector.FusedMultiplyAdd(new Simd(Unsafe.Add(ref w1, t)), v, a1);
                        a2 = Vector.FusedMultiplyAdd(new Simd(Unsafe.Add(ref w2, t)), v, a2);
                        a3 = Vector.FusedMultiplyAdd(new Simd(Unsafe.Add(ref w3, t)), v, a3);
                    }
                    ref double z = ref MemoryMarshal.GetReference(output[(o * plane + y * outW + x0)..]);
                    a0.StoreUnsafe(ref z);
                    a1.StoreUnsafe(ref z, (nuint)plane);
                    a2.StoreUnsafe(ref z, (nuint)(2 * plane));
                    a3.StoreUnsafe(ref z, (nuint)(3 * plane));
                }
                for (; o < filters; o++)
                {
                    ref double w0 = ref Unsafe.Add(ref w, o * k);
                    var a0 = new Simd(bias.IsEmpty ? 0 : bias[o]);
                    for (int t = 0; t < k; t++)
                    {
                        a0 = Vector.FusedMultiplyAdd(new Simd(Unsafe.Add(ref w0, t)),
                            Vector.LoadUnsafe(ref source, (nuint)Unsafe.Add(ref tap, t)), a0);
                    }
                    a0.StoreUnsafe(ref MemoryMarshal.GetReference(output[(o * plane + y * outW + x0)..]));
                }
            }
        }
    }

    /// <summary>
    /// weightGradient (filters, taps) += Σ over output positions of gradient[o, y, x] · image[tap + y·rowLength + x]
    /// — the correlation of the padded image with ∂L/∂z; outW ≥ <see cref="Simd.Count"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(ReadOnlySpan<double> image, int rowLength, int[] taps,
        ReadOnlySpan<double> gradient, int filters, int outH, int outW, Span<double> weightGradient)
    {
        int vl = Simd.Count, k = taps.Length, plane = outH * outW;
        ref double first = ref MemoryMarshal.GetReference(image);
        ref int tap = ref MemoryArrayRef(taps);
        // The last vector of a row may overlap the one before: lanes below `overlap` were counted already.
        int overlap = (outW % vl == 0) ? 0 : vl - outW % vl;
        Simd tailMask = Vector.AsVectorDouble(Vector.GreaterThanOrEqual(Indices, new Vector<long>(overlap)));
        Span<double> sums = stackalloc double[4];
        for (int o = 0; o < filters; o++)
        {
            ref double g = ref MemoryMarshal.GetReference(gradient[(o * plane)..]);
            int t = 0;
            for (; t + 4 <= k; t += 4)
            {
                int t0 = Unsafe.Add(ref tap, t), t1 = Unsafe.Add(ref tap, t + 1);
                int t2 = Unsafe.Add(ref tap, t + 2), t3 = Unsafe.Add(ref tap, t + 3);
                Simd a0 = default, a1 = default, a2 = default, a3 = default;
                for (int y = 0; y < outH; y++)
                {
                    ref double row = ref Unsafe.Add(ref first, y * rowLength);
                    ref double gRow = ref Unsafe.Add(ref g, y * outW);
                    for (int x = 0; x < outW; x += vl)
                    {
                        int x0 = Math.Min(x, outW - vl);
                        Simd gv = Vector.LoadUnsafe(ref gRow, (nuint)x0);
                        if (x0 != x)
                        {
                            gv = Vector.ConditionalSelect(tailMask, gv, Simd.Zero);
                        }
                        ref double source = ref Unsafe.Add(ref row, x0);
                        a0 = Vector.FusedMultiplyAdd(gv, Vector.LoadUnsafe(ref source, (nuint)t0), a0);
                        a1 = Vector.FusedMultiplyAdd(gv, Vector.LoadUnsafe(ref source, (nuint)t1), a1);
                        a2 = Vector.FusedMultiplyAdd(gv, Vector.LoadUnsafe(ref source, (nuint)t2), a2);
                        a3 = Vector.FusedMultiplyAdd(gv, Vector.LoadUnsafe(ref source, (nuint)t3), a3);
                    }
                }
                sums[0] = Vector.Sum(a0); sums[1] = Vector.Sum(a1); sums[2] = Vector.Sum(a2); sums[3] = Vector.Sum(a3);
                for (int r = 0; r < 4; r++)
                {
                    weightGradient[o * k + t + r] += sums[r];
                }
            }
            for (; t < k; t++)
            {
                int t0 = Unsafe.Add(ref tap, t);
                Simd a0 = default;
                for (int y = 0; y < outH; y++)
                {
                    ref double row = ref Unsafe.Add(ref first, y * rowLength);
                    ref double gRow = ref Unsafe.Add(ref g, y * outW);
                    for (int x = 0; x < outW; x += vl)
                    {
                        int x0 = Math.Min(x, outW - vl);
                        Simd gv = Vector.LoadUnsafe(ref gRow, (nuint)x0);
                        if (x0 != x)
                        {
                            gv = Vector.ConditionalSelect(tailMask, gv, Simd.Zero);
                        }
                        a0 = Vector.FusedMultiplyAdd(gv, Vector.LoadUnsafe(ref Unsafe.Add(ref row, x0), (nuint)t0), a0);
                    }
                }
                weightGradient[o * k + t] += Vector.Sum(a0);
            }
        }
    }

    /// <summary>sums[o] += Σ of plane o, for <paramref name="filters"/> consecutive planes.</summary>
    public static void AddPlaneSums(ReadOnlySpan<double> values, int filters, int plane, Span<double> sums)
    {
        for (int o = 0; o < filters; o++)
        {
            ReadOnlySpan<double> p = values.Slice(o * plane, plane);
            Simd acc = Simd.Zero;
            int i = 0;
            for (; i <= plane - Simd.Count; i += Simd.Count)
            {
                acc += new Simd(p[i..]);
            }
            double sum = Vector.Sum(acc);
            for (; i < plane; i++)
            {
                sum += p[i];
            }
            sums[o] += sum;
        }
    }

    private static readonly Vector<long> Indices = CreateIndices();

    private static Vector<long> CreateIndices()
    {
        var indices = new long[Vector<long>.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }
        return new Vector<long>(indices);
    }

    private static ref int MemoryArrayRef(int[] array) => ref MemoryMarshal.GetArrayDataReference(array);
}
