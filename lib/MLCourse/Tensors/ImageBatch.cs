using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Tensors;

/// <summary>
/// A batch of multi-channel images in the (batch, channels, height, width) layout that PyTorch,
/// TorchSharp and the from-scratch convolution kernels use, stored row-major in one array.
/// </summary>
/// <remarks>
/// Introduced in notebook day 16 (convolution). Disposing a batch is optional, as it is for a TorchSharp
/// tensor: it ends the batch's life (<see cref="Data"/> then throws), and a result a kernel allocated
/// (<see cref="Convolution.Conv2d.ForwardFast(ImageBatch)"/>) goes back to a pool for the next result of
/// its size instead of waiting for the garbage collector. A batch that wraps the caller's array leaves
/// that array alone.
/// </remarks>
public sealed class ImageBatch : IDisposable
{
    private const string Component = "ImageBatch";

    private double[]? _data;
    private readonly bool _pooled;   // the array came from ResultPool and goes back to it on Dispose

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
        _data = data ?? new double[count];
    }

    private ImageBatch(int batch, int channels, int height, int width, double[] data, bool pooled)
    {
        (Batch, Channels, Height, Width) = (batch, channels, height, width);
        (_data, _pooled) = (data, pooled);
    }

    /// <summary>
    /// A batch for a kernel's result whose values are undefined until the kernel writes every one of them:
    /// a released result's array of the same size when there is one, else a new array that is not zeroed.
    /// </summary>
    internal static ImageBatch RentUninitialized(int batch, int channels, int height, int width) =>
        new(batch, channels, height, width,
            ResultPool.RentUninitialized(Require.ElementCount(Component, "shape", batch, channels, height, width)),
            pooled: true);

    /// <summary>The number of images.</summary>
    public int Batch { get; }

    /// <summary>Channels per image (1 for grey scale; the number of filters after a convolution).</summary>
    public int Channels { get; }

    /// <summary>Rows per channel.</summary>
    public int Height { get; }

    /// <summary>Columns per channel.</summary>
    public int Width { get; }

    /// <summary>The values, row-major: index ((n·C + c)·H + h)·W + w.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public double[] Data => _data ?? throw new ObjectDisposedException(Component,
        $"{Component}: the batch {ErrorMessage.FormatShape(Batch, Channels, Height, Width)} was disposed; "
        + "its values were released.");

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

    /// <summary>
    /// Ends the batch's life: <see cref="Data"/> throws from now on, and an array a kernel allocated for this
    /// result is reused by the next result of its size (so nothing may keep a reference to
    /// <see cref="Data"/> past this call). An array the caller passed in is not reused. Disposing twice does
    /// nothing more.
    /// </summary>
    public void Dispose()
    {
        double[]? data = Interlocked.Exchange(ref _data, null);
        if (data is not null && _pooled)
        {
            ResultPool.Return(data);
        }
    }
}
