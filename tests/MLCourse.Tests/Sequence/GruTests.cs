using MathNet.Numerics.LinearAlgebra;
using MLCourse.Sequence;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Sequence;

public class GruTests
{
    private static (Gru Model, Matrix<double> X, Vector<double>[] G) Example(int seed)
    {
        var random = new Random(seed);
        var model = new Gru(features: 4, units: 3, random);
        var x = Matrix<double>.Build.Dense(5, 4, (_, _) => random.NextDouble() * 2 - 1);
        var g = Enumerable.Range(0, 5).Select(_ => Vector<double>.Build.Dense(3, _ => random.NextDouble() - 0.5)).ToArray();
        return (model, x, g);
    }

    [Fact]
    public void Outputs_and_all_gradients_agree_with_TorchSharp_nn_GRU()
    {
        using var scope = torch.NewDisposeScope();
        var (model, x, g) = Example(2);
        var pass = model.Forward(x);
        var grads = model.Backward(pass, g);

        using var gru = torch.nn.GRU(4, 3, batchFirst: true, dtype: torch.float64);
        model.CopyTo(gru);
        var tx = x.ToTensor().unsqueeze(0).requires_grad_(true);
        var (outputs, _) = gru.forward(tx, null);
        (outputs * Matrix<double>.Build.DenseOfRowVectors(g).ToTensor().unsqueeze(0)).sum().backward();

        Assert.True(Max(outputs.detach().contiguous().data<double>().ToArray(), pass.Steps.SelectMany(s => s.Hidden).ToArray()) < 1e-12);
        Assert.True(Max(tx.grad!.contiguous().data<double>().ToArray(), grads.X.ToRowMajorArray()) < 1e-12);
        Assert.True(Max(Grad(gru, "weight_ih_l0"), grads.InputWeights.SelectMany(w => w.ToRowMajorArray()).ToArray()) < 1e-12);
        Assert.True(Max(Grad(gru, "weight_hh_l0"), grads.HiddenWeights.SelectMany(w => w.ToRowMajorArray()).ToArray()) < 1e-12);
        Assert.True(Max(Grad(gru, "bias_ih_l0"), grads.InputBiases.SelectMany(b => b).ToArray()) < 1e-12);
        Assert.True(Max(Grad(gru, "bias_hh_l0"), grads.HiddenBiases.SelectMany(b => b).ToArray()) < 1e-12);
    }

    [Fact]
    public void BPTT_passes_a_finite_difference_check()
    {
        var (model, x, g) = Example(3);
        var grads = model.Backward(model.Forward(x), g);
        double Loss() => model.Forward(x).Steps.Select((s, t) => s.Hidden.DotProduct(g[t])).Sum();

        for (int gate = 0; gate < 3; gate++)
        {
            FiniteDifference.AssertMatches(model.InputWeights[gate], grads.InputWeights[gate], Loss, 1e-7);
            FiniteDifference.AssertMatches(model.HiddenWeights[gate], grads.HiddenWeights[gate], Loss, 1e-7);
        }
    }

    [Fact]
    public void A_layer_from_given_weights_computes_the_same_and_a_small_step_lowers_the_loss()
    {
        var (model, x, g) = Example(4);
        var copy = Gru.FromWeights(model.InputWeights, model.HiddenWeights, model.InputBiases, model.HiddenBiases);
        double Loss(Gru m) => m.Forward(x).Steps.Select((s, t) => s.Hidden.DotProduct(g[t])).Sum();
        Assert.Equal(Loss(model), Loss(copy));

        copy.Step(copy.Backward(copy.Forward(x), g), learningRate: 0.01);

        Assert.True(Loss(copy) < Loss(model));
        Assert.NotSame(model.InputWeights[0], copy.InputWeights[0]);   // copied, so the step left the original alone
    }

    [Fact]
    public void Copying_to_TorchSharp_and_back_gives_the_same_layer()
    {
        using var scope = torch.NewDisposeScope();
        var (model, x, _) = Example(5);
        using var gru = torch.nn.GRU(4, 3, batchFirst: true, dtype: torch.float64);
        model.CopyTo(gru);

        var back = Gru.CopyFrom(gru);

        Assert.Equal(model.Forward(x).Steps.SelectMany(s => s.Hidden).ToArray(), back.Forward(x).Steps.SelectMany(s => s.Hidden).ToArray());
    }

    [Fact]
    public void CopyTo_a_GRU_without_biases_names_the_missing_parameter_and_those_it_has()
    {
        using var gru = torch.nn.GRU(4, 3, bias: false, dtype: torch.float64);
        var error = Assert.Throws<ArgumentException>(() => new Gru(4, 3, new Random(1)).CopyTo(gru));
        Assert.Equal("Gru: gru must have a parameter 'bias_ih_l0', but its parameters are 'weight_ih_l0', "
            + "'weight_hh_l0'. (Parameter 'gru')", error.Message);
    }

    private static double[] Grad(torch.nn.Module module, string name) => module.get_parameter(name)!.grad!.contiguous().data<double>().ToArray();

    private static double Max(double[] a, double[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
