using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Tensors;

/// <summary>
/// A batch of multi-channel images in the (batch, channels, height, width) layout that PyTorch,
/// TorchSharp and the from-scratch convolution kernels use, stored row-major in one array.
/// </summary>
/// <remarks>Introduced in notebook day 16 (convolution).</remarks>
public sealed class ImageBatch
{
    private const string Component = "ImageBatch";

    /// <summary>A batch of the given shape, zero-filled, or wrapping <paramref name="data"/> (not copied).</summary>
    /// <exception cref="ArgumentException">A dimension below 1, more elements than one .NET array holds
    /// (<see cref="Array.MaxLength"/>; PyTorch's limit is memory), or data of the wrong length.</exception>
    public ImageBatch(int batch, int channels, int height, int width, double[]? data = null)
    {
        if (batch < 1 || channels < 1 || height < 1 || width < 1)
        {
            throw ErrorMessage.Shape(Component, "shape", "(batch ≥ 1, channels ≥ 1, height ≥ 1, width ≥ 1)",
                ErrorMessage.FormatShape(batch, channels, height, width));
        }
        int count = Require.ElementCount(Component, "shape", batch, channels, height, width);
        if (data is not null && data.Length != count)
        {
            throw ErrorMessage.Shape(Component, nameof(data),
                ErrorMessage.FormatShape(count), ErrorMessage.FormatShape(data.Length));
        }
        (Batch, Channels, Height, Width) = (batch, channels, height, width);
        Data = data ?? new double[count];
    }

    /// <summary>The number of images.</summary>
    public int Batch { get; }

    /// <summary>Channels per image (1 for grey scale; the number of filters after a convolution).</summary>
    public int Channels { get; }

    /// <summary>Rows per channel.</summary>
    public int Height { get; }

    /// <summary>Columns per channel.</summary>
    public int Width { get; }

    /// <summary>The values, row-major: index ((n·C + c)·H + h)·W + w.</summary>
    public double[] Data { get; }

    /// <summary>The shape (batch, channels, height, width).</summary>
    public long[] Shape => [Batch, Channels, Height, Width];

    /// <summary>The value at image n, channel c, row h, column w.</summary>
    public ref double this[int n, int c, int h, int w] => ref Data[((n * Channels + c) * Height + h) * Width + w];

    /// <summary>A batch of one single-channel image.</summary>
    public static ImageBatch FromMatrix(Matrix<double> image) =>
        new(1, 1, Require.NotNull(Component, nameof(image), image).RowCount, image.ColumnCount,
            image.ToRowMajorArray());

    /// <summary>A copy of a rank-4 tensor (any floating dtype).</summary>
    /// <exception cref="ArgumentException">The tensor is not rank 4.</exception>
    public static ImageBatch FromTensor(torch.Tensor tensor)
    {
        if (Require.NotNull(Component, nameof(tensor), tensor).dim() != 4)
        {
            throw ErrorMessage.Shape(Component, nameof(tensor),
                "(batch, channels, height, width)", ErrorMessage.FormatShape(tensor.shape));
        }
        using var scope = torch.NewDisposeScope();
        double[] data = tensor.detach().to_type(torch.float64).contiguous().data<double>().ToArray();
        return new ImageBatch((int)tensor.shape[0], (int)tensor.shape[1],
            (int)tensor.shape[2], (int)tensor.shape[3], data);
    }

    /// <summary>A float64 tensor of shape (batch, channels, height, width) holding a copy of the values.</summary>
    public torch.Tensor ToTensor() => torch.tensor(Data, Shape, torch.float64);

    /// <summary>
    /// Channel <paramref name="channel"/> of image <paramref name="image"/> as a (height, width) matrix.
    /// </summary>
    public Matrix<double> ToMatrix(int image = 0, int channel = 0) =>
        Matrix<double>.Build.Dense(Height, Width, (h, w) => this[image, channel, h, w]);

    /// <summary>A batch of the same shape filled with zeros.</summary>
    public ImageBatch ZerosLike() => new(Batch, Channels, Height, Width);
}
