using System.Buffers.Binary;
using System.IO.Compression;
using MLCourse.Data;

namespace MLCourse.Tests.Data;

/// <summary>The IDX reader accepts well-formed files and names the file and the fault otherwise.</summary>
public sealed class IdxFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlcourse-idx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_well_formed_file_gives_its_dimensions_and_values()
    {
        string path = WriteGzip("ok-idx3-ubyte.gz", Idx(0x08, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));

        var contents = IdxFile.Read(path, dimensionCount: 3);

        Assert.Equal([2, 2, 3], contents.Dimensions);
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (byte)v), contents.Values);
    }

    [Fact]
    public void A_file_shorter_than_its_header_declares_is_an_error_naming_it()
    {
        byte[] full = Idx(0x08, [2, 2, 3], new byte[12]);
        string path = WriteGzip("short-idx3-ubyte.gz", full[..^5]);

        var error = Assert.Throws<FormatException>(() => IdxFile.Read(path, dimensionCount: 3));

        Assert.Equal($"Datasets: {path}: an IDX file of shape (2, 2, 3) holds 28 bytes (16 of header), but the file holds 23 (truncated or corrupt?).", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_an_error_naming_it()
    {
        byte[] gzip = Gzip(Idx(0x08, [100, 28, 28], Enumerable.Range(0, 78400).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        string path = Path.Combine(folder, "cut-idx3-ubyte.gz");
        File.WriteAllBytes(path, gzip[..(gzip.Length / 2)]);

        var error = Assert.Throws<FormatException>(() => IdxFile.Read(path, dimensionCount: 3));

        Assert.StartsWith($"Datasets: {path}: ", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_an_error_naming_it()
    {
        string path = Path.Combine(folder, "text-idx3-ubyte.gz");
        File.WriteAllText(path, "this is not gzip at all");

        var error = Assert.Throws<FormatException>(() => IdxFile.Read(path, dimensionCount: 3));

        Assert.StartsWith($"Datasets: {path}: not a valid gzip stream (", error.Message);
    }

    [Theory]
    [InlineData(0x0D, 3, "00000D03")]   // float values, not bytes
    [InlineData(0x08, 1, "00000801")]   // a label file where images were expected
    public void A_wrong_magic_number_is_an_error_naming_the_expected_one(byte type, int dimensions, string actual)
    {
        string path = WriteGzip("magic-idx3-ubyte.gz", Idx(type, Enumerable.Repeat(1, dimensions).ToArray(), [0]));

        var error = Assert.Throws<FormatException>(() => IdxFile.Read(path, dimensionCount: 3));

        Assert.Equal($"Datasets: {path}: the IDX magic number must be 00 00 08 03 (unsigned bytes, 3 dimensions), but is {actual}.", error.Message);
    }

    [Fact]
    public void Labels_and_images_that_disagree_in_count_are_an_error_naming_both_files()
    {
        string images = WriteGzip("images-idx3-ubyte.gz", Idx(0x08, [2, 28, 28], new byte[2 * 784]));
        string labels = WriteGzip("labels-idx1-ubyte.gz", Idx(0x08, [3], [0, 1, 2]));

        var error = Assert.Throws<FormatException>(() => Datasets.ReadIdxImages("test", images, labels, ["a", "b", "c"]));

        Assert.Equal($"Datasets: {labels}: holds 3 labels, but {images} holds 2 images.", error.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_names_is_an_error_naming_the_file_and_position()
    {
        string images = WriteGzip("images-idx3-ubyte.gz", Idx(0x08, [3, 2, 2], new byte[12]));
        string labels = WriteGzip("labels-idx1-ubyte.gz", Idx(0x08, [3], [0, 2, 1]));

        var error = Assert.Throws<FormatException>(() => Datasets.ReadIdxImages("test", images, labels, ["a", "b"]));

        Assert.Equal($"Datasets: {labels}: the label at index 1 must be a class index between 0 and 1, but is 2.", error.Message);
    }

    private string WriteGzip(string name, byte[] contents)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, Gzip(contents));
        return path;
    }

    private static byte[] Gzip(byte[] contents)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(contents);
        }
        return output.ToArray();
    }

    // An IDX file: 0, 0, type, number of dimensions; each dimension big-endian; then the values.
    private static byte[] Idx(byte type, int[] dimensions, byte[] values)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        }
        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }
}
