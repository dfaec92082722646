using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

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
/// diag(1 − o_t²)·W_hᵀ back from T to j.
/// <para>Weight convention (row vectors times matrices): W_i (features, units), W_h (units, units),
/// b (units), W_o (units), b_o — the notes' x_t·W_i + o_{t−1}·W_h, which is Keras' SimpleRNN, with
/// one bias per unit, so day 10's unfolding reads as written. TorchSharp's <c>nn.RNN</c> stores the
/// transposes and two biases; <see cref="CopyTo"/> and <see cref="CopyFrom"/> convert.</para>
/// The layer contract: <see cref="Forward"/> → <see cref="SimpleRnnPass"/>, <see cref="Backward"/>(pass,
/// ∂L/∂z) → <see cref="SimpleRnnGradients"/>, <see cref="Step"/>; the loss and its gradient with
/// respect to the logit z are the separate <see cref="Loss"/> and <see cref="LossGradient"/>, so any
/// loss on ŷ can be trained. Introduced in notebooks days 10–11.
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
            throw ErrorMessage.OutOfRange(Component, features < 1 ? nameof(features) : nameof(units),
                "at least 1", features < 1 ? features : units);
        }
        var init = new UniformInit(random, units);
        Wi = init.NextMatrix(features, units);
        Wh = init.NextMatrix(units, units);
        B = init.NextVector(units);
        Wo = init.NextVector(units);
        Bo = init.Next();
    }

    private SimpleRnn(Matrix<double> wi, Matrix<double> wh, Vector<double> b, Vector<double> wo, double bo) =>
        (Wi, Wh, B, Wo, Bo) = (wi, wh, b, wo, bo);

    /// <summary>Builds the model from given weights (copied, so the caller's stay its own).</summary>
    /// <param name="wi">W_i, (features, units).</param>
    /// <param name="wh">W_h, (units, units).</param>
    /// <param name="b">b, (units,).</param>
    /// <param name="wo">W_o, (units,).</param>
    /// <param name="bo">b_o.</param>
    /// <exception cref="ArgumentException">Shapes that do not fit together.</exception>
    public static SimpleRnn FromWeights(Matrix<double> wi,
        Matrix<double> wh, Vector<double> b, Vector<double> wo, double bo)
    {
        Require.NotNull(Component, nameof(wi), wi);
        Require.NotNull(Component, nameof(wh), wh);
        Require.NotNull(Component, nameof(b), b);
        Require.NotNull(Component, nameof(wo), wo);
        int units = wi.ColumnCount;
        if (wi.RowCount == 0 || units == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(wi));
        }
        Require.Shape(Component, nameof(wh), [wh.RowCount, wh.ColumnCount],
            [units, units], "(units, units), units from wi");
        Require.Length(Component, nameof(b), b, units);
        Require.Length(Component, nameof(wo), wo, units);
        return new SimpleRnn(wi.Clone(), wh.Clone(), b.Clone(), wo.Clone(), bo);
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
    /// new one of the same size: <c>rnn.StoredWeights().Save(path)</c>, <c>fresh.StoredWeights().Load(path)</c>.
    /// </summary>
    public Persistence.LayerWeights StoredWeights() => new Persistence.LayerWeights()
        .Add("Wi", Wi).Add("Wh", Wh).Add("B", B).Add("Wo", Wo).Add("Bo", () => Bo, value => Bo = value);

    /// <summary>
    /// Keras' count: features·units + units·units + units·1 weights and units + 1 biases (the notes' 27 + 4).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, or a count beyond int.MaxValue.</exception>
    public static (int Weights, int Biases) KerasParameterCount(int features, int units) =>
        (WeightCount(features, units), units + 1);

    /// <summary>
    /// TorchSharp/PyTorch <c>nn.RNN</c> + <c>nn.Linear</c>: the RNN keeps two biases per unit (b_ih and b_hh).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, or a count beyond int.MaxValue.</exception>
    public static (int Weights, int Biases) TorchParameterCount(int features, int units) =>
        (WeightCount(features, units),
            2L * units + 1 <= int.MaxValue ? 2 * units + 1 : throw TooMany($"{units} units"));

    // features·units + units·units + units, checked: the sizes are validated and the sum is computed in 64 bits.
    private static int WeightCount(int features, int units)
    {
        if (features < 1 || units < 1)
        {
            throw ErrorMessage.OutOfRange(Component, features < 1 ? nameof(features) : nameof(units), "at least 1",
                features < 1 ? features : units);
        }
        long count = (long)features * units + (long)units * units + units;
        return count <= int.MaxValue ? (int)count : throw TooMany($"{features} features and {units} units");
    }

    private static ArgumentOutOfRangeException TooMany(string sizes) => ErrorMessage.TooLarge(Component, "units",
        "a parameter count held in an int", int.MaxValue, $"the count for {sizes}");

    /// <summary>Unfolds the recurrence over <paramref name="sequence"/> and applies the output layer.</summary>
    /// <param name="sequence">Shape (timesteps, features): one row per time step.</param>
    /// <exception cref="ArgumentException">A wrong number of features, or no time steps.</exception>
    public SimpleRnnPass Forward(Matrix<double> sequence)
    {
        Require.NotNull(Component, nameof(sequence), sequence);
        if (sequence.ColumnCount != Wi.RowCount || sequence.RowCount == 0)
        {
            throw ErrorMessage.Shape(Component, nameof(sequence), $"(timesteps ≥ 1, {Wi.RowCount})",
                ErrorMessage.FormatShape(sequence.RowCount, sequence.ColumnCount));
        }
        var states = new List<Vector<double>> { Vector<double>.Build.Dense(Wh.RowCount) };   // o_0 = 0
        for (int t = 0; t < sequence.RowCount; t++)
        {
            // x_t·W_i + o_{t−1}·W_h + b
            Vector<double> pre = Wi.TransposeThisAndMultiply(sequence.Row(t))
                + Wh.TransposeThisAndMultiply(states[^1]) + B;
            states.Add(pre.PointwiseTanh());
        }
        double z = states[^1].DotProduct(Wo) + Bo;
        return new SimpleRnnPass(sequence, states, z, Activations.Sigmoid(z));
    }

    /// <summary>
    /// The binary cross-entropy of a prediction, each log clamped at −100 as PyTorch's <c>BCELoss</c> does
    /// (<see cref="Losses.BinaryCrossEntropy"/>): a confident correct prediction costs 0, not NaN.
    /// </summary>
    public static double Loss(double prediction, double label) => Losses.BinaryCrossEntropy(prediction, label);

    /// <summary>
    /// ∂L/∂z of <see cref="Loss"/> through the sigmoid, ŷ − y: what <see cref="Backward"/> takes
    /// to train the notes' classifier.
    /// </summary>
    /// <param name="prediction">ŷ = σ(z).</param>
    /// <param name="label">y, 0 or 1.</param>
    public static double LossGradient(double prediction, double label) => prediction - label;

    /// <summary>
    /// Backpropagation through time for one sequence, by the notes' chain rule, from ∂L/∂z (z the logit, ŷ = σ(z)).
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="logitGradient">∂L/∂z; for the notes' loss <see cref="LossGradient"/> gives ŷ − y.</param>
    /// <returns>Every parameter's gradient, ∂L/∂x_t and the per-step gradient norms.</returns>
    public SimpleRnnGradients Backward(SimpleRnnPass pass, double logitGradient)
    {
        int steps = pass.Sequence.RowCount;
        double dz = logitGradient;                                          // ∂L/∂z (= ŷ − y for sigmoid + BCE)
        var dWo = dz * pass.States[^1];                                      // ∂L/∂W_o = ∂L/∂z·o_T
        var dWi = Matrix<double>.Build.Dense(Wi.RowCount, Wi.ColumnCount);
        var dWh = Matrix<double>.Build.Dense(Wh.RowCount, Wh.ColumnCount);
        var dB = Vector<double>.Build.Dense(B.Count);
        var dX = Matrix<double>.Build.Dense(steps, Wi.RowCount);
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
            dX.SetRow(t - 1, Wi * delta);                                    // ∂L/∂x_t = δ_t·W_iᵀ
            dState = Wh * delta;                                             // ∂L/∂o_{t−1} = δ_t·W_hᵀ
        }
        return new SimpleRnnGradients(dWi, dWh, dB, dWo, dz, dX, stateGradientNorms);
    }

    /// <summary>
    /// Writes the weights into a TorchSharp <c>nn.RNN</c> (tanh, one layer) and an <c>nn.Linear(units, 1)</c> head, so
    /// σ(head(rnn(x)[last])) is <see cref="SimpleRnnPass.Prediction"/>.
    /// </summary>
    /// <param name="rnn">An <c>nn.RNN(features, units)</c>; its b_hh is set to zero (this model
    /// has one bias per unit).</param>
    /// <param name="head">An <c>nn.Linear(units, 1)</c> with a bias.</param>
    /// <exception cref="ArgumentException">A parameter is missing (the message names those the module has).</exception>
    public void CopyTo(TorchSharp.Modules.RNN rnn, TorchSharp.Modules.Linear head)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.Tensor headBias = head.bias ?? throw ErrorMessage.Must(Component, nameof(head),
            "have a bias (create it with hasBias: true)", "has none");
        Parameter(rnn, "weight_ih_l0").copy_(Wi.Transpose().ToTensor());   // TorchSharp stores (units, features)
        Parameter(rnn, "weight_hh_l0").copy_(Wh.Transpose().ToTensor());
        Parameter(rnn, "bias_ih_l0").copy_(B.ToTensor());
        Parameter(rnn, "bias_hh_l0").zero_();
        head.weight!.copy_(Wo.ToTensor().unsqueeze(0));
        headBias.fill_(Bo);
    }

    /// <summary>
    /// The parameter <paramref name="name"/> of <paramref name="rnn"/>, or the library's error naming the ones it has.
    /// </summary>
    private static torch.Tensor Parameter(TorchSharp.Modules.RNN rnn, string name) =>
        TorchModuleParts.Parameter(Component, nameof(rnn), rnn, name);

    /// <summary>
    /// Builds the model from a TorchSharp <c>nn.RNN</c> (tanh, one layer) and <c>nn.Linear(units, 1)</c> head: the
    /// inverse of <see cref="CopyTo"/>, with b = b_ih + b_hh.
    /// </summary>
    /// <param name="rnn">An <c>nn.RNN(features, units)</c>.</param>
    /// <param name="head">An <c>nn.Linear(units, 1)</c>.</param>
    public static SimpleRnn CopyFrom(TorchSharp.Modules.RNN rnn, TorchSharp.Modules.Linear head)
    {
        Require.NotNull(Component, nameof(rnn), rnn);
        Require.NotNull(Component, nameof(head), head);
        using var scope = torch.NewDisposeScope();
        Matrix<double> wi = Parameter(rnn, "weight_ih_l0").detach().ToMatrix().Transpose();
        Matrix<double> wh = Parameter(rnn, "weight_hh_l0").detach().ToMatrix().Transpose();
        Vector<double> b = Vector<double>.Build.Dense(wh.RowCount);
        foreach (string name in new[] { "bias_ih_l0", "bias_hh_l0" })
        {
            if (rnn.get_parameter(name) is { } bias)
            {
                b += bias.detach().ToVector();
            }
        }
        double bo = head.bias is null ? 0 : head.bias.detach().ToVector()[0];
        return FromWeights(wi, wh, b, head.weight!.detach().ToMatrix().Row(0), bo);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for every parameter.</summary>
    public void Step(SimpleRnnGradients g, double learningRate)
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
/// <param name="States">o_0 = 0, o_1, …, o_T, each (units,).</param>
/// <param name="Logit">z = o_T·W_o + b_o.</param>
/// <param name="Prediction">ŷ = σ(z).</param>
public sealed record SimpleRnnPass(Matrix<double> Sequence,
    IReadOnlyList<Vector<double>> States, double Logit, double Prediction);

/// <summary>The gradients of <see cref="SimpleRnn.Backward"/>.</summary>
/// <param name="Wi">∂L/∂W_i, (features, units).</param>
/// <param name="Wh">∂L/∂W_h, (units, units).</param>
/// <param name="B">∂L/∂b, (units,).</param>
/// <param name="Wo">∂L/∂W_o, (units,).</param>
/// <param name="Bo">∂L/∂b_o.</param>
/// <param name="X">∂L/∂x_t, (timesteps, features).</param>
/// <param name="HiddenGradientNorms">
/// ‖∂L/∂o_t‖ for t = 1 … T, the gradient reaching each step's hidden state (o_t in the notes; the same
/// quantity as <see cref="LstmGradients.HiddenGradientNorms"/>): vanishing gradients made visible.
/// </param>
public sealed record SimpleRnnGradients(Matrix<double> Wi, Matrix<double> Wh, Vector<double> B,
    Vector<double> Wo, double Bo, Matrix<double> X, double[] HiddenGradientNorms);
