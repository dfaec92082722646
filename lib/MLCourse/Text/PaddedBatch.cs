using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Text;

/// <summary>
/// Sequences of token ids of different lengths in one rectangle: each is padded on the right with
/// the padding id up to the longest, with each sequence's length and a mask of its real tokens kept,
/// so a model can ignore the padding (PyTorch: <c>pad_sequence(batch_first=True)</c> plus lengths).
/// </summary>
/// <remarks>
/// Built by <see cref="Vocabulary.EncodeBatch"/> or <see cref="Create"/>; introduced with the sequence
/// days (RNN on sentences). Empty sequences are allowed (length 0, a row of padding); a batch whose
/// sequences are all empty has <see cref="MaxLength"/> 0.
/// </remarks>
public sealed class PaddedBatch
{
    private const string Component = "PaddedBatch";

    private PaddedBatch(int[,] ids, int[] lengths, int paddingId)
    {
        Ids = ids;
        Lengths = lengths;
        PaddingId = paddingId;
    }

    /// <summary>Shape (batch, max length): row b is sequence b, then <see cref="PaddingId"/> up to the end.</summary>
    public int[,] Ids { get; }

    /// <summary>The length of each sequence before padding, shape (batch,).</summary>
    public int[] Lengths { get; }

    /// <summary>The id written into the padding positions.</summary>
    public int PaddingId { get; }

    /// <summary>The number of sequences.</summary>
    public int BatchSize => Lengths.Length;

    /// <summary>The length of the longest sequence: the width of <see cref="Ids"/>.</summary>
    public int MaxLength => Ids.GetLength(1);

    /// <summary>Shape (batch, max length): true where <see cref="Ids"/> holds a real token, false on padding.</summary>
    public bool[,] Mask
    {
        get
        {
            var mask = new bool[BatchSize, MaxLength];
            for (int b = 0; b < BatchSize; b++)
            {
                for (int t = 0; t < Lengths[b]; t++)
                {
                    mask[b, t] = true;
                }
            }
            return mask;
        }
    }

    /// <summary>
    /// Pads <paramref name="sequences"/> with <paramref name="paddingId"/> to the length of the longest.
    /// Copies; the sequences are not changed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sequences"/> is empty.</exception>
    public static PaddedBatch Create(IReadOnlyList<IReadOnlyList<int>> sequences, int paddingId)
    {
        Require.NoNulls(Component, nameof(sequences), sequences);
        if (sequences.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(sequences));
        }
        int[] lengths = sequences.Select(s => s.Count).ToArray();
        var ids = new int[sequences.Count, lengths.Max()];
        for (int b = 0; b < sequences.Count; b++)
        {
            for (int t = 0; t < ids.GetLength(1); t++)
            {
                ids[b, t] = t < lengths[b] ? sequences[b][t] : paddingId;
            }
        }
        return new PaddedBatch(ids, lengths, paddingId);
    }

    /// <summary>
    /// <see cref="Ids"/> as an int64 tensor of shape (batch, max length), as <c>nn.Embedding</c> expects.
    /// </summary>
    public torch.Tensor ToTensor() =>
        torch.tensor(Ids.Cast<int>().Select(id => (long)id).ToArray(), new long[] { BatchSize, MaxLength });   // (B, T)

    /// <summary>
    /// <see cref="Lengths"/> as an int64 tensor of shape (batch,), as <c>pack_padded_sequence</c> expects.
    /// </summary>
    public torch.Tensor LengthTensor() => torch.tensor(Lengths.Select(l => (long)l).ToArray());

    /// <summary><see cref="Mask"/> as a bool tensor of shape (batch, max length).</summary>
    // (B, T)
    public torch.Tensor MaskTensor() => torch.tensor(Mask.Cast<bool>().ToArray(), new long[] { BatchSize, MaxLength });
}
