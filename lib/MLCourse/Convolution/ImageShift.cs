using TorchSharp;
using static TorchSharp.torch;
using MLCourse.Errors;

namespace MLCourse.Convolution;

/// <summary>
/// Moves images by whole pixels, filling the uncovered border with zeros — the translation test of CNN vs ANN.
/// </summary>
/// <remarks>Introduced in notebook day 17.</remarks>
public static class ImageShift
{
    /// <summary>
    /// The images moved <paramref name="right"/> pixels right and <paramref name="down"/>
    /// pixels down (negative: left / up).
    /// </summary>
    /// <param name="images">Shape (batch, channels, height, width).</param>
    /// <param name="right">Columns to move right.</param>
    /// <param name="down">Rows to move down.</param>
    public static Tensor Shift(Tensor images, int right, int down)
    {
        Require.NotNull("ImageShift", nameof(images), images);
        using var scope = NewDisposeScope();
        long h = images.shape[2], w = images.shape[3];
        Tensor shifted = zeros_like(images);
        long rows = h - Math.Abs(down), columns = w - Math.Abs(right);
        if (rows > 0 && columns > 0)
        {
            Tensor source = images.narrow(2, Math.Max(0, -down), rows).narrow(3, Math.Max(0, -right), columns);
            shifted.narrow(2, Math.Max(0, down), rows).narrow(3, Math.Max(0, right), columns).copy_(source);
        }
        return shifted.MoveToOuterDisposeScope();
    }
}
