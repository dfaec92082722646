using MathNet.Numerics.LinearAlgebra;
using MLCourse.Sequence;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Sequence;

public class SimpleRnnTests
{
    // The notes' example: a vocabulary of cat, mat, rat as one-hot vectors; three words per review.
    private static Matrix<double> Words(params int[] indices) =>
        Matrix<double>.Build.Dense(indices.Length, 3, (t, f) => indices[t] == f ? 1 : 0);

    [Fact]
    public void Parameter_counts_follow_Keras_and_PyTorch_conventions()
    {
        using var scope = torch.NewDisposeScope();
        using var rnn = torch.nn.RNN(5, 3, batchFirst: true);
        using var head = torch.nn.Linear(3, 1);
        long torchTotal = rnn.parameters().Concat(head.parameters()).Sum(p => p.numel());

        Assert.Equal((27, 4), SimpleRnn.KerasParameterCount(5, 3));   // the notes' 27 weights + 4 biases
        Assert.Equal(torchTotal, SimpleRnn.TorchParameterCount(5, 3).Weights + SimpleRnn.TorchParameterCount(5, 3).Biases);
    }

    [Fact]
    public void Forward_and_BPTT_gradients_agree_with_TorchSharp_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var model = new SimpleRnn(3, 3, new Random(4));
        var sequence = Words(0, 1, 2);   // cat mat rat
        var pass = model.Forward(sequence);
        var g = model.Backward(pass, SimpleRnn.LossGradient(pass.Prediction, label: 1));

        using var rnn = torch.nn.RNN(3, 3, batchFirst: true, dtype: torch.float64);
        using (torch.no_grad())
        {
            rnn.get_parameter("weight_ih_l0")!.copy_(model.Wi.Transpose().ToTensor());
            rnn.get_parameter("weight_hh_l0")!.copy_(model.Wh.Transpose().ToTensor());
            rnn.get_parameter("bias_ih_l0")!.copy_(torch.tensor(model.B.ToArray(), torch.float64));
            rnn.get_parameter("bias_hh_l0")!.zero_();
        }
        var wo = torch.tensor(model.Wo.ToArray(), torch.float64).requires_grad_(true);
        var bo = torch.tensor(model.Bo, torch.float64).requires_grad_(true);
        var tx = sequence.ToTensor().unsqueeze(0).requires_grad_(true);
        var (outputs, _) = rnn.forward(tx, null);
        var prediction = torch.sigmoid(outputs[0, -1].matmul(wo) + bo);
        torch.nn.functional.binary_cross_entropy(prediction, torch.tensor(1.0, torch.float64)).backward();

