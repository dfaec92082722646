using MLCourse.Text;
using TorchSharp;

namespace MLCourse.Tests.Text;

public class PaddedBatchTests
{
    [Fact]
    public void Sequences_are_padded_on_the_right_to_the_longest_with_lengths_and_mask()
    {
        var vocabulary = Vocabulary.Characters(["anna", "bob", "al"]);   // a ×3, b ×2, n ×2, l, o

        var batch = vocabulary.EncodeBatch(["bob", "al", "anna"]);

        Assert.Equal((3, 4), (batch.BatchSize, batch.MaxLength));
        Assert.Equal([3, 2, 4], batch.Lengths);
        Assert.Equal(new[,] { { 3, 6, 3, 0 }, { 2, 5, 0, 0 }, { 2, 4, 4, 2 } }, batch.Ids);
        Assert.Equal(new[,] { { true, true, true, false }, { true, true, false, false }, { true, true, true, true } }, batch.Mask);
        Assert.Equal(["bob", "al", "anna"], Enumerable.Range(0, 3).Select(b => vocabulary.Decode(Enumerable.Range(0, 4).Select(t => batch.Ids[b, t]))));
    }

    [Fact]
    public void The_tensor_equals_TorchSharps_pad_sequence()
    {
        int[][] sequences = [[5, 6], [7, 8, 9, 10], [], [11]];
        using var scope = torch.NewDisposeScope();

        var batch = PaddedBatch.Create(sequences, paddingId: 0);
        var reference = torch.nn.utils.rnn.pad_sequence(
            sequences.Select(s => torch.tensor(s.Select(v => (long)v).ToArray(), torch.int64)), batch_first: true, padding_value: 0);

        Assert.Equal(torch.int64, batch.ToTensor().dtype);
        Assert.Equal(reference.shape, batch.ToTensor().shape);
        Assert.Equal(reference.data<long>().ToArray(), batch.ToTensor().data<long>().ToArray());
        Assert.Equal([2L, 4, 0, 1], batch.LengthTensor().data<long>().ToArray());
        Assert.Equal(batch.Mask.Cast<bool>(), batch.MaskTensor().data<bool>().ToArray());
    }

    [Fact]
    public void An_empty_batch_or_a_vocabulary_without_padding_is_an_error()
    {
        Assert.StartsWith("PaddedBatch: sequences must not be empty.",
            Assert.Throws<ArgumentException>(() => PaddedBatch.Create(Array.Empty<int[]>(), 0)).Message);
        Assert.Equal("Vocabulary: this vocabulary must have a padding token for EncodeBatch, but it was built with " +
            "paddingToken: null.",
            Assert.Throws<InvalidOperationException>(() => Vocabulary.Words(["a b"], paddingToken: null).EncodeBatch(["a"])).Message);
    }
}
