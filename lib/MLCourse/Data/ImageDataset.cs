using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Data;

/// <summary>
/// Labelled grey-scale images of one size, one byte per pixel (0 = black background, 255 = full
/// ink), as stored in the MNIST-style IDX files: Fashion-MNIST and MNIST digits, 28×28.
/// The pixels can be read as bytes, as doubles in [0, 1] (byte / 255) or as a TorchSharp tensor.
/// </summary>
/// <remarks>
/// Loaded by <see cref="Datasets.FashionMnist"/> and <see cref="Datasets.MnistDigits"/>; introduced in
/// the convolution days and used by the generative ones (VAE, GAN, diffusion on 14×14 via
/// <see cref="Downsample"/>). Every method that returns a data set or an array
/// copies; none changes this one.
/// </remarks>
public sealed class ImageDataset
{
    private const string Component = "ImageDataset";
    private readonly byte[] pixels;   // (Count, Height, Width), row-major

    internal ImageDataset(string name, byte[] pixels, int height, int width, int[] labels, string[] classNames)
    {
        if (pixels.Length != (long)labels.Length * height * width)
        {
            long expected = (long)labels.Length * height * width;
            throw ErrorMessage.Shape(Component, nameof(pixels),
                ErrorMessage.FormatShape(expected), ErrorMessage.FormatShape(pixels.Length));
        }
        Name = name;
        this.pixels = pixels;
        Height = height;
        Width = width;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>The data set's name, e.g. "Fashion-MNIST".</summary>
    public string Name { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The number of pixel rows of every image.</summary>
    public int Height { get; }

    /// <summary>The number of pixel columns of every image.</summary>
    public int Width { get; }

    /// <summary>
    /// The class index of each image, 0 to <c>ClassNames.Count - 1</c> (the data set's own array: do not change it).
    /// </summary>
    public int[] Labels { get; }

    /// <summary>The name of each class index, e.g. "Ankle boot" for Fashion-MNIST's class 9.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// The pixel at <paramref name="row"/>, <paramref name="column"/> of image <paramref name="index"/>, 0–255.
    /// </summary>
    public byte Pixel(int index, int row, int column)
    {
        CheckIndex(nameof(index), index);
        if ((uint)row >= Height || (uint)column >= Width)
        {
            throw ErrorMessage.OutOfRange(Component, row >= 0 && row < Height ? nameof(column) : nameof(row),
                $"inside the {Height}×{Width} image", $"({row}, {column})");
        }
        return pixels[(index * Height + row) * Width + column];
    }

    /// <summary>Image <paramref name="index"/> as a copy of its Height × Width bytes, row by row.</summary>
    public byte[] Bytes(int index)
    {
        CheckIndex(nameof(index), index);
        return pixels.AsSpan(index * ImageSize, ImageSize).ToArray();
    }

    /// <summary>Image <paramref name="index"/> as a Height × Width matrix of values in [0, 1] (byte / 255).</summary>
    public Matrix<double> Image(int index)
    {
        CheckIndex(nameof(index), index);
        int start = index * ImageSize;
        return Matrix<double>.Build.Dense(Height, Width, (row, column) => pixels[start + row * Width + column] / 255.0);
    }

    /// <summary>
    /// Every image flattened into a row, shape (Count, Height × Width), values in [0, 1] (byte / 255),
    /// for the classic methods that take a feature matrix (PCA, k-means, logistic regression).
    /// </summary>
    public Matrix<double> ToMatrix() =>
        Matrix<double>.Build.Dense(Count, ImageSize, (i, j) => pixels[i * ImageSize + j] / 255.0);

    /// <summary>The first <paramref name="count"/> images, as a new data set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not between 1 and
    /// <see cref="Count"/>.</exception>
    public ImageDataset Take(int count)
    {
        if (count < 1 || count > Count)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(count), $"between 1 and {Count}", count);
        }
        return Subset(Enumerable.Range(0, count).ToArray());
    }

    /// <summary>The images at <paramref name="indices"/>, in that order (repeats allowed), as a new data set.</summary>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is not between 0 and <c>Count - 1</c>.</exception>
    public ImageDataset Subset(IReadOnlyList<int> indices)
    {
        CheckIndices(indices);
        var selected = new byte[indices.Count * ImageSize];
        for (int i = 0; i < indices.Count; i++)
        {
            pixels.AsSpan(indices[i] * ImageSize, ImageSize).CopyTo(selected.AsSpan(i * ImageSize));
        }
        return new ImageDataset(Name, selected, Height, Width,
            indices.Select(i => Labels[i]).ToArray(), [.. ClassNames]);
    }

