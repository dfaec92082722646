using MathNet.Numerics.LinearAlgebra;
using MLCourse.Sequence;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Sequence;

public class LstmTests
{
    private static (Lstm Model, Matrix<double> X, Vector<double>[] G) Example(int seed, int steps = 5)
    {
        var random = new Random(seed);
        var model = new Lstm(features: 4, units: 3, random);
        var x = Matrix<double>.Build.Dense(steps, 4, (_, _) => random.NextDouble() * 2 - 1);
        var g = Enumerable.Range(0, steps).Select(_ => Vector<double>.Build.Dense(3, _ => random.NextDouble() - 0.5)).ToArray();
        return (model, x, g);
    }

    [Fact]
    public void The_notes_shapes_three_units_and_four_features_give_3_by_7_gate_matrices()
    {
        var (model, _, _) = Example(1);

        Assert.Equal((3, 7), (model.Wf.RowCount, model.Wf.ColumnCount));
    }

    [Fact]
    public void Outputs_and_all_gradients_agree_with_TorchSharp_nn_LSTM()
    {
        using var scope = torch.NewDisposeScope();
        var (model, x, g) = Example(2);
        var pass = model.Forward(x);
        var grads = model.Backward(pass, g);

        using var lstm = torch.nn.LSTM(4, 3, batchFirst: true, dtype: torch.float64);
        model.CopyTo(lstm);
        var tx = x.ToTensor().unsqueeze(0).requires_grad_(true);
        var (outputs, _, _) = lstm.forward(tx, null);
        var projection = Matrix<double>.Build.DenseOfRowVectors(g).ToTensor().unsqueeze(0);
        (outputs * projection).sum().backward();   // L = Σ_t h_t · g_t, so ∂L/∂h_t = g_t

        double[] hidden = pass.Steps.SelectMany(s => s.Hidden).ToArray();
        Assert.True(Max(outputs.detach().contiguous().data<double>().ToArray(), hidden) < 1e-12);
        Assert.True(Max(tx.grad!.contiguous().data<double>().ToArray(), grads.X.ToRowMajorArray()) < 1e-12);
        // TorchSharp stacks gates i, f, g, o; W = [W_hh | W_ih] per gate in the notes' [h, x] order.
        var wih = lstm.get_parameter("weight_ih_l0")!.grad!.contiguous().data<double>().ToArray();
        var whh = lstm.get_parameter("weight_hh_l0")!.grad!.contiguous().data<double>().ToArray();
        var bias = lstm.get_parameter("bias_ih_l0")!.grad!.contiguous().data<double>().ToArray();
        Matrix<double>[] gates = [grads.Wi, grads.Wf, grads.Wc, grads.Wo];
        Vector<double>[] biases = [grads.Bi, grads.Bf, grads.Bc, grads.Bo];
        for (int k = 0; k < 4; k++)
        {
            Assert.True(Max(wih.Skip(k * 12).Take(12).ToArray(), gates[k].SubMatrix(0, 3, 3, 4).ToRowMajorArray()) < 1e-12);
            Assert.True(Max(whh.Skip(k * 9).Take(9).ToArray(), gates[k].SubMatrix(0, 3, 0, 3).ToRowMajorArray()) < 1e-12);
            Assert.True(Max(bias.Skip(k * 3).Take(3).ToArray(), biases[k].ToArray()) < 1e-12);
        }
    }

    [Fact]
    public void The_batched_forward_gives_each_sequences_hidden_states_and_matches_TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(5);
        var model = new Lstm(features: 10, units: 7, random);
        Matrix<double>[] batch = Enumerable.Range(0, 9).Select(_ => Matrix<double>.Build.Dense(6, 10, (_, _) => random.NextDouble() * 2 - 1)).ToArray();

        Matrix<double>[] hidden = model.ForwardFast(batch);

