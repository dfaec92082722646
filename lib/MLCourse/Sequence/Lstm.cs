using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Sequence;

/// <summary>
/// An LSTM layer from scratch with the notes' six equations, applied to the concatenation
/// [h_{t−1}, x_t] at every step (C_0 = h_0 = 0):
/// (1) f_t = σ(W_f·[h_{t−1}, x_t] + b_f), forget gate;
/// (2) C̃_t = tanh(W_c·[h_{t−1}, x_t] + b_c), candidate cell state;
/// (3) i_t = σ(W_i·[h_{t−1}, x_t] + b_i), input gate;
/// (4) C_t = f_t ⊙ C_{t−1} + i_t ⊙ C̃_t;
/// (5) o_t = σ(W_o·[h_{t−1}, x_t] + b_o), output gate;
/// (6) h_t = o_t ⊙ tanh(C_t).
/// With the notes' 3 units and 4 features each W is 3×7.
/// </summary>
/// <remarks>
/// <see cref="Backward"/> is backpropagation through time by hand.
/// <para>Weight convention (matrices times column vectors, one matrix per gate on the concatenation):
/// W_f, W_c, W_i, W_o are each (units, units + features), h's columns first, and each gate has one
/// bias — the notes' six equations as written, so each W is found under its equation's name.
/// <see cref="CopyTo"/> writes them in TorchSharp's <c>nn.LSTM</c> layout (gates stacked i, f, g, o;
/// W split into its h and x columns; bias in b_ih with b_hh = 0), so both give identical outputs.</para>
/// Introduced in notebook day 13.
/// </remarks>
public sealed partial class Lstm
{
    private const string Component = "Lstm";

    /// <summary>Creates the layer with weights drawn uniformly from ±1/√units (PyTorch's default range).</summary>
    public Lstm(int features, int units, Random random)
    {
        if (features < 1 || units < 1)
        {
            throw ErrorMessage.OutOfRange(Component, features < 1 ? nameof(features) : nameof(units), "at least 1",
                features < 1 ? features : units);
        }
        var init = new UniformInit(random, units);
        Matrix<double> W() => init.NextMatrix(units, units + features);
        (Wf, Wc, Wi, Wo) = (W(), W(), W(), W());
        Vector<double> B() => init.NextVector(units);
        (Bf, Bc, Bi, Bo) = (B(), B(), B(), B());
        Features = features;
        Units = units;
    }

    private Lstm(Matrix<double>[] weights, Vector<double>[] biases)
    {
        (Wf, Wc, Wi, Wo) = (weights[0], weights[1], weights[2], weights[3]);
        (Bf, Bc, Bi, Bo) = (biases[0], biases[1], biases[2], biases[3]);
        Units = Wf.RowCount;
        Features = Wf.ColumnCount - Units;
    }

    /// <summary>Builds the layer from given weights (copied), each gate's W acting on [h_{t−1}, x_t].</summary>
    /// <param name="wf">W_f, (units, units + features).</param>
    /// <param name="wc">W_c, the same shape.</param>
    /// <param name="wi">W_i, the same shape.</param>
    /// <param name="wo">W_o, the same shape.</param>
    /// <param name="bf">b_f, (units,).</param>
    /// <param name="bc">b_c, (units,).</param>
    /// <param name="bi">b_i, (units,).</param>
    /// <param name="bo">b_o, (units,).</param>
    /// <exception cref="ArgumentException">Shapes that do not fit together (features = columns − units must be at least
    /// 1).</exception>
    public static Lstm FromWeights(Matrix<double> wf, Matrix<double> wc, Matrix<double> wi, Matrix<double> wo,
        Vector<double> bf, Vector<double> bc, Vector<double> bi, Vector<double> bo)
    {
        Require.NotNull(Component, nameof(wf), wf);
        Require.NotNull(Component, nameof(wc), wc);
        Require.NotNull(Component, nameof(wi), wi);
        Require.NotNull(Component, nameof(wo), wo);
        Require.NotNull(Component, nameof(bf), bf);
        Require.NotNull(Component, nameof(bc), bc);
        Require.NotNull(Component, nameof(bi), bi);
        Require.NotNull(Component, nameof(bo), bo);
        int units = wf.RowCount;
        if (units < 1 || wf.ColumnCount <= units)
        {
            throw ErrorMessage.Shape(Component, nameof(wf), "(units ≥ 1, units + features) with features ≥ 1",
                ErrorMessage.FormatShape(wf.RowCount, wf.ColumnCount));
        }
        (string Name, Matrix<double> W)[] weights =
            [(nameof(wf), wf), (nameof(wc), wc), (nameof(wi), wi), (nameof(wo), wo)];
        foreach (var (name, w) in weights)
        {
            Require.Shape(Component, name, [w.RowCount, w.ColumnCount], [units, wf.ColumnCount], "the shape of wf");
        }
        (string Name, Vector<double> B)[] biases =
            [(nameof(bf), bf), (nameof(bc), bc), (nameof(bi), bi), (nameof(bo), bo)];
        foreach (var (name, b) in biases)
        {
            Require.Length(Component, name, b, units);
        }
        return new Lstm(weights.Select(w => w.W.Clone()).ToArray(), biases.Select(b => b.B.Clone()).ToArray());
    }

