using System.Security.Cryptography;
using System.IO.Compression;
using MLCourse.Data;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Data;

/// <summary>The 28×28 image sets: the committed files, their contents, and <see cref="ImageDataset"/>'s views of them.</summary>
public class ImageDatasetsTests
{
    [Fact]
    public void FashionMnist_is_the_published_test_set_byte_for_byte()
    {
        // Fashion-MNIST's published MD5s of the uncompressed t10k files (Debian recompressed the .gz,
        // so the .gz checksums in upstream's README differ; the contents do not).
        Assert.Equal("8181f5470baa50b63fa0f6fddb340f0a", Md5OfDecompressed("fashion-mnist/t10k-images-idx3-ubyte.gz"));
        Assert.Equal("15d484375f8d13e6eb1aabb0c3f46965", Md5OfDecompressed("fashion-mnist/t10k-labels-idx1-ubyte.gz"));
    }

    [Fact]
    public void FashionMnist_has_10000_images_of_28_by_28_in_ten_classes_of_1000()
    {
        var fashion = Datasets.FashionMnist();

        Assert.Equal((10000, 28, 28), (fashion.Count, fashion.Height, fashion.Width));
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], fashion.Labels[..10]);
        Assert.All(fashion.Labels.CountBy(l => l), c => Assert.Equal(1000, c.Value));
        Assert.Equal(10, fashion.Labels.Distinct().Count());
        Assert.Equal("Ankle boot", fashion.ClassNames[fashion.Labels[0]]);
        Assert.Equal(98, fashion.Pixel(0, 14, 12));
        Assert.Equal(33456, fashion.Bytes(0).Sum(b => b));
        Assert.Equal("Fashion-MNIST: 10000 images of 28×28, 10 classes", fashion.ToString());
    }

    [Fact]
    public void MnistDigits_has_10000_shuffled_digits_of_28_by_28()
    {
        var digits = Datasets.MnistDigits();

        Assert.Equal((10000, 28, 28), (digits.Count, digits.Height, digits.Width));
        int[] perDigit = Enumerable.Range(0, 10).Select(d => digits.Labels.Count(l => l == d)).ToArray();
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], perDigit);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], digits.ClassNames);
        Assert.Equal(10, digits.Labels[..100].Distinct().Count());   // shuffled: not grouped by digit
        Assert.Equal([0, 7, 2, 1, 0, 0, 2, 0, 2, 1], digits.Labels[..10]);
        Assert.Equal(253, digits.Pixel(0, 14, 8));
        Assert.Equal(29759, digits.Bytes(0).Sum(b => b));
    }

    [Theory]
    [InlineData("fashion-mnist/t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa")]
    [InlineData("fashion-mnist/t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")]
    [InlineData("mnist/images-idx3-ubyte.gz", "6df46d48ce06735c11eca6143a443a528dfb98364037bf876205663169f78c7b")]
    [InlineData("mnist/labels-idx1-ubyte.gz", "e3912d72c2ec74406ae65d661af7531c706253cf0ffc6944dc50db04756c300a")]
    public void Committed_image_files_have_the_SHA256_that_datasets_README_gives(string file, string sha256)
    {
        Assert.Equal(sha256, Sha256(file));
        Assert.Contains(sha256, File.ReadAllText(DatasetDirectory.PathOf("README.md")));
    }

    [Fact]
    public void Image_matrix_and_tensor_are_the_bytes_divided_by_255()
    {
        var fashion = Datasets.FashionMnist().Take(5);
        using var scope = torch.NewDisposeScope();

        var tensor = fashion.ImageTensor();
        var labels = fashion.LabelTensor([4, 0]);

        Assert.Equal([5L, 1, 28, 28], tensor.shape);
        Assert.Equal(torch.float32, tensor.dtype);
        Assert.Equal(98 / 255.0, fashion.Image(0)[14, 12], 15);
        Assert.Equal(98f / 255f, tensor[0, 0, 14, 12].item<float>());
        Assert.Equal(fashion.Bytes(3).Select(b => b / 255f), tensor[3].flatten().data<float>().ToArray());
        Assert.Equal(fashion.Bytes(2).Select(b => b / 255.0), fashion.ToMatrix().Row(2));
        var batch = fashion.ToImageBatch([1, 4]);
        Assert.Equal((2, 1, 28, 28), (batch.Batch, batch.Channels, batch.Height, batch.Width));
        Assert.Equal(fashion.Bytes(4).Select(b => b / 255.0), batch.Data[784..]);
        Assert.Equal(torch.int64, labels.dtype);
        Assert.Equal([(long)fashion.Labels[4], fashion.Labels[0]], labels.data<long>().ToArray());
    }

    [Fact]
    public void Subset_keeps_the_chosen_images_and_labels_in_order()
    {
        var fashion = Datasets.FashionMnist();

        var subset = fashion.Subset([7, 3, 7]);

        Assert.Equal(3, subset.Count);
        Assert.Equal([fashion.Labels[7], fashion.Labels[3], fashion.Labels[7]], subset.Labels);
        Assert.Equal(fashion.Bytes(3), subset.Bytes(1));
        Assert.Equal(fashion.Labels[..20], fashion.Take(20).Labels);
    }

    [Fact]
    public void Downsample_by_2_is_avg_pool2d_rounded_half_up()
    {
        var digits = Datasets.MnistDigits().Take(8);
        using var scope = torch.NewDisposeScope();

        var small = digits.Downsample(2);
        // Reference: PyTorch's 2×2 average pooling on the bytes, in float64 (exact quarters), rounded half up.
        var bytes = torch.tensor(Enumerable.Range(0, 8).SelectMany(digits.Bytes).Select(b => (double)b).ToArray(), new long[] { 8, 1, 28, 28 });
        var pooled = torch.floor(torch.nn.functional.avg_pool2d(bytes, 2) + 0.5);

        Assert.Equal((8, 14, 14), (small.Count, small.Height, small.Width));
        Assert.Equal(pooled.flatten().data<double>().ToArray(), Enumerable.Range(0, 8).SelectMany(small.Bytes).Select(b => (double)b));
        Assert.Equal(digits.Labels, small.Labels);
        Assert.Equal([8L, 1, 14, 14], small.ImageTensor().shape);
    }

    [Fact]
    public void Bad_arguments_are_errors_naming_what_was_expected()
    {
        var fashion = Datasets.FashionMnist().Take(3);

        Assert.Equal("ImageDataset: index must be between 0 and 2, but is 3. (Parameter 'index')\nActual value was 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => fashion.Image(3)).Message.ReplaceLineEndings("\n"));
        Assert.StartsWith("ImageDataset: indices[1] must be between 0 and 2, but is -1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => fashion.Subset([0, -1])).Message);
        Assert.StartsWith("ImageDataset: factor must be a divisor of both the height 28 and the width 28, but is 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => fashion.Downsample(3)).Message);
        Assert.StartsWith("ImageDataset: count must be between 1 and 3, but is 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => fashion.Take(0)).Message);
        Assert.StartsWith("ImageDataset: indices must not be empty.",
            Assert.Throws<ArgumentException>(() => fashion.ImageTensor([])).Message);
    }

    private static string Sha256(string file) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(DatasetDirectory.PathOf(file))));

    private static string Md5OfDecompressed(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(DatasetDirectory.PathOf(file)), CompressionMode.Decompress);
        return Convert.ToHexStringLower(MD5.HashData(gzip));
    }
}
