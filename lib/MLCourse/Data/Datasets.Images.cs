using MLCourse.Errors;

namespace MLCourse.Data;

public static partial class Datasets
{
    /// <summary>Fashion-MNIST's class names, in label order 0–9 (Xiao, Rasul and Vollgraf, 2017).</summary>
    public static readonly IReadOnlyList<string> FashionMnistClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Fashion-MNIST's test set: 10,000 grey-scale 28×28 images of Zalando's articles in 10 classes
    /// of 1,000 each (see <see cref="FashionMnistClassNames"/>), in the original order.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A file is truncated or corrupt; the message names it.</exception>
    public static ImageDataset FashionMnist() => ReadIdxImages(
        "Fashion-MNIST", DatasetDirectory.PathOf(Path.Combine("fashion-mnist", "t10k-images-idx3-ubyte.gz")),
        DatasetDirectory.PathOf(Path.Combine("fashion-mnist", "t10k-labels-idx1-ubyte.gz")),
            [.. FashionMnistClassNames]);

    /// <summary>
    /// 10,000 handwritten MNIST digits, 28×28, with their digit 0–9 as label (class names "0"…"9"), in
    /// a fixed shuffled order (so the first n images hold every digit).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A file is truncated or corrupt; the message names it.</exception>
    public static ImageDataset MnistDigits() => ReadIdxImages(
        "MNIST digits", DatasetDirectory.PathOf(Path.Combine("mnist", "images-idx3-ubyte.gz")),
        DatasetDirectory.PathOf(Path.Combine("mnist", "labels-idx1-ubyte.gz")),
        Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    /// <summary>
    /// An IDX image file (count, height, width) and its IDX label file (count,), checked against each other.
    /// </summary>
    internal static ImageDataset ReadIdxImages(string name, string imagesPath, string labelsPath, string[] classNames)
    {
        IdxFile.Contents images = IdxFile.Read(imagesPath, dimensionCount: 3);
        IdxFile.Contents labels = IdxFile.Read(labelsPath, dimensionCount: 1);
        if (labels.Dimensions[0] != images.Dimensions[0])
        {
            throw ErrorMessage.BadFile(Component, labelsPath,
                $"holds {labels.Dimensions[0]} labels, but {imagesPath} holds {images.Dimensions[0]} images");
        }
        int wrong = Array.FindIndex(labels.Values, v => v >= classNames.Length);
        if (wrong >= 0)
        {
            throw ErrorMessage.BadFile(Component, labelsPath,
                $"the label at index {wrong} must be a class index between 0 and {classNames.Length - 1}, "
                + $"but is {labels.Values[wrong]}");
        }
        return new ImageDataset(name, images.Values, images.Dimensions[1], images.Dimensions[2],
            labels.Values.Select(v => (int)v).ToArray(), classNames);
    }
}
