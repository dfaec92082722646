using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Sequence;

/// <summary>Which recurrent layer a <see cref="SequenceClassifier"/> uses.</summary>
public enum RecurrentKind
{
    /// <summary>TorchSharp's <c>nn.RNN</c> (tanh).</summary>
    Rnn,

    /// <summary>TorchSharp's <c>nn.LSTM</c>.</summary>
    Lstm,

    /// <summary>TorchSharp's <c>nn.GRU</c>.</summary>
    Gru,
}

/// <summary>
/// A many-to-one TorchSharp model: a (possibly stacked, possibly bidirectional) recurrent layer
/// reads (batch, timesteps, features) and a dense layer maps the last time step's output to class
/// scores — e.g. digits read row by row, 8 steps of 8 pixels.
/// </summary>
/// <remarks>Introduced in notebook day 13; day 14 compares the kinds, depths and directions.</remarks>
public sealed class SequenceClassifier : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor?, (Tensor, Tensor)>? _simple;
    private readonly LSTM? _lstm;
    private readonly TorchSharp.Modules.Linear _output;

    /// <summary>Creates the layers (seed TorchSharp first for repeatable weights).</summary>
    public SequenceClassifier(RecurrentKind kind, int features, int units, int classes, int layers = 1, bool bidirectional = false) : base(nameof(SequenceClassifier))
    {
        Kind = kind;
        if (kind == RecurrentKind.Lstm)
        {
            _lstm = nn.LSTM(features, units, numLayers: layers, batchFirst: true, bidirectional: bidirectional);
        }
        else
        {
            _simple = kind == RecurrentKind.Gru
                ? nn.GRU(features, units, numLayers: layers, batchFirst: true, bidirectional: bidirectional)
                : nn.RNN(features, units, numLayers: layers, batchFirst: true, bidirectional: bidirectional);
        }
        _output = nn.Linear(bidirectional ? 2 * units : units, classes);
        RegisterComponents();
    }

    /// <summary>The recurrent layer's kind.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>Class scores for a batch of sequences (batch, timesteps, features) → (batch, classes).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor outputs = _lstm is not null ? _lstm.forward(x, null).Item1 : _simple!.forward(x, null).Item1;   // (batch, timesteps, units · directions)
        return _output.forward(outputs.select(1, -1)).MoveToOuterDisposeScope();                              // last step → (batch, classes)
    }
}
