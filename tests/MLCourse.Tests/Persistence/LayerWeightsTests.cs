using MathNet.Numerics.LinearAlgebra;
using MLCourse.Persistence;
using MLCourse.Sequence;

namespace MLCourse.Tests.Persistence;

/// <summary>Saving and loading from-scratch layers' weights: exact round trips, and files that do not fit are refused whole.</summary>
public sealed partial class LayerWeightsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.mlcw");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_loaded_rnn_has_the_saved_weights_bit_for_bit_and_predicts_the_same()
    {
        var trained = new SimpleRnn(3, 4, new Random(1));
        trained.Bo = -0.125;
        trained.Wh[1, 2] = double.NaN;   // saved as it is
        var fresh = new SimpleRnn(3, 4, new Random(2));

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(trained.Wi.ToRowMajorArray(), fresh.Wi.ToRowMajorArray());
        Assert.Equal(trained.Wh.ToRowMajorArray(), fresh.Wh.ToRowMajorArray());
        Assert.Equal(trained.B.ToArray(), fresh.B.ToArray());
        Assert.Equal(trained.Wo.ToArray(), fresh.Wo.ToArray());
        Assert.Equal(-0.125, fresh.Bo);
    }

    [Fact]
    public void A_loaded_lstm_gives_the_same_outputs()
    {
        var trained = new Lstm(2, 3, new Random(1));
        var fresh = new Lstm(2, 3, new Random(2));
        var sequence = Matrix<double>.Build.Random(5, 2, 7);

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(
            trained.Forward(sequence).Steps.Select(s => s.Hidden.ToArray()),
            fresh.Forward(sequence).Steps.Select(s => s.Hidden.ToArray()));
    }

    [Fact]
    public void A_file_of_another_size_is_refused_and_the_layer_is_left_unchanged()
    {
        new SimpleRnn(3, 4, new Random(1)).StoredWeights().Save(_path);
        var other = new SimpleRnn(3, 5, new Random(2));
        double[] before = other.Wi.ToRowMajorArray();

        var error = Assert.Throws<FormatException>(() => other.StoredWeights().Load(_path));

        Assert.Equal($"LayerWeights: {_path}: 'Wi' has shape (3, 4), but the layer's has shape (3, 5).", error.Message);
        Assert.Equal(before, other.Wi.ToRowMajorArray());
    }

    [Fact]
    public void A_file_of_another_layer_or_not_a_weights_file_is_refused()
    {
        new Lstm(3, 4, new Random(1)).StoredWeights().Save(_path);
        var rnn = new SimpleRnn(3, 4, new Random(1));

        var other = Assert.Throws<FormatException>(() => rnn.StoredWeights().Load(_path));
        File.WriteAllText(_path, "Wi,Wh\n1,2\n");
        var text = Assert.Throws<FormatException>(() => rnn.StoredWeights().Load(_path));
        File.WriteAllBytes(_path, [.. "MLCW"u8, 1, 0, 0, 0, 5, 0, 0, 0, 2, 0x57]);
        var cut = Assert.Throws<FormatException>(() => rnn.StoredWeights().Load(_path));

        Assert.Equal($"LayerWeights: {_path}: holds 8 entries, but the layer has 5 ('Wi', 'Wh', 'B', 'Wo', 'Bo').", other.Message);
        Assert.Equal($"LayerWeights: {_path}: not a version-1 weights file (it must start with 'MLCW' and version 1).", text.Message);
        Assert.Equal($"LayerWeights: {_path}: the file ends before its last entry.", cut.Message);
    }

    [Fact]
    public void The_file_is_the_documented_layout()
    {
        var weights = new LayerWeights().Add("v", Vector<double>.Build.DenseOfArray([1.5, -2]));
        double scalar = 0.25;
        weights.Add("s", () => scalar, v => scalar = v);

        weights.Save(_path);

        byte[] expected =
        [
            .. "MLCW"u8, .. BitConverter.GetBytes(1), .. BitConverter.GetBytes(2),
            1, (byte)'v', 1, .. BitConverter.GetBytes(2), .. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0),
            1, (byte)'s', 0, .. BitConverter.GetBytes(0.25),
        ];
        Assert.Equal(expected, File.ReadAllBytes(_path));
    }

    [Fact]
    public void A_name_cannot_be_added_twice()
    {
        var vector = Vector<double>.Build.Dense(2);

        var error = Assert.Throws<ArgumentException>(() => new LayerWeights().Add("b", vector).Add("b", vector));

        Assert.StartsWith("LayerWeights: name 'b' is already taken; the names are 'b'.", error.Message);
    }
}
