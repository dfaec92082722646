using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;

namespace MLCourse.Sequence;

/// <summary>
/// The notes' simple RNN for many-to-one classification, from scratch, with backpropagation
/// through time by hand. Unfolded over the time steps of one sequence:
/// o_t = tanh(x_t·W_i + o_{t−1}·W_h + b) with o_0 = 0 (the same weights at every step),
/// ŷ = σ(o_T·W_o + b_o), L = −y log ŷ − (1 − y) log(1 − ŷ).
/// </summary>
/// <remarks>
/// BPTT follows the notes' dependency chart: ∂L/∂W_o = (ŷ − y)·o_T, and ∂L/∂W_i, ∂L/∂W_h are sums
/// over time steps j of ∂L/∂ŷ · ∂ŷ/∂o_j · ∂o_j/∂W, where ∂ŷ/∂o_j chains ∂o_{t}/∂o_{t−1} =
/// diag(1 − o_t²)·W_hᵀ back from T to j. Parameters: W_i (features, units), W_h (units, units),
/// b (units), W_o (units), b_o — Keras' SimpleRNN convention with one bias per unit.
/// Introduced in notebooks days 09–10.
/// </remarks>
public sealed class SimpleRnn
{
    private const string Component = "SimpleRnn";

    /// <summary>Creates the model with weights drawn uniformly from ±1/√units (PyTorch's default range).</summary>
    /// <param name="features">Input features per time step (e.g. the vocabulary size of one-hot words).</param>
    /// <param name="units">Hidden units.</param>
    /// <param name="random">Draws the initial weights.</param>
    public SimpleRnn(int features, int units, Random random)
    {
        if (features < 1 || units < 1)
        {
            throw ErrorMessage.OutOfRange(Component, features < 1 ? nameof(features) : nameof(units), "at least 1", features < 1 ? features : units);
        }
        var init = new UniformInit(random, units);
        Wi = init.NextMatrix(features, units);
        Wh = init.NextMatrix(units, units);
        B = init.NextVector(units);
        Wo = init.NextVector(units);
        Bo = init.Next();
    }

    /// <summary>Input weights W_i, (features, units).</summary>
    public Matrix<double> Wi { get; }

    /// <summary>Recurrent weights W_h, (units, units), shared by every time step.</summary>
    public Matrix<double> Wh { get; }

    /// <summary>The recurrent layer's bias b, (units,).</summary>
    public Vector<double> B { get; }

    /// <summary>Output weights W_o, (units,).</summary>
    public Vector<double> Wo { get; }

    /// <summary>Output bias b_o.</summary>
    public double Bo { get; set; }

    /// <summary>
    /// The weights W_i, W_h, b, W_o and b_o by reference, to save a trained model and load it into a
    /// new one of the same size: <c>rnn.Weights().Save(path)</c>, <c>fresh.Weights().Load(path)</c>.
    /// </summary>
    public Persistence.LayerWeights Weights() => new Persistence.LayerWeights()
        .Add("Wi", Wi).Add("Wh", Wh).Add("B", B).Add("Wo", Wo).Add("Bo", () => Bo, value => Bo = value);

    /// <summary>Keras' count: features·units + units·units + units·1 weights and units + 1 biases (the notes' 27 + 4).</summary>
    public static (int Weights, int Biases) KerasParameterCount(int features, int units) =>
        (features * units + units * units + units, units + 1);

    /// <summary>TorchSharp/PyTorch <c>nn.RNN</c> + <c>nn.Linear</c>: the RNN keeps two biases per unit (b_ih and b_hh).</summary>
    public static (int Weights, int Biases) TorchParameterCount(int features, int units) =>
        (features * units + units * units + units, 2 * units + 1);

