using System.Buffers.Binary;
using System.IO.Compression;
using MLCourse.Errors;

namespace MLCourse.Data;

/// <summary>
/// Reads an IDX file, the format of LeCun's MNIST files and of Fashion-MNIST (gzip-compressed when the
/// name ends in <c>.gz</c>): a 4-byte magic number (two zero bytes, a type code, the number of
/// dimensions), each dimension as a big-endian 32-bit integer, then the values row-major.
/// Only unsigned bytes (type code 0x08) are supported: the format of every image and label file here.
/// </summary>
/// <remarks>Used by <see cref="Datasets.FashionMnist"/> and <see cref="Datasets.MnistDigits"/>.</remarks>
internal static class IdxFile
{
    private const string Component = "Datasets";
    private const byte UnsignedByte = 0x08;

    /// <summary>The dimensions and the values of an IDX file of unsigned bytes.</summary>
    /// <param name="Dimensions">The size of each dimension, outermost first, e.g. (10000, 28, 28).</param>
    /// <param name="Values">Every value, row-major; its length is the product of the dimensions.</param>
    public sealed record Contents(int[] Dimensions, byte[] Values);

    /// <summary>
    /// Reads <paramref name="path"/> and checks that it has <paramref name="dimensionCount"/> dimensions.
    /// </summary>
    /// <exception cref="FormatException">
    /// The magic number, the number of dimensions or the length is wrong, or the gzip stream is
    /// corrupt; the message names the file and what was expected.
    /// </exception>
    public static Contents Read(string path, int dimensionCount) => Parse(path, Decompress(path), dimensionCount);

    /// <summary>Parses the bytes of an IDX file; <paramref name="path"/> only names it in errors.</summary>
    internal static Contents Parse(string path, byte[] bytes, int dimensionCount)
    {
        if (bytes.Length < 4)
        {
            throw ErrorMessage.BadFile(Component, path,
                $"an IDX file starts with a 4-byte magic number, but the file holds only {bytes.Length} bytes");
        }
        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByte || bytes[3] != dimensionCount)
        {
            throw ErrorMessage.BadFile(Component, path,
                $"the IDX magic number must be 00 00 08 {dimensionCount:X2} "
                + $"(unsigned bytes, {dimensionCount} dimensions), but is {Convert.ToHexString(bytes, 0, 4)}");
        }
        int headerLength = 4 + 4 * dimensionCount;
        if (bytes.Length < headerLength)
        {
            throw ErrorMessage.BadFile(Component, path,
                $"the IDX header needs {headerLength} bytes, but the file holds only {bytes.Length}");
        }
        var dimensions = new int[dimensionCount];
        long expected = headerLength;
        long values = 1;
        for (int d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d, 4));
            if (dimensions[d] < 1)
            {
                throw ErrorMessage.BadFile(Component, path,
                    $"IDX dimension {d} must be at least 1, but is {dimensions[d]}");
            }
            values *= dimensions[d];   // checked below before the next factor: stays below 2^62, no overflow
            if (values > bytes.Length)
            {
                throw ErrorMessage.BadFile(Component, path, $"an IDX file of shape "
                    + $"{ErrorMessage.FormatShape(dimensions[..(d + 1)].Select(v => (long)v).ToArray())} (so far) "
                    + $"holds more values than its {bytes.Length} bytes (truncated or corrupt?)");
            }
        }
        expected += values;
        if (bytes.Length != expected)
        {
            throw ErrorMessage.BadFile(Component, path,
                $"an IDX file of shape {ErrorMessage.FormatShape(dimensions.Select(d => (long)d).ToArray())} "
                + $"holds {expected} bytes " +
                $"({headerLength} of header), but the file holds {bytes.Length} (truncated or corrupt?)");
        }
        return new Contents(dimensions, bytes[headerLength..]);
    }

    private static byte[] Decompress(string path)
    {
        using var output = new MemoryStream();
        try
        {
            using Stream file = File.OpenRead(path);
            using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            input.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw ErrorMessage.BadFile(Component, path, $"not a valid gzip stream ({e.Message})");
        }
        return output.ToArray();
    }
}
