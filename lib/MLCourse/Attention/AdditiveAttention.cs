using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;

namespace MLCourse.Attention;

/// <summary>
/// Bahdanau's additive attention score (the notes' Score(s_{t−1}, h_i) = v_aᵀ tanh(W·s_{t−1} + U·h_i)):
/// a small network scores how well each encoder state h_i matches the decoder state s_{t−1}; a
/// softmax over i turns the scores into attention weights.
/// </summary>
/// <remarks>Introduced in notebook day 15.</remarks>
public sealed record AdditiveAttention(Vector<double> V, Matrix<double> W, Matrix<double> U)
{
    /// <summary>v_aᵀ tanh(W·s + U·h).</summary>
    public double Score(Vector<double> decoderState, Vector<double> encoderState) =>
        V.DotProduct((W * decoderState + U * encoderState).PointwiseTanh());

    /// <summary>The attention weights over the encoder states (rows of <paramref name="encoderStates"/>) and their weighted sum, the context vector.</summary>
    public (Vector<double> Weights, Vector<double> Context) Attend(Vector<double> decoderState, Matrix<double> encoderStates)
    {
        Vector<double> weights = Softmax.Of(Vector<double>.Build.DenseOfEnumerable(encoderStates.EnumerateRows().Select(h => Score(decoderState, h))));
        return (weights, encoderStates.TransposeThisAndMultiply(weights));
    }
}
