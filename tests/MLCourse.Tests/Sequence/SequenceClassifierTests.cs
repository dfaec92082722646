using MLCourse.Sequence;
using TorchSharp;

namespace MLCourse.Tests.Sequence;

public class SequenceClassifierTests
{
    [Theory]
    [InlineData(RecurrentKind.Rnn, 1, false)]
    [InlineData(RecurrentKind.Lstm, 2, false)]
    [InlineData(RecurrentKind.Gru, 2, true)]
    public void Every_kind_depth_and_direction_maps_sequences_to_class_scores(RecurrentKind kind, int layers, bool bidirectional)
    {
        using var scope = torch.NewDisposeScope();
        var model = new SequenceClassifier(kind, features: 8, units: 5, classes: 10, layers, bidirectional);

        var scores = model.forward(torch.zeros(4, 7, 8));

        Assert.Equal(new long[] { 4, 10 }, scores.shape);
    }

    [Fact]
    public void A_bidirectional_layer_doubles_the_features_the_dense_layer_reads()
    {
        using var scope = torch.NewDisposeScope();
        long Dense(bool bidirectional) => new SequenceClassifier(RecurrentKind.Gru, 8, 5, 10, 1, bidirectional).parameters().Last().numel();   // the output bias
        long Weights(bool bidirectional) => new SequenceClassifier(RecurrentKind.Gru, 8, 5, 10, 1, bidirectional).parameters().SkipLast(1).Last().numel();

        Assert.Equal(10, Dense(true));
        Assert.Equal(2 * Weights(false), Weights(true));   // (10, 2·5) vs (10, 5)
    }
}
