using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Sequence;

/// <summary>
/// A GRU layer from scratch with TorchSharp's <c>nn.GRU</c> equations (h_0 = 0):
/// r_t = σ(W_ir·x_t + b_ir + W_hr·h_{t−1} + b_hr), reset gate;
/// z_t = σ(W_iz·x_t + b_iz + W_hz·h_{t−1} + b_hz), update gate;
/// n_t = tanh(W_in·x_t + b_in + r_t ⊙ (W_hn·h_{t−1} + b_hn)), candidate;
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.
/// Two gates instead of the LSTM's three, and no separate cell state.
/// </summary>
/// <remarks>
/// <para>Weight convention (matrices times column vectors, TorchSharp's <c>nn.GRU</c> layout): per
/// gate in the order r, z, n — TorchSharp's stacking order — an input matrix W_i· (units, features)
/// and a hidden matrix W_h· (units, units), each with its own bias. Unlike the LSTM's, the two
/// cannot be merged into one matrix on [h_{t−1}, x_t] with one bias, because the reset gate
/// multiplies only the hidden part: r_t ⊙ (W_hn·h_{t−1} + b_hn).</para>
/// <see cref="Backward"/> is BPTT by hand. Introduced in notebook day 14.
/// </remarks>
public sealed class Gru
{
    private const string Component = "Gru";

    /// <summary>Creates the layer with weights uniform in ±1/√units.</summary>
    public Gru(int features, int units, Random random)
    {
        if (features < 1 || units < 1)
        {
            throw ErrorMessage.OutOfRange(Component, features < 1 ? nameof(features) : nameof(units),
                "at least 1", features < 1 ? features : units);
        }
        var init = new UniformInit(random, units);
        InputWeights = Enumerable.Range(0, 3).Select(_ => init.NextMatrix(units, features)).ToArray();
        HiddenWeights = Enumerable.Range(0, 3).Select(_ => init.NextMatrix(units, units)).ToArray();
        InputBiases = Enumerable.Range(0, 3).Select(_ => init.NextVector(units)).ToArray();
        HiddenBiases = Enumerable.Range(0, 3).Select(_ => init.NextVector(units)).ToArray();
        (Features, Units) = (features, units);
    }

    private Gru(Matrix<double>[] inputWeights, Matrix<double>[] hiddenWeights,
        Vector<double>[] inputBiases, Vector<double>[] hiddenBiases)
    {
        (InputWeights, HiddenWeights, InputBiases, HiddenBiases) =
            (inputWeights, hiddenWeights, inputBiases, hiddenBiases);
        (Features, Units) = (inputWeights[0].ColumnCount, inputWeights[0].RowCount);
    }

    /// <summary>
    /// Builds the layer from given weights (copied), per gate in the order r, z, n (<see cref="Reset"/>,
    /// <see cref="Update"/>, <see cref="Candidate"/>).
    /// </summary>
    /// <param name="inputWeights">W_ir, W_iz, W_in, each (units, features).</param>
    /// <param name="hiddenWeights">W_hr, W_hz, W_hn, each (units, units).</param>
    /// <param name="inputBiases">b_ir, b_iz, b_in, each (units,).</param>
    /// <param name="hiddenBiases">b_hr, b_hz, b_hn, each (units,).</param>
    /// <exception cref="ArgumentException">Not three of each, or shapes that do not fit together.</exception>
    public static Gru FromWeights(IReadOnlyList<Matrix<double>> inputWeights,
        IReadOnlyList<Matrix<double>> hiddenWeights,
        IReadOnlyList<Vector<double>> inputBiases, IReadOnlyList<Vector<double>> hiddenBiases)
    {
        Require.NotNull(Component, nameof(inputWeights), inputWeights);
        Require.NotNull(Component, nameof(hiddenWeights), hiddenWeights);
        Require.NotNull(Component, nameof(inputBiases), inputBiases);
        Require.NotNull(Component, nameof(hiddenBiases), hiddenBiases);
        Require.Shape(Component, nameof(inputWeights), [inputWeights.Count], [3], "one matrix per gate r, z, n");
        Require.Shape(Component, nameof(hiddenWeights), [hiddenWeights.Count], [3], "one matrix per gate r, z, n");
        Require.Shape(Component, nameof(inputBiases), [inputBiases.Count], [3], "one vector per gate r, z, n");
        Require.Shape(Component, nameof(hiddenBiases), [hiddenBiases.Count], [3], "one vector per gate r, z, n");
        int units = inputWeights[0].RowCount, features = inputWeights[0].ColumnCount;
        if (units < 1 || features < 1)
        {
            throw ErrorMessage.Empty(Component, nameof(inputWeights));
        }
        for (int g = 0; g < 3; g++)
        {
            Require.Shape(Component, $"{nameof(inputWeights)}[{g}]",
                [inputWeights[g].RowCount, inputWeights[g].ColumnCount], [units, features], "(units, features)");
            Require.Shape(Component, $"{nameof(hiddenWeights)}[{g}]",
                [hiddenWeights[g].RowCount, hiddenWeights[g].ColumnCount], [units, units], "(units, units)");
            Require.Length(Component, $"{nameof(inputBiases)}[{g}]", inputBiases[g], units);
            Require.Length(Component, $"{nameof(hiddenBiases)}[{g}]", hiddenBiases[g], units);
        }
        return new Gru(inputWeights.Select(w => w.Clone()).ToArray(), hiddenWeights.Select(w => w.Clone()).ToArray(),
            inputBiases.Select(b => b.Clone()).ToArray(), hiddenBiases.Select(b => b.Clone()).ToArray());
    }

