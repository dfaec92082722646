using MLCourse.Errors;

namespace MLCourse.Convolution;

/// <summary>
/// The arithmetic of convolution and pooling sizes (the notes' "Padding and Strides"): an n-wide
/// input, an f-wide filter, padding p on each side and stride s give ⌊(n + 2p − f)/s⌋ + 1 outputs.
/// </summary>
/// <remarks>Introduced in notebook day 16.</remarks>
public static class ConvShape
{
    private const string Component = "ConvShape";

    /// <summary>
    /// Refuses an image smaller than a layer's window, in the layer's own name: the window must fit the
    /// padded image along both axes (what <see cref="OutputSize"/> requires of f and n + 2p).
    /// </summary>
    internal static void RequireWindowFits(string component, Tensors.ImageBatch x, (int Height, int Width) window,
        (int Height, int Width) padding, string windowName)
    {
        long height = x.Height + 2L * padding.Height, width = x.Width + 2L * padding.Width;
        if (window.Height > height || window.Width > width)
        {
            throw ErrorMessage.OutOfRange(component, "x",
                $"at least as large as the {window.Height}×{window.Width} {windowName} once padded by "
                + $"({padding.Height}, {padding.Width})", $"{x.Height}×{x.Width} (padded {height}×{width})");
        }
    }

    /// <summary>⌊(n + 2p − f)/s⌋ + 1, the output length along one axis.</summary>
    /// <param name="n">Input length, at least 1.</param>
    /// <param name="f">Filter length, at least 1 and at most n + 2p.</param>
    /// <param name="p">Padding on each side, at least 0.</param>
    /// <param name="s">Stride, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message gives all four
    /// numbers.</exception>
    public static int OutputSize(int n, int f, int p = 0, int s = 1)
    {
        string numbers = $"(n = {n}, f = {f}, p = {p}, s = {s})";
        if (n < 1 || f < 1)
        {
            (string name, int value) = n < 1 ? (nameof(n), n) : (nameof(f), f);
            throw ErrorMessage.OutOfRange(Component, name, "at least 1", $"{value} {numbers}");
        }
        if (p < 0)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(p), "at least 0 (the padding)", $"{p} {numbers}");
        }
        if (s < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(s), "at least 1 (the stride)", $"{s} {numbers}");
        }
        long padded = n + 2L * p;   // in 64 bits: n + 2p can pass int.MaxValue
        if (f > padded)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(f),
                $"at most the padded input n + 2p = {padded} (the filter size)", $"{f} {numbers}");
        }
        long size = (padded - f) / s + 1;   // integer division is the floor for these non-negative values
        if (size > Array.MaxLength)
        {
            throw ErrorMessage.TooLarge(Component, nameof(p), "the length of one .NET array",
                Array.MaxLength, $"an output size of {size} {numbers}");
        }
        return (int)size;
    }

    /// <summary>The padding p = (f − 1)/2 that keeps the size with stride 1 ("same"; f must be odd).</summary>
    /// <exception cref="ArgumentException"><paramref name="f"/> is even, so no symmetric padding keeps the
    /// size.</exception>
    public static int SamePadding(int f) =>
        f % 2 == 1 ? (f - 1) / 2 : throw ErrorMessage.Must(Component, nameof(f), "be odd for 'same' padding",
            $"is {f}");

    /// <summary>Trainable parameters of a convolution layer: (f·f·c_in + 1)·filters (one bias per filter).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, or a count beyond
    /// <see cref="long.MaxValue"/>.</exception>
    public static long ConvParameters(int f, int channelsIn, int filters)
    {
        RequirePositive(nameof(f), f);
        RequirePositive(nameof(channelsIn), channelsIn);
        RequirePositive(nameof(filters), filters);
        return Checked(nameof(filters), () => checked(((long)f * f * channelsIn + 1) * filters));
    }

    /// <summary>Trainable parameters of a dense layer: (inputs + 1)·units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, or a count beyond
    /// <see cref="long.MaxValue"/>.</exception>
    public static long DenseParameters(long inputs, int units)
    {
        if (inputs < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(inputs), "at least 1", inputs);
        }
        RequirePositive(nameof(units), units);
        return Checked(nameof(inputs), () => checked((inputs + 1) * units));
    }

    private static void RequirePositive(string argument, int value)
    {
        if (value < 1)
        {
            throw ErrorMessage.OutOfRange(Component, argument, "at least 1", value);
        }
    }

    private static long Checked(string argument, Func<long> count)
    {
        try
        {
            return count();
        }
        catch (OverflowException)
        {
            throw ErrorMessage.TooLarge(Component, argument, "a parameter count held in a long",
                long.MaxValue, "larger");
        }
    }
}