    /// <summary>Input features per step.</summary>
    public int Features { get; }

    /// <summary>Hidden units (the size of h_t and C_t).</summary>
    public int Units { get; }

    /// <summary>Forget-gate weights, (units, units + features).</summary>
    public Matrix<double> Wf { get; }

    /// <summary>Candidate-cell weights.</summary>
    public Matrix<double> Wc { get; }

    /// <summary>Input-gate weights.</summary>
    public Matrix<double> Wi { get; }

    /// <summary>Output-gate weights.</summary>
    public Matrix<double> Wo { get; }

    /// <summary>Forget-gate bias.</summary>
    public Vector<double> Bf { get; }

    /// <summary>Candidate-cell bias.</summary>
    public Vector<double> Bc { get; }

    /// <summary>Input-gate bias.</summary>
    public Vector<double> Bi { get; }

    /// <summary>Output-gate bias.</summary>
    public Vector<double> Bo { get; }

    /// <summary>
    /// The four gates' weights and biases by reference, to save a trained layer and load it into a
    /// new one of the same size: <c>lstm.StoredWeights().Save(path)</c>, <c>fresh.StoredWeights().Load(path)</c>.
    /// </summary>
    public Persistence.LayerWeights StoredWeights() => new Persistence.LayerWeights()
        .Add("Wf", Wf).Add("Wc", Wc).Add("Wi", Wi).Add("Wo", Wo)
        .Add("Bf", Bf).Add("Bc", Bc).Add("Bi", Bi).Add("Bo", Bo);

    /// <summary>Runs the six equations over the sequence.</summary>
    /// <param name="sequence">(timesteps, features).</param>
    /// <exception cref="ArgumentException">A wrong number of features or no time steps.</exception>
    public LstmPass Forward(Matrix<double> sequence)
    {
        Require.NotNull(Component, nameof(sequence), sequence);
        if (sequence.ColumnCount != Features || sequence.RowCount == 0)
        {
            throw ErrorMessage.Shape(Component, nameof(sequence), $"(timesteps ≥ 1, {Features})",
                ErrorMessage.FormatShape(sequence.RowCount, sequence.ColumnCount));
        }
        var steps = new List<LstmStep>();
        Vector<double> h = Vector<double>.Build.Dense(Units), c = Vector<double>.Build.Dense(Units);
        for (int t = 0; t < sequence.RowCount; t++)
        {
            // [h_{t−1}, x_t]
            Vector<double> concat = Vector<double>.Build.DenseOfEnumerable(h.Concat(sequence.Row(t)));
            Vector<double> f = Activations.Sigmoid(Wf * concat + Bf);                          // (1)
            Vector<double> candidate = (Wc * concat + Bc).PointwiseTanh();                     // (2)
            Vector<double> i = Activations.Sigmoid(Wi * concat + Bi);                          // (3)
            Vector<double> cell = f.PointwiseMultiply(c) + i.PointwiseMultiply(candidate);     // (4)
            Vector<double> o = Activations.Sigmoid(Wo * concat + Bo);                          // (5)
            h = o.PointwiseMultiply(cell.PointwiseTanh());                                     // (6)
            steps.Add(new LstmStep(concat, c, f, candidate, i, cell, o, h));
            c = cell;
        }
        return new LstmPass(steps);
    }