    /// <summary>
    /// Shrinks every image by <paramref name="factor"/> in each direction: each output pixel is the mean
    /// of a <paramref name="factor"/> × <paramref name="factor"/> block (PyTorch's <c>avg_pool2d</c> with
    /// kernel and stride <paramref name="factor"/>), rounded half up to a whole byte. 28×28 with factor 2
    /// gives 14×14, the size the diffusion day trains on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is below 1 or does not divide Height and
    /// Width.</exception>
    public ImageDataset Downsample(int factor)
    {
        if (factor < 1 || Height % factor != 0 || Width % factor != 0)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(factor),
                $"a divisor of both the height {Height} and the width {Width}", factor);
        }
        int height = Height / factor, width = Width / factor, block = factor * factor;
        var shrunk = new byte[Count * height * width];
        for (int i = 0; i < Count; i++)
        {
            for (int row = 0; row < height; row++)
            {
                for (int column = 0; column < width; column++)
                {
                    int sum = 0;
                    for (int dr = 0; dr < factor; dr++)
                    {
                        for (int dc = 0; dc < factor; dc++)
                        {
                            sum += pixels[(i * Height + row * factor + dr) * Width + column * factor + dc];
                        }
                    }
                    // round(sum / block), halves up, in integers
                    shrunk[(i * height + row) * width + column] = (byte)((2 * sum + block) / (2 * block));
                }
            }
        }
        return new ImageDataset(Name, shrunk, height, width, [.. Labels], [.. ClassNames]);
    }

    /// <summary>Every image as network input: float32, shape (Count, 1, Height, Width), values in [0, 1].</summary>
    public torch.Tensor ImageTensor() => ImageTensor(Enumerable.Range(0, Count).ToArray());

    /// <summary>
    /// The images at <paramref name="indices"/> as network input: float32, shape (indices, 1, Height,
    /// Width), one channel, values byte / 255 in [0, 1].
    /// </summary>
    public torch.Tensor ImageTensor(IReadOnlyList<int> indices)
    {
        CheckIndices(indices);
        var values = new float[indices.Count * ImageSize];
        for (int i = 0; i < indices.Count; i++)
        {
            int start = indices[i] * ImageSize;
            for (int j = 0; j < ImageSize; j++)
            {
                values[i * ImageSize + j] = pixels[start + j] / 255f;
            }
        }
        return torch.tensor(values, new long[] { indices.Count, 1, Height, Width });   // (N, 1, H, W)
    }

    /// <summary>
    /// The images at <paramref name="indices"/> for the from-scratch convolution layers: an
    /// <see cref="ImageBatch"/> of shape (indices, 1, Height, Width), values byte / 255 in [0, 1].
    /// </summary>
    public ImageBatch ToImageBatch(IReadOnlyList<int> indices)
    {
        CheckIndices(indices);
        var values = new double[Require.ElementCount(Component, nameof(indices), indices.Count, ImageSize)];
        for (int i = 0; i < indices.Count; i++)
        {
            int start = indices[i] * ImageSize;
            for (int j = 0; j < ImageSize; j++)
            {
                values[i * ImageSize + j] = pixels[start + j] / 255.0;
            }
        }
        return new ImageBatch(indices.Count, 1, Height, Width, values);
    }

    /// <summary>Every label as an int64 tensor of shape (Count,), as cross-entropy expects.</summary>
    public torch.Tensor LabelTensor() => LabelTensor(Enumerable.Range(0, Count).ToArray());

    /// <summary>The labels at <paramref name="indices"/> as an int64 tensor of shape (indices,).</summary>
    public torch.Tensor LabelTensor(IReadOnlyList<int> indices)
    {
        CheckIndices(indices);
        return torch.tensor(indices.Select(i => (long)Labels[i]).ToArray());
    }

    /// <summary>"Fashion-MNIST: 10000 images of 28×28, 10 classes".</summary>
    public override string ToString() => $"{Name}: {Count} images of {Height}×{Width}, {ClassNames.Count} classes";

    private int ImageSize => Height * Width;

    private void CheckIndex(string argument, int index)
    {
        if ((uint)index >= Count)
        {
            throw ErrorMessage.OutOfRange(Component, argument, $"between 0 and {Count - 1}", index);
        }
    }

    private void CheckIndices(IReadOnlyList<int> indices)
    {
        if (indices.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(indices));
        }
        for (int i = 0; i < indices.Count; i++)
        {
            if ((uint)indices[i] >= Count)
            {
                throw ErrorMessage.OutOfRange(Component, $"{nameof(indices)}[{i}]",
                    $"between 0 and {Count - 1}", indices[i]);
            }
        }
    }
}