        Assert.Equal(prediction.item<double>(), pass.Prediction, 1e-12);
        AssertClose(rnn.get_parameter("weight_ih_l0")!.grad!.T, g.Wi);
        AssertClose(rnn.get_parameter("weight_hh_l0")!.grad!.T, g.Wh);
        Assert.True(Math.Abs(rnn.get_parameter("bias_ih_l0")!.grad!.data<double>().ToArray().Zip(g.B).Max(p => Math.Abs(p.First - p.Second))) < 1e-12);
        Assert.True(wo.grad!.data<double>().ToArray().Zip(g.Wo).Max(p => Math.Abs(p.First - p.Second)) < 1e-12);
        Assert.Equal(bo.grad!.item<double>(), g.Bo, 1e-12);
        AssertClose(tx.grad![0], g.X);
    }

    [Fact]
    public void Backward_takes_any_logit_gradient_so_another_loss_can_train_the_model()
    {
        // A squared error on ŷ instead of the notes' cross-entropy: ∂L/∂z = 2(ŷ − t)·ŷ(1 − ŷ).
        var model = new SimpleRnn(3, 4, new Random(6));
        var sequence = Words(1, 2, 0);
        const double target = 0.3;
        var pass = model.Forward(sequence);
        var g = model.Backward(pass, 2 * (pass.Prediction - target) * pass.Prediction * (1 - pass.Prediction));
        double Loss() => Math.Pow(model.Forward(sequence).Prediction - target, 2);

        FiniteDifference.AssertMatches(model.Wi, g.Wi, Loss, 1e-7);
        FiniteDifference.AssertMatches(model.Wh, g.Wh, Loss, 1e-7);
        FiniteDifference.AssertMatches(model.Wo.AsArray(), g.Wo.ToArray(), Loss, 1e-7);
    }

    [Fact]
    public void Copying_to_TorchSharp_and_back_gives_the_same_prediction()
    {
        using var scope = torch.NewDisposeScope();
        var model = new SimpleRnn(3, 4, new Random(10));
        var sequence = Words(2, 1, 0, 2);
        using var rnn = torch.nn.RNN(3, 4, batchFirst: true, dtype: torch.float64);
        using var head = torch.nn.Linear(4, 1, dtype: torch.float64);

        model.CopyTo(rnn, head);
        var back = SimpleRnn.CopyFrom(rnn, head);

        var (outputs, _) = rnn.forward(sequence.ToTensor().unsqueeze(0), null);
        double torchPrediction = torch.sigmoid(head.forward(outputs[0, -1])).item<double>();
        Assert.Equal(model.Forward(sequence).Prediction, torchPrediction, 1e-12);
        Assert.Equal(model.Forward(sequence).Prediction, back.Forward(sequence).Prediction, 1e-15);
    }

    [Fact]
    public void A_model_built_from_given_weights_computes_what_the_original_computes()
    {
        var model = new SimpleRnn(3, 4, new Random(9));
        var sequence = Words(0, 2, 1, 1);

        var copy = SimpleRnn.FromWeights(model.Wi, model.Wh, model.B, model.Wo, model.Bo);
        var wrong = Assert.Throws<ArgumentException>(() => SimpleRnn.FromWeights(model.Wi, model.Wh, model.B, Vector<double>.Build.Dense(3), 0));

        Assert.Equal(model.Forward(sequence).Prediction, copy.Forward(sequence).Prediction);
        Assert.StartsWith("SimpleRnn: wo must have shape (4,), but has shape (3,).", wrong.Message);
    }

    [Fact]
    public void BPTT_passes_a_finite_difference_check()
    {
        var model = new SimpleRnn(3, 3, new Random(8));
        var sequence = Words(2, 0, 0, 1);
        var pass = model.Forward(sequence);
        var g = model.Backward(pass, SimpleRnn.LossGradient(pass.Prediction, label: 0));
        double Loss() => SimpleRnn.Loss(model.Forward(sequence).Prediction, 0);

        FiniteDifference.AssertMatches(model.Wi, g.Wi, Loss, 1e-7);
        FiniteDifference.AssertMatches(model.Wh, g.Wh, Loss, 1e-7);
    }

    [Fact]
    public void Gradient_descent_learns_the_notes_toy_sentiment_task()
    {
        var model = new SimpleRnn(3, 3, new Random(1));
        var data = new (Matrix<double> X, double Y)[] { (Words(0, 1, 2), 1), (Words(2, 2, 1), 1), (Words(1, 0, 0), 0) };   // the notes' three rows
        double Total() => data.Sum(d => SimpleRnn.Loss(model.Forward(d.X).Prediction, d.Y));
        double before = Total();

        for (int epoch = 0; epoch < 300; epoch++)
        {
            foreach (var (x, y) in data)
            {
                var pass = model.Forward(x);
                model.Step(model.Backward(pass, SimpleRnn.LossGradient(pass.Prediction, y)), learningRate: 0.5);
            }
        }

        Assert.True(Total() < before / 10);
        Assert.All(data, d => Assert.Equal(d.Y, model.Forward(d.X).Prediction > 0.5 ? 1 : 0));
    }

    [Fact]
    public void A_sequence_with_the_wrong_feature_count_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimpleRnn(3, 2, new Random(1)).Forward(Matrix<double>.Build.Dense(4, 5)));

        Assert.Equal("SimpleRnn: sequence must have shape (timesteps ≥ 1, 3), but has shape (4, 5). (Parameter 'sequence')", error.Message);
    }

    [Fact]
    public void CopyTo_a_head_without_bias_says_so_before_writing_anything()
    {
        using var rnn = torch.nn.RNN(3, 4, batchFirst: true, dtype: torch.float64);
        using var head = torch.nn.Linear(4, 1, hasBias: false, dtype: torch.float64);
        double[] before = rnn.get_parameter("weight_ih_l0")!.data<double>().ToArray();
        var error = Assert.Throws<ArgumentException>(() => new SimpleRnn(3, 4, new Random(1)).CopyTo(rnn, head));
        Assert.Equal("SimpleRnn: head must have a bias (create it with hasBias: true), but has none. (Parameter 'head')",
            error.Message);
        Assert.Equal(before, rnn.get_parameter("weight_ih_l0")!.data<double>().ToArray());
    }

    private static void AssertClose(torch.Tensor expected, Matrix<double> actual)
    {
        var e = expected.contiguous().data<double>().ToArray();
        Assert.True(e.Zip(actual.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second)) < 1e-12);
    }
}