        for (int s = 0; s < batch.Length; s++)
        {
            double[] oneByOne = model.Forward(batch[s]).Steps.SelectMany(step => step.Hidden).ToArray();
            Assert.True(Max(hidden[s].ToRowMajorArray(), oneByOne) < 1e-12, $"sequence {s}");
        }
        using var lstm = torch.nn.LSTM(10, 7, batchFirst: true, dtype: torch.float64);
        model.CopyTo(lstm);
        var (outputs, _, _) = lstm.forward(torch.stack(batch.Select(b => b.ToTensor())), null);   // (9, 6, 7)
        Assert.True(Max(outputs.detach().contiguous().data<double>().ToArray(), hidden.SelectMany(h => h.ToRowMajorArray()).ToArray()) < 1e-12);
    }

    [Fact]
    public void A_batch_of_sequences_of_different_lengths_is_refused()
    {
        var model = new Lstm(features: 2, units: 3, new Random(1));

        var error = Assert.Throws<ArgumentException>(() => model.ForwardFast([Matrix<double>.Build.Dense(4, 2), Matrix<double>.Build.Dense(5, 2)]));

        Assert.StartsWith("Lstm: sequences must have shape (timesteps ≥ 1, 2) for every sequence, the same timesteps as the first (4), but has shape (5, 2).", error.Message);
    }

    [Fact]
    public void BPTT_passes_a_finite_difference_check()
    {
        var (model, x, g) = Example(3);
        var grads = model.Backward(model.Forward(x), g);
        double Loss() => model.Forward(x).Steps.Select((s, t) => s.Hidden.DotProduct(g[t])).Sum();

        foreach (var (parameter, gradient) in new[] { (model.Wf, grads.Wf), (model.Wc, grads.Wc), (model.Wi, grads.Wi), (model.Wo, grads.Wo) })
        {
            FiniteDifference.AssertMatches(parameter, gradient, Loss, 1e-7, stride: 2);
        }
    }

    [Fact]
    public void A_sequence_with_the_wrong_feature_count_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Example(1).Model.Forward(Matrix<double>.Build.Dense(2, 5)));

        Assert.Equal("Lstm: sequence must have shape (timesteps ≥ 1, 4), but has shape (2, 5). (Parameter 'sequence')", error.Message);
    }

    [Fact]
    public void A_layer_from_given_weights_computes_the_same_and_a_small_step_lowers_the_loss()
    {
        var (model, x, g) = Example(6);
        var copy = Lstm.FromWeights(model.Wf, model.Wc, model.Wi, model.Wo, model.Bf, model.Bc, model.Bi, model.Bo);
        double Loss(Lstm m) => m.Forward(x).Steps.Select((s, t) => s.Hidden.DotProduct(g[t])).Sum();
        Assert.Equal(Loss(model), Loss(copy));

        copy.Step(copy.Backward(copy.Forward(x), g), learningRate: 0.01);

        Assert.True(Loss(copy) < Loss(model));
        var wrong = Assert.Throws<ArgumentException>(() => Lstm.FromWeights(model.Wf, model.Wc, model.Wi, model.Wo, model.Bf, model.Bc, model.Bi, Vector<double>.Build.Dense(2)));
        Assert.StartsWith("Lstm: bo must have shape (3,), but has shape (2,).", wrong.Message);
    }

    [Fact]
    public void A_layer_copied_from_TorchSharp_computes_what_TorchSharp_computes()
    {
        using var scope = torch.NewDisposeScope();
        var (_, x, _) = Example(7);
        using var lstm = torch.nn.LSTM(4, 3, batchFirst: true, dtype: torch.float64);   // its own random weights, both biases non-zero

        var copy = Lstm.CopyFrom(lstm);

        var (outputs, _, _) = lstm.forward(x.ToTensor().unsqueeze(0), null);
        Assert.True(Max(outputs.detach().contiguous().data<double>().ToArray(), copy.Forward(x).Steps.SelectMany(s => s.Hidden).ToArray()) < 1e-12);
    }

    private static double Max(double[] a, double[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