    /// <summary>
    /// Backpropagation through time, given ∂L/∂h_t for every step (zeros where the loss ignores h_t).
    /// </summary>
    /// <param name="pass">The forward pass.</param>
    /// <param name="hiddenGradients">∂L/∂h_t from outside the layer, one per step.</param>
    /// <exception cref="ArgumentException"><paramref name="hiddenGradients"/> does not hold one vector of shape
    /// (units,) per step.</exception>
    public LstmGradients Backward(LstmPass pass, IReadOnlyList<Vector<double>> hiddenGradients)
    {
        int steps = pass.Steps.Count;
        Require.StepVectors(Component, nameof(hiddenGradients), hiddenGradients, steps, Units);
        Matrix<double> Zeros() => Matrix<double>.Build.Dense(Units, Units + Features);
        var (dWf, dWc, dWi, dWo) = (Zeros(), Zeros(), Zeros(), Zeros());
        Vector<double> Zero() => Vector<double>.Build.Dense(Units);
        var (dBf, dBc, dBi, dBo) = (Zero(), Zero(), Zero(), Zero());
        var dX = Matrix<double>.Build.Dense(steps, Features);
        var norms = new double[steps];
        Vector<double> dhNext = Zero(), dcNext = Zero();
        for (int t = steps - 1; t >= 0; t--)
        {
            LstmStep s = pass.Steps[t];
            Vector<double> dh = hiddenGradients[t] + dhNext;
            norms[t] = dh.L2Norm();
            Vector<double> tanhC = s.Cell.PointwiseTanh();
            Vector<double> dOutput = dh.PointwiseMultiply(tanhC);                                        // from (6)
            Vector<double> dc = dh.PointwiseMultiply(s.Output).PointwiseMultiply(1 - tanhC.PointwisePower(2)) + dcNext;
            // Through (4), then each gate's activation: σ′ = σ(1 − σ), tanh′ = 1 − tanh².
            Vector<double> dzF = dc.PointwiseMultiply(s.PreviousCell).PointwiseMultiply(SigmoidSlope(s.Forget));
            Vector<double> dzI = dc.PointwiseMultiply(s.Candidate).PointwiseMultiply(SigmoidSlope(s.Input));
            Vector<double> dzC = dc.PointwiseMultiply(s.Input).PointwiseMultiply(1 - s.Candidate.PointwisePower(2));
            Vector<double> dzO = dOutput.PointwiseMultiply(SigmoidSlope(s.Output));
            // Every gate's weights see [h_{t−1}, x_t]: ∂L/∂W = Σ_t δ_t·[h_{t−1}, x_t]ᵀ, ∂L/∂b = Σ_t δ_t.
            dWf += dzF.OuterProduct(s.Concat);
            dWc += dzC.OuterProduct(s.Concat);
            dWi += dzI.OuterProduct(s.Concat);
            dWo += dzO.OuterProduct(s.Concat);
            dBf += dzF;
            dBc += dzC;
            dBi += dzI;
            dBo += dzO;
            Vector<double> dConcat = Wf.TransposeThisAndMultiply(dzF) + Wc.TransposeThisAndMultiply(dzC)
                + Wi.TransposeThisAndMultiply(dzI) + Wo.TransposeThisAndMultiply(dzO);
            dhNext = dConcat.SubVector(0, Units);                 // to h_{t−1}
            dX.SetRow(t, dConcat.SubVector(Units, Features));     // to x_t
            dcNext = dc.PointwiseMultiply(s.Forget);              // to C_{t−1}
        }
        static Vector<double> SigmoidSlope(Vector<double> sigma) => sigma.PointwiseMultiply(1 - sigma);   // σ′ from σ
        return new LstmGradients(dWf, dWc, dWi, dWo, dBf, dBc, dBi, dBo, dX, norms);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for every weight and bias.</summary>
    /// <param name="g">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(LstmGradients g, double learningRate)
    {
        Wf.Subtract(learningRate * g.Wf, Wf);
        Wc.Subtract(learningRate * g.Wc, Wc);
        Wi.Subtract(learningRate * g.Wi, Wi);
        Wo.Subtract(learningRate * g.Wo, Wo);
        Bf.Subtract(learningRate * g.Bf, Bf);
        Bc.Subtract(learningRate * g.Bc, Bc);
        Bi.Subtract(learningRate * g.Bi, Bi);
        Bo.Subtract(learningRate * g.Bo, Bo);
    }

    /// <summary>
    /// Builds the layer from a one-layer, unidirectional TorchSharp <c>nn.LSTM</c> (the inverse of
    /// <see cref="CopyTo"/>): each gate's W is [W_hh | W_ih] and its bias b_ih + b_hh.
    /// </summary>
    /// <param name="lstm">The module; gates stacked i, f, g, o as TorchSharp does.</param>
    public static Lstm CopyFrom(TorchSharp.Modules.LSTM lstm)
    {
        Require.NotNull(Component, nameof(lstm), lstm);
        using var scope = torch.NewDisposeScope();
        Matrix<double> ih = Parameter(lstm, "weight_ih_l0").detach().ToMatrix();   // (4·units, features)
        Matrix<double> hh = Parameter(lstm, "weight_hh_l0").detach().ToMatrix();   // (4·units, units)
        int units = hh.ColumnCount, features = ih.ColumnCount;
        Vector<double> bias = Vector<double>.Build.Dense(4 * units);
        foreach (string name in new[] { "bias_ih_l0", "bias_hh_l0" })
        {
            if (lstm.get_parameter(name) is { } b)
            {
                bias += b.detach().ToVector();
            }
        }
        // [h, x] columns
        Matrix<double> Gate(int g)
            => hh.SubMatrix(g * units, units, 0, units).Append(ih.SubMatrix(g * units, units, 0, features));
        Vector<double> GateBias(int g) => bias.SubVector(g * units, units);
        // f, c (g), i, o
        return FromWeights(Gate(1), Gate(2), Gate(0), Gate(3), GateBias(1), GateBias(2), GateBias(0), GateBias(3));
    }

    /// <summary>
    /// Writes these weights into a TorchSharp <c>nn.LSTM</c> (one layer, same sizes) so it computes the same function.
    /// </summary>
    public void CopyTo(TorchSharp.Modules.LSTM lstm)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Matrix<double>[] gates = [Wi, Wf, Wc, Wo];   // TorchSharp's order: input, forget, cell (g), output
        Vector<double>[] biases = [Bi, Bf, Bc, Bo];
        // (4·units, features)
        Matrix<double> ih = gates.Select(g => g.SubMatrix(0, Units, Units, Features)).Aggregate((a, b) => a.Stack(b));
        // (4·units, units)
        Matrix<double> hh = gates.Select(g => g.SubMatrix(0, Units, 0, Units)).Aggregate((a, b) => a.Stack(b));
        Parameter(lstm, "weight_ih_l0").copy_(Tensors.TensorConvert.ToTensor(ih));
        Parameter(lstm, "weight_hh_l0").copy_(Tensors.TensorConvert.ToTensor(hh));
        Parameter(lstm, "bias_ih_l0").copy_(torch.tensor(biases.SelectMany(b => b).ToArray(), torch.float64));
        Parameter(lstm, "bias_hh_l0").zero_();
    }