    /// <summary>Index of the reset gate in the per-gate arrays.</summary>
    public const int Reset = 0;

    /// <summary>Index of the update gate.</summary>
    public const int Update = 1;

    /// <summary>Index of the candidate.</summary>
    public const int Candidate = 2;

    /// <summary>Input features per step.</summary>
    public int Features { get; }

    /// <summary>Hidden units.</summary>
    public int Units { get; }

    /// <summary>W_ir, W_iz, W_in, each (units, features).</summary>
    public IReadOnlyList<Matrix<double>> InputWeights { get; }

    /// <summary>W_hr, W_hz, W_hn, each (units, units).</summary>
    public IReadOnlyList<Matrix<double>> HiddenWeights { get; }

    /// <summary>b_ir, b_iz, b_in.</summary>
    public IReadOnlyList<Vector<double>> InputBiases { get; }

    /// <summary>b_hr, b_hz, b_hn.</summary>
    public IReadOnlyList<Vector<double>> HiddenBiases { get; }

    /// <summary>
    /// The three gates' weights and biases by reference, to save a trained layer and load it into a new
    /// one of the same size: <c>gru.StoredWeights().Save(path)</c>, <c>fresh.StoredWeights().Load(path)</c>. Entries
    /// <c>InputWeights.Reset</c> … <c>HiddenBiases.Candidate</c>, gates in the order reset, update, candidate.
    /// </summary>
    public Persistence.LayerWeights StoredWeights()
    {
        string[] gates = ["Reset", "Update", "Candidate"];
        var weights = new Persistence.LayerWeights();
        for (int g = 0; g < gates.Length; g++)
        {
            weights.Add($"InputWeights.{gates[g]}", InputWeights[g]).Add($"HiddenWeights.{gates[g]}", HiddenWeights[g])
                .Add($"InputBiases.{gates[g]}", InputBiases[g]).Add($"HiddenBiases.{gates[g]}", HiddenBiases[g]);
        }
        return weights;
    }

    /// <summary>
    /// Runs the recurrence over <paramref name="sequence"/> (timesteps, features); returns the cached steps.
    /// </summary>
    /// <param name="sequence">(timesteps, features).</param>
    /// <exception cref="ArgumentException">A wrong number of features or no time steps.</exception>
    public GruPass Forward(Matrix<double> sequence)
    {
        Require.NotNull(Component, nameof(sequence), sequence);
        if (sequence.ColumnCount != Features || sequence.RowCount == 0)
        {
            throw ErrorMessage.Shape(Component, nameof(sequence), $"(timesteps ≥ 1, {Features})",
                ErrorMessage.FormatShape(sequence.RowCount, sequence.ColumnCount));
        }
        var steps = new List<GruStep>();
        Vector<double> h = Vector<double>.Build.Dense(Units);
        for (int t = 0; t < sequence.RowCount; t++)
        {
            Vector<double> x = sequence.Row(t);
            Vector<double> r = Activations.Sigmoid(InputWeights[Reset] * x + InputBiases[Reset]
                + HiddenWeights[Reset] * h + HiddenBiases[Reset]);
            Vector<double> z = Activations.Sigmoid(InputWeights[Update] * x + InputBiases[Update]
                + HiddenWeights[Update] * h + HiddenBiases[Update]);
            Vector<double> hn = HiddenWeights[Candidate] * h + HiddenBiases[Candidate];
            Vector<double> n = (InputWeights[Candidate] * x + InputBiases[Candidate] + r.PointwiseMultiply(hn))
                .PointwiseTanh();
            Vector<double> next = (1 - z).PointwiseMultiply(n) + z.PointwiseMultiply(h);
            steps.Add(new GruStep(x, h, r, z, hn, n, next));
            h = next;
        }
        return new GruPass(steps);
    }

