using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Sequence;

/// <summary>
/// An encoder–decoder (sequence-to-sequence) model in TorchSharp for token sequences: a GRU encoder
/// reads the input and hands its final state to a GRU decoder, which emits the output one token at a
/// time, each step fed the previous token (the true one while training — teacher forcing — and its
/// own prediction when generating). Input and output lengths may differ.
/// </summary>
/// <remarks>Introduced in notebook day 14 (many-to-many with different lengths).</remarks>
public sealed class Seq2Seq : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Embedding _embedding;
    private readonly GRU _encoder;
    private readonly GRU _decoder;
    private readonly TorchSharp.Modules.Linear _output;

    /// <summary>Creates the layers for a vocabulary of <paramref name="tokens"/> symbols plus a start token.</summary>
    public Seq2Seq(int tokens, int dimensions = 16, int units = 64) : base(nameof(Seq2Seq))
    {
        Tokens = tokens;
        _embedding = nn.Embedding(tokens + 1, dimensions);   // the last index is the start token
        _encoder = nn.GRU(dimensions, units, batchFirst: true);
        _decoder = nn.GRU(dimensions, units, batchFirst: true);
        _output = nn.Linear(units, tokens);
        RegisterComponents();
    }

    /// <summary>The vocabulary size (without the start token).</summary>
    public int Tokens { get; }

    private long Start => Tokens;

    /// <summary>Teacher-forced scores: for input (batch, n) and target (batch, m), returns (batch, m, tokens).</summary>
    public override Tensor forward(Tensor input, Tensor target)
    {
        using var scope = NewDisposeScope();
        Tensor state = _encoder.forward(_embedding.forward(input), null).Item2;                            // (1, batch, units)
        Tensor previous = cat([full(target.shape[0], 1, Start, dtype: int64), target.narrow(1, 0, target.shape[1] - 1)], 1);   // shifted right
        Tensor decoded = _decoder.forward(_embedding.forward(previous), state).Item1;                   // (batch, m, units)
        return _output.forward(decoded).MoveToOuterDisposeScope();
    }

    /// <summary>Generates <paramref name="length"/> tokens per input sequence, greedily.</summary>
    public Tensor Generate(Tensor input, int length)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor state = _encoder.forward(_embedding.forward(input), null).Item2;
        Tensor token = full(input.shape[0], 1, Start, dtype: int64);
        var outputs = new List<Tensor>();
        for (int step = 0; step < length; step++)
        {
            (Tensor decoded, state) = _decoder.forward(_embedding.forward(token), state);
            token = _output.forward(decoded).argmax(2);   // (batch, 1)
            outputs.Add(token);
        }
        return cat(outputs, 1).MoveToOuterDisposeScope();   // (batch, length)
    }

    /// <summary>Cross-entropy of the teacher-forced scores against the target tokens.</summary>
    public Tensor Loss(Tensor input, Tensor target) =>
        nn.functional.cross_entropy(forward(input, target).reshape(-1, Tokens), target.reshape(-1));
}