    /// <summary>Unfolds the recurrence over <paramref name="sequence"/> and applies the output layer.</summary>
    /// <param name="sequence">Shape (timesteps, features): one row per time step.</param>
    /// <exception cref="ArgumentException">A wrong number of features, or no time steps.</exception>
    public RnnPass Forward(Matrix<double> sequence)
    {
        if (sequence.ColumnCount != Wi.RowCount || sequence.RowCount == 0)
        {
            throw ErrorMessage.Shape(Component, nameof(sequence), $"(timesteps ≥ 1, {Wi.RowCount})", ErrorMessage.FormatShape(sequence.RowCount, sequence.ColumnCount));
        }
        var states = new List<Vector<double>> { Vector<double>.Build.Dense(Wh.RowCount) };   // o_0 = 0
        for (int t = 0; t < sequence.RowCount; t++)
        {
            Vector<double> pre = Wi.TransposeThisAndMultiply(sequence.Row(t)) + Wh.TransposeThisAndMultiply(states[^1]) + B;   // x_t·W_i + o_{t−1}·W_h + b
            states.Add(pre.PointwiseTanh());
        }
        double z = states[^1].DotProduct(Wo) + Bo;
        return new RnnPass(sequence, states, Activations.Sigmoid(z));
    }

    /// <summary>The binary cross-entropy of a prediction, each log clamped at −100 as PyTorch's <c>BCELoss</c> does (<see cref="Losses.BinaryCrossEntropy"/>): a confident correct prediction costs 0, not NaN.</summary>
    public static double Loss(double prediction, double label) => Losses.BinaryCrossEntropy(prediction, label);

    /// <summary>Backpropagation through time for one sequence, by the notes' chain rule.</summary>
    /// <param name="pass">The forward pass.</param>
    /// <param name="label">y, 0 or 1.</param>
    public RnnGradients Backward(RnnPass pass, double label)
    {
        int steps = pass.Sequence.RowCount;
        double dz = pass.Prediction - label;                               // ∂L/∂z = ŷ − y (sigmoid + BCE)
        var dWo = dz * pass.States[^1];                                      // ∂L/∂W_o = (ŷ − y)·o_T
        var dWi = Matrix<double>.Build.Dense(Wi.RowCount, Wi.ColumnCount);
        var dWh = Matrix<double>.Build.Dense(Wh.RowCount, Wh.ColumnCount);
        var dB = Vector<double>.Build.Dense(B.Count);
        var stateGradientNorms = new double[steps];
        Vector<double> dState = dz * Wo;                                     // ∂L/∂o_T
        for (int t = steps; t >= 1; t--)
        {
            stateGradientNorms[t - 1] = dState.L2Norm();
            Vector<double> o = pass.States[t];
            Vector<double> delta = dState.PointwiseMultiply(1 - o.PointwisePower(2));   // through tanh: 1 − o_t²
            dWi += pass.Sequence.Row(t - 1).OuterProduct(delta);            // x_tᵀ·δ_t, summed over t
            dWh += pass.States[t - 1].OuterProduct(delta);                  // o_{t−1}ᵀ·δ_t
            dB += delta;
            dState = Wh * delta;                                             // ∂L/∂o_{t−1} = δ_t·W_hᵀ
        }
        return new RnnGradients(dWi, dWh, dB, dWo, dz, stateGradientNorms);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for every parameter.</summary>
    public void Step(RnnGradients g, double learningRate)
    {
        Wi.Subtract(learningRate * g.Wi, Wi);
        Wh.Subtract(learningRate * g.Wh, Wh);
        B.Subtract(learningRate * g.B, B);
        Wo.Subtract(learningRate * g.Wo, Wo);
        Bo -= learningRate * g.Bo;
    }
}

/// <summary>The unfolded forward pass of <see cref="SimpleRnn"/>.</summary>
/// <param name="Sequence">The input, (timesteps, features).</param>
/// <param name="States">o_0 = 0, o_1, …, o_T.</param>
/// <param name="Prediction">ŷ = σ(o_T·W_o + b_o).</param>
public sealed record RnnPass(Matrix<double> Sequence, IReadOnlyList<Vector<double>> States, double Prediction);

/// <summary>The gradients of <see cref="SimpleRnn.Backward"/>.</summary>
/// <param name="Wi">∂L/∂W_i.</param>
/// <param name="Wh">∂L/∂W_h.</param>
/// <param name="B">∂L/∂b.</param>
/// <param name="Wo">∂L/∂W_o.</param>
/// <param name="Bo">∂L/∂b_o.</param>
/// <param name="StateGradientNorms">‖∂L/∂o_t‖ for t = 1 … T: how much gradient reaches each step (vanishing gradients).</param>
public sealed record RnnGradients(Matrix<double> Wi, Matrix<double> Wh, Vector<double> B, Vector<double> Wo, double Bo, double[] StateGradientNorms);