    /// <summary>
    /// BPTT by hand, given ∂L/∂h_t from outside for every step; returns gradients in the same per-gate layout.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="hiddenGradients">∂L/∂h_t from outside the layer, one vector of shape (units,) per step.</param>
    /// <exception cref="ArgumentException"><paramref name="hiddenGradients"/> does not hold one vector of shape
    /// (units,) per step.</exception>
    public GruGradients Backward(GruPass pass, IReadOnlyList<Vector<double>> hiddenGradients)
    {
        IReadOnlyList<GruStep> steps = pass.Steps;
        Require.StepVectors(Component, nameof(hiddenGradients), hiddenGradients, steps.Count, Units);
        var dWx = InputWeights.Select(w => Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount)).ToArray();
        var dWh = HiddenWeights.Select(w => Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount)).ToArray();
        var dBx = InputBiases.Select(b => Vector<double>.Build.Dense(b.Count)).ToArray();
        var dBh = HiddenBiases.Select(b => Vector<double>.Build.Dense(b.Count)).ToArray();
        var dX = Matrix<double>.Build.Dense(steps.Count, Features);
        Vector<double> dhNext = Vector<double>.Build.Dense(Units);
        for (int t = steps.Count - 1; t >= 0; t--)
        {
            GruStep s = steps[t];
            Vector<double> dh = hiddenGradients[t] + dhNext;
            // through h_t = (1 − z)n + zh and tanh
            Vector<double> daN = dh.PointwiseMultiply(1 - s.Update)
                .PointwiseMultiply(1 - s.Candidate.PointwisePower(2));
            Vector<double> daZ = dh.PointwiseMultiply(s.Previous - s.Candidate)
                .PointwiseMultiply(s.Update.PointwiseMultiply(1 - s.Update));
            Vector<double> dHn = daN.PointwiseMultiply(s.Reset);   // into W_hn·h + b_hn
            Vector<double> daR = daN.PointwiseMultiply(s.HiddenCandidate)
                .PointwiseMultiply(s.Reset.PointwiseMultiply(1 - s.Reset));
            Vector<double>[] dInput = [daR, daZ, daN];
            Vector<double>[] dHidden = [daR, daZ, dHn];
            for (int g = 0; g < 3; g++)
            {
                dWx[g] += dInput[g].OuterProduct(s.Input);
                dBx[g] += dInput[g];
                dWh[g] += dHidden[g].OuterProduct(s.Previous);
                dBh[g] += dHidden[g];
            }
            dX.SetRow(t, Enumerable.Range(0, 3)
                .Select(g => InputWeights[g].TransposeThisAndMultiply(dInput[g])).Aggregate((a, b) => a + b));
            dhNext = dh.PointwiseMultiply(s.Update)
                + Enumerable.Range(0, 3).Select(g => HiddenWeights[g].TransposeThisAndMultiply(dHidden[g]))
                .Aggregate((a, b) => a + b);
        }
        return new GruGradients(dWx, dWh, dBx, dBh, dX);
    }

    /// <summary>One gradient-descent step: θ ← θ − η·∂L/∂θ for every weight and bias.</summary>
    /// <param name="g">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(GruGradients g, double learningRate)
    {
        for (int k = 0; k < 3; k++)
        {
            InputWeights[k].Subtract(learningRate * g.InputWeights[k], InputWeights[k]);
            HiddenWeights[k].Subtract(learningRate * g.HiddenWeights[k], HiddenWeights[k]);
            InputBiases[k].Subtract(learningRate * g.InputBiases[k], InputBiases[k]);
            HiddenBiases[k].Subtract(learningRate * g.HiddenBiases[k], HiddenBiases[k]);
        }
    }

    /// <summary>
    /// Builds the layer from a one-layer, unidirectional TorchSharp <c>nn.GRU</c> with biases (the inverse of
    /// <see cref="CopyTo"/>).
    /// </summary>
    /// <param name="gru">The module; gates stacked r, z, n as TorchSharp does.</param>
    /// <exception cref="ArgumentException">The module has no biases.</exception>
    public static Gru CopyFrom(TorchSharp.Modules.GRU gru)
    {
        Require.NotNull(Component, nameof(gru), gru);
        using var scope = torch.NewDisposeScope();
        Matrix<double> ih = Parameter(gru, "weight_ih_l0").detach().ToMatrix();   // (3·units, features)
        Matrix<double> hh = Parameter(gru, "weight_hh_l0").detach().ToMatrix();   // (3·units, units)
        torch.Tensor bih = gru.get_parameter("bias_ih_l0") ?? throw ErrorMessage.Must(Component, nameof(gru),
            "have biases (create it with bias: true)", "has none");
        Vector<double> bx = bih.detach().ToVector(), bh = Parameter(gru, "bias_hh_l0").detach().ToVector();
        int units = hh.ColumnCount;
        Matrix<double>[] Split(Matrix<double> m)
            => Enumerable.Range(0, 3).Select(g => m.SubMatrix(g * units, units, 0, m.ColumnCount)).ToArray();
        Vector<double>[] SplitBias(Vector<double> b)
            => Enumerable.Range(0, 3).Select(g => b.SubVector(g * units, units)).ToArray();
        return FromWeights(Split(ih), Split(hh), SplitBias(bx), SplitBias(bh));
    }

    /// <summary>Writes the weights into a TorchSharp <c>nn.GRU</c> of the same sizes (gates stacked r, z, n).</summary>
    public void CopyTo(TorchSharp.Modules.GRU gru)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Parameter(gru, "weight_ih_l0").copy_(InputWeights.Aggregate((a, b) => a.Stack(b)).ToTensor());
        Parameter(gru, "weight_hh_l0").copy_(HiddenWeights.Aggregate((a, b) => a.Stack(b)).ToTensor());
        Parameter(gru, "bias_ih_l0").copy_(torch.tensor(InputBiases.SelectMany(b => b).ToArray(), torch.float64));
        Parameter(gru, "bias_hh_l0").copy_(torch.tensor(HiddenBiases.SelectMany(b => b).ToArray(), torch.float64));
    }

    /// <summary>
    /// The parameter <paramref name="name"/> of <paramref name="gru"/>, or the library's error naming the ones it has.
    /// </summary>
    private static torch.Tensor Parameter(TorchSharp.Modules.GRU gru, string name) =>
        TorchModuleParts.Parameter(Component, nameof(gru), gru, name);
}

