namespace MLCourse.Tensors;

/// <summary>
/// Arrays of doubles that a kernel's results released (<see cref="ImageBatch.Dispose"/>) and the next
/// result of the same length reuses — what libtorch's <c>malloc</c> does for a disposed tensor. A fresh
/// array above the runtime's 85 KB large-object threshold is expensive to get: the large-object heap is
/// collected only in full (gen-2) collections, and after each one the collector gives the freed memory
/// back to the system, so the next array is committed again and page-faults on every 4 KB page it
/// writes. A result of the convolution at 28×28 (2.8 MB) paid more for that than for its arithmetic.
/// Thread-safe. Arrays are kept by exact length, at most <see cref="PerLength"/> of a length and
/// <see cref="MaxBytes"/> in all; beyond that a released array is left to the collector.
/// </summary>
internal static class ResultPool
{
    /// <summary>Released arrays kept per length: a layer's result and a few more in flight.</summary>
    public const int PerLength = 4;

    /// <summary>The most memory the pool keeps, in bytes (about 23 results of 2.8 MB).</summary>
    public const long MaxBytes = 64L << 20;

    private static readonly Dictionary<int, Stack<double[]>> Free = [];
    private static long _bytes;

    /// <summary>
    /// An array of <paramref name="length"/> doubles whose values are undefined (a released result's, or
    /// never written): for a caller that writes every element.
    /// </summary>
    public static double[] RentUninitialized(int length)
    {
        lock (Free)
        {
            if (Free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                _bytes -= (long)length * sizeof(double);
                return array;
            }
        }
        return GC.AllocateUninitializedArray<double>(length);
    }

    /// <summary>Keeps <paramref name="array"/> for the next <see cref="RentUninitialized"/> of its length, if
    /// there is room; the caller must not touch it afterwards.</summary>
    public static void Return(double[] array)
    {
        long size = (long)array.Length * sizeof(double);
        lock (Free)
        {
            if (!Free.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<double[]>(PerLength);
                Free.Add(array.Length, stack);
            }
            if (stack.Count < PerLength && _bytes + size <= MaxBytes)
            {
                stack.Push(array);
                _bytes += size;
            }
        }
    }
}
