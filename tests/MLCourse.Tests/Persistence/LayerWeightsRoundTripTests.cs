using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Sequence;
using MLCourse.Tensors;

namespace MLCourse.Tests.Persistence;

// Every other from-scratch layer with weights in Convolution/ and Sequence/ saves and loads: a fresh
// layer (other random weights) that loads the file gives the saved layer's forward output bit for bit.
public sealed partial class LayerWeightsTests
{
    private static ImageBatch Images(int batch, int channels, int side, int seed)
    {
        var random = new Random(seed);
        return new ImageBatch(batch, channels, side, side,
            Enumerable.Range(0, batch * channels * side * side).Select(_ => random.NextDouble() * 2 - 1).ToArray());
    }

    private static Conv2d RandomConv2d(int seed)
    {
        var random = new Random(seed);
        var conv = new Conv2d(2, 3, (3, 2), stride: (2, 1), padding: (1, 0));
        for (int i = 0; i < conv.Weights.Data.Length; i++)
        {
            conv.Weights.Data[i] = random.NextDouble() - 0.5;
        }
        for (int o = 0; o < conv.Bias.Length; o++)
        {
            conv.Bias[o] = random.NextDouble() - 0.5;
        }
        return conv;
    }

    [Fact]
    public void A_loaded_gru_gives_the_same_hidden_states()
    {
        var trained = new Gru(2, 3, new Random(1));
        var fresh = new Gru(2, 3, new Random(2));
        var sequence = Matrix<double>.Build.Random(5, 2, 7);
        Assert.NotEqual(Hidden(trained), Hidden(fresh));

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(Hidden(trained), Hidden(fresh));
        Assert.Equal(12, trained.StoredWeights().Names.Count);   // 3 gates × (W_i, W_h, b_i, b_h)
        double[][] Hidden(Gru gru) => gru.Forward(sequence).Steps.Select(s => s.Hidden.ToArray()).ToArray();
    }

    [Fact]
    public void A_loaded_conv2d_gives_the_same_output()
    {
        var trained = RandomConv2d(1);
        var fresh = RandomConv2d(2);
        ImageBatch x = Images(2, 2, 6, 3);
        Assert.NotEqual(trained.Forward(x).Output.Data, fresh.Forward(x).Output.Data);

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(trained.Forward(x).Output.Data, fresh.Forward(x).Output.Data);
        Assert.Equal(["Weights", "Bias"], trained.StoredWeights().Names);
    }

    [Fact]
    public void A_loaded_small_cnn_gives_the_same_predictions()
    {
        var trained = new SmallCnn(8, new Random(1));
        trained.B2 = -0.375;
        var fresh = new SmallCnn(8, new Random(2));
        ImageBatch x = Images(4, 1, 8, 5);
        Assert.NotEqual(trained.Forward(x).A2.ToArray(), fresh.Forward(x).A2.ToArray());

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(trained.Forward(x).Z2.ToArray(), fresh.Forward(x).Z2.ToArray());
        Assert.Equal(trained.Forward(x).A2.ToArray(), fresh.Forward(x).A2.ToArray());
        Assert.Equal(-0.375, fresh.B2);
    }

    [Fact]
    public void A_loaded_embedding_looks_up_the_same_vectors()
    {
        var trained = new Embedding(Matrix<double>.Build.Random(6, 3, 1));
        var fresh = new Embedding(Matrix<double>.Build.Dense(6, 3));

        trained.StoredWeights().Save(_path);
        fresh.StoredWeights().Load(_path);

        Assert.Equal(Enumerable.Range(0, 6).Select(k => trained.Lookup(k).ToArray()),
            Enumerable.Range(0, 6).Select(k => fresh.Lookup(k).ToArray()));
    }

    [Fact]
    public void Filters_of_another_shape_are_refused_and_the_layer_is_left_unchanged()
    {
        new Conv2d(1, 2, 3).StoredWeights().Save(_path);
        var other = new SmallCnn(6, new Random(1));
        double[] before = other.Convolution.Weights.Data.ToArray();

        var error = Assert.Throws<FormatException>(() => other.Convolution.StoredWeights().Load(_path));
        var cnnError = Assert.Throws<FormatException>(() => new SmallCnn(8, new Random(1)).StoredWeights().Load(WithCnn(6)));

        Assert.Equal(
            $"LayerWeights: {_path}: 'Weights' has shape (2, 1, 3, 3), but the layer's has shape (1, 1, 3, 3).",
            error.Message);
        Assert.Equal($"LayerWeights: {_path}: 'W2' has shape (4,), but the layer's has shape (9,).", cnnError.Message);
        Assert.Equal(before, other.Convolution.Weights.Data);
    }

    private string WithCnn(int imageSize)
    {
        new SmallCnn(imageSize, new Random(3)).StoredWeights().Save(_path);
        return _path;
    }
}