/// <summary>The cached values of one GRU step.</summary>
/// <param name="Input">x_t.</param>
/// <param name="Previous">h_{t−1}.</param>
/// <param name="Reset">r_t.</param>
/// <param name="Update">z_t.</param>
/// <param name="HiddenCandidate">W_hn·h_{t−1} + b_hn.</param>
/// <param name="Candidate">n_t.</param>
/// <param name="Hidden">h_t.</param>
public sealed record GruStep(Vector<double> Input, Vector<double> Previous, Vector<double> Reset, Vector<double> Update,
    Vector<double> HiddenCandidate, Vector<double> Candidate, Vector<double> Hidden);

/// <summary>The steps of a GRU forward pass, kept for <see cref="Gru.Backward"/>.</summary>
/// <param name="Steps">One entry per time step.</param>
public sealed record GruPass(IReadOnlyList<GruStep> Steps);

/// <summary>The gradients of <see cref="Gru.Backward"/>, per gate in the order r, z, n.</summary>
/// <param name="InputWeights">∂L/∂W_i·.</param>
/// <param name="HiddenWeights">∂L/∂W_h·.</param>
/// <param name="InputBiases">∂L/∂b_i·.</param>
/// <param name="HiddenBiases">∂L/∂b_h·.</param>
/// <param name="X">∂L/∂x_t, (timesteps, features).</param>
public sealed record GruGradients(
    IReadOnlyList<Matrix<double>> InputWeights, IReadOnlyList<Matrix<double>> HiddenWeights,
    IReadOnlyList<Vector<double>> InputBiases, IReadOnlyList<Vector<double>> HiddenBiases, Matrix<double> X);
