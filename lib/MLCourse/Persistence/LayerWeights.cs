using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Persistence;

/// <summary>
/// The named weights of a from-scratch layer (matrices, vectors, arrays, image batches and scalars, by
/// reference), saved to and loaded from a weights file. A layer hands out its own
/// (<see cref="Sequence.SimpleRnn.StoredWeights"/>, <see cref="Sequence.Lstm.StoredWeights"/>,
/// <see cref="Sequence.Gru.StoredWeights"/>, <see cref="Sequence.Embedding.StoredWeights"/>,
/// <see cref="Convolution.Conv2d.StoredWeights"/>, <see cref="Convolution.SmallCnn.StoredWeights"/>);
/// <see cref="Load"/> writes the file's values into them in place, so a freshly constructed layer of
/// the same size becomes the saved one.
/// </summary>
/// <remarks>
/// <para>The file format (version 1), all numbers little-endian:</para>
/// <list type="number">
/// <item>the 4 ASCII bytes <c>MLCW</c>, then the format version as int32 (1);</item>
/// <item>the number of entries as int32;</item>
/// <item>per entry, in the order they were added: the name (a 7-bit-encoded length, then UTF-8
/// bytes, as .NET's <see cref="BinaryWriter.Write(string)"/>), the rank as a byte (0 scalar, 1 vector
/// or array, 2 matrix, 4 image batch such as convolution filters), the shape as one int32 per axis,
/// then the values as float64 in row-major order.</item>
/// </list>
/// <para>Edge-case policy: <see cref="Load"/> checks every name and shape before it writes any value,
/// so a file that does not fit leaves the layer unchanged. Names are case-sensitive. NaN and
/// infinities are saved and loaded as they are. The PyTorch counterpart is <c>state_dict</c>;
/// TorchSharp modules save themselves (<c>module.save(path)</c>, <c>module.load(path)</c>).</para>
/// </remarks>
public sealed class LayerWeights
{
    private const string Component = "LayerWeights";
    private const int Version = 1;
    private static readonly byte[] Magic = "MLCW"u8.ToArray();

    private readonly List<Entry> _entries = [];

    /// <summary>The entries' names, in order.</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToList();

    /// <summary>Adds a matrix, by reference.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is already taken.</exception>
    public LayerWeights Add(string name, Matrix<double> matrix) =>
        Add(new Entry(name, [matrix.RowCount, matrix.ColumnCount],
            () => matrix.ToRowMajorArray(), values => matrix.SetSubMatrix(0, 0, Matrix<double>.Build.DenseOfRowMajor(
                matrix.RowCount, matrix.ColumnCount, values))));

    /// <summary>Adds a vector, by reference.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is already taken.</exception>
    public LayerWeights Add(string name, Vector<double> vector) =>
        Add(new Entry(name, [vector.Count], () => vector.ToArray(), values => vector.SetValues(values)));

    /// <summary>Adds an array of values (a convolution's biases), by reference, as a rank-1 entry.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is already taken.</exception>
    public LayerWeights Add(string name, double[] values) =>
        Add(new Entry(name, [values.Length], () => (double[])values.Clone(), loaded => loaded.CopyTo(values, 0)));

    /// <summary>
    /// Adds an image batch (convolution filters, shape (filters, c_in, k_h, k_w)),
    /// by reference, as a rank-4 entry.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is already taken.</exception>
    public LayerWeights Add(string name, ImageBatch batch) =>
        Add(new Entry(name, [batch.Batch, batch.Channels, batch.Height, batch.Width],
            () => (double[])batch.Data.Clone(), loaded => loaded.CopyTo(batch.Data, 0)));

    /// <summary>Adds a scalar through its getter and setter (a layer's output bias).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is already taken.</exception>
    public LayerWeights Add(string name, Func<double> get, Action<double> set) =>
        Add(new Entry(name, [], () => [get()], values => set(values[0])));

    /// <summary>Writes every entry to <paramref name="path"/> (replacing the file), in the format above.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(_entries.Count);
        foreach (Entry entry in _entries)
        {
            writer.Write(entry.Name);
            writer.Write((byte)entry.Shape.Length);
            foreach (int length in entry.Shape)
            {
                writer.Write(length);
            }
            foreach (double value in entry.Read())
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads <paramref name="path"/> and writes its values into these entries.</summary>
    /// <exception cref="FormatException">
    /// The file is not a version-1 weights file, is cut short, or its names or shapes differ from
    /// these entries (the message names the first difference); nothing is written then.
    /// </exception>
    public void Load(string path)
    {
        var values = new List<double[]>();
        using (var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8))
        {
            try
            {
                if (!reader.ReadBytes(Magic.Length).SequenceEqual(Magic) || reader.ReadInt32() is not Version)
                {
                    throw ErrorMessage.BadFile(Component, path,
                        $"not a version-{Version} weights file (it must start with 'MLCW' and version {Version})");
                }
                int count = reader.ReadInt32();
                if (count != _entries.Count)
                {
                    throw ErrorMessage.BadFile(Component, path,
                        $"holds {count} entries, but the layer has {_entries.Count} ({ErrorMessage.Quoted(Names)})");
                }
                foreach (Entry entry in _entries)
                {
                    string name = reader.ReadString();
                    int[] shape = new int[reader.ReadByte()];
                    for (int a = 0; a < shape.Length; a++)
                    {
                        shape[a] = reader.ReadInt32();
                    }
                    if (name != entry.Name)
                    {
                        throw ErrorMessage.BadFile(Component, path,
                            $"entry {values.Count + 1} is '{name}', but the layer's is '{entry.Name}'");
                    }
                    if (!shape.SequenceEqual(entry.Shape))
                    {
                        throw ErrorMessage.BadFile(Component, path,
                            $"'{name}' has shape {Shape(shape)}, but the layer's has shape {Shape(entry.Shape)}");
                    }
                    var data = new double[shape.Aggregate(1, (p, l) => p * l)];
                    for (int i = 0; i < data.Length; i++)
                    {
                        data[i] = reader.ReadDouble();
                    }
                    values.Add(data);
                }
            }
            catch (EndOfStreamException)
            {
                throw ErrorMessage.BadFile(Component, path, "the file ends before its last entry");
            }
        }
        for (int i = 0; i < _entries.Count; i++)
        {
            _entries[i].Write(values[i]);
        }
    }

    private LayerWeights Add(Entry entry)
    {
        if (_entries.Any(e => e.Name == entry.Name))
        {
            throw new ArgumentException(
                $"{Component}: name '{entry.Name}' is already taken; the names are {ErrorMessage.Quoted(Names)}.",
                    "name");
        }
        _entries.Add(entry);
        return this;
    }

    private static string Shape(int[] shape) => ErrorMessage.FormatShape(shape.Select(l => (long)l).ToArray());

    private sealed record Entry(string Name, int[] Shape, Func<double[]> Read, Action<double[]> Write);
}
