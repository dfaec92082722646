using MathNet.Numerics.LinearAlgebra;
using TorchSharp;

namespace MLCourse.Data;

/// <summary>
/// The UCI optical digits (test set, as shipped with scikit-learn): 1,797 images of 8×8 pixels,
/// each pixel an integer count 0–16, with the digit 0–9 as label.
/// </summary>
/// <remarks>Loaded by <see cref="Datasets.Digits"/>; introduced in notebook day 02 (tensors).</remarks>
public sealed class DigitsData
{
    /// <summary>Side of the square images.</summary>
    public const int Side = 8;

    internal DigitsData(Matrix<double> pixels, int[] labels)
    {
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>One flattened image per row, shape (samples, 64), row-major within each image.</summary>
    public Matrix<double> Pixels { get; }

    /// <summary>The digit shown by each image.</summary>
    public int[] Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Image <paramref name="index"/> as an 8×8 matrix (a rank-2 tensor).</summary>
    public Matrix<double> Image(int index) =>
        Matrix<double>.Build.Dense(Side, Side, (row, column) => Pixels[index, row * Side + column]);

    /// <summary>All images as a float64 tensor of shape (samples, 8, 8), a rank-3 tensor.</summary>
    public torch.Tensor ToTensor() =>
        torch.tensor(Pixels.ToRowMajorArray(), new long[] { Count, Side, Side }, torch.float64);

    /// <summary>
    /// The images at <paramref name="indices"/> as network input: float32, shape (count, 1, 8, 8),
    /// pixel counts divided by 16 so that values lie in [0, 1].
    /// </summary>
    public torch.Tensor ImageTensor(IReadOnlyList<int> indices) =>
        torch.tensor(indices.SelectMany(i => Pixels.Row(i).Select(v => (float)(v / 16))).ToArray(), new long[] { indices.Count, 1, Side, Side });

    /// <summary>The labels at <paramref name="indices"/> as an int64 tensor of shape (count,), as cross-entropy expects.</summary>
    public torch.Tensor LabelTensor(IReadOnlyList<int> indices) =>
        torch.tensor(indices.Select(i => (long)Labels[i]).ToArray());
}