    /// <summary>
    /// The parameter <paramref name="name"/> of <paramref name="lstm"/>, or the library's error naming the ones it has.
    /// </summary>
    private static torch.Tensor Parameter(TorchSharp.Modules.LSTM lstm, string name) =>
        TorchModuleParts.Parameter(Component, nameof(lstm), lstm, name);
}

/// <summary>The cached values of one LSTM step.</summary>
/// <param name="Concat">[h_{t−1}, x_t].</param>
/// <param name="PreviousCell">C_{t−1}.</param>
/// <param name="Forget">f_t.</param>
/// <param name="Candidate">C̃_t.</param>
/// <param name="Input">i_t.</param>
/// <param name="Cell">C_t.</param>
/// <param name="Output">o_t.</param>
/// <param name="Hidden">h_t.</param>
public sealed record LstmStep(Vector<double> Concat, Vector<double> PreviousCell, Vector<double> Forget,
    Vector<double> Candidate, Vector<double> Input, Vector<double> Cell, Vector<double> Output, Vector<double> Hidden);

/// <summary>The steps of an LSTM forward pass.</summary>
/// <param name="Steps">One entry per time step.</param>
public sealed record LstmPass(IReadOnlyList<LstmStep> Steps);

/// <summary>The gradients of <see cref="Lstm.Backward"/>.</summary>
/// <param name="Wf">∂L/∂W_f.</param>
/// <param name="Wc">∂L/∂W_c.</param>
/// <param name="Wi">∂L/∂W_i.</param>
/// <param name="Wo">∂L/∂W_o.</param>
/// <param name="Bf">∂L/∂b_f.</param>
/// <param name="Bc">∂L/∂b_c.</param>
/// <param name="Bi">∂L/∂b_i.</param>
/// <param name="Bo">∂L/∂b_o.</param>
/// <param name="X">∂L/∂x_t, (timesteps, features).</param>
/// <param name="HiddenGradientNorms">‖∂L/∂h_t‖ (including what flows back from later steps), per step.</param>
public sealed record LstmGradients(Matrix<double> Wf, Matrix<double> Wc, Matrix<double> Wi, Matrix<double> Wo,
    Vector<double> Bf, Vector<double> Bc, Vector<double> Bi, Vector<double> Bo, Matrix<double> X,
    double[] HiddenGradientNorms);
