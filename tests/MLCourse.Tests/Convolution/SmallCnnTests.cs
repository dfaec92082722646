using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;
using static MLCourse.Tests.Convolution.TorchReference;
using F = TorchSharp.torch.nn.functional;

namespace MLCourse.Tests.Convolution;

public class SmallCnnTests
{
    private static (SmallCnn Model, ImageBatch X, Vector<double> Y) Example(int seed)
    {
        var random = new Random(seed);
        var model = new SmallCnn(6, random);
        var x = Random(random, 4, 1, 6, 6);
        var y = Vector<double>.Build.DenseOfArray([1, 0, 1, 0]);
        return (model, x, y);
    }

    [Fact]
    public void The_notes_model_has_15_parameters_on_a_6_by_6_image()
    {
        Assert.Equal(15, new SmallCnn(6, new Random(1)).ParameterCount);   // w₁ (3,3) + b₁ + w₂ (1,4) + b₂
    }

    [Fact]
    public void Loss_and_all_four_gradients_agree_with_TorchSharp_autograd()
    {
        using var scope = torch.NewDisposeScope();
        var (model, x, y) = Example(11);

        var pass = model.Forward(x);
        double loss = SmallCnn.Loss(pass.A2, y);
        var g = model.Backward(pass, SmallCnn.LossGradient(pass.A2, y));

        var w1 = model.Convolution.Weights.ToTensor().requires_grad_(true);
        var b1 = torch.tensor(model.Convolution.Bias, torch.float64).requires_grad_(true);
        var w2 = torch.tensor(model.W2.ToArray(), torch.float64).requires_grad_(true);
        var b2 = torch.tensor(model.B2, torch.float64).requires_grad_(true);
        var tx = x.ToTensor().requires_grad_(true);
        var z1 = F.conv2d(tx, w1, b1);
        var features = F.max_pool2d(F.relu(z1), [2, 2]).flatten(1);
        var a2 = torch.sigmoid(features.matmul(w2) + b2);
        var tloss = F.binary_cross_entropy(a2, torch.tensor(y.ToArray(), torch.float64));
        tloss.backward();

        Assert.Equal(tloss.item<double>(), loss, 1e-12);
        Assert.True(MaxDifference(Values(w1.grad!), g.W1.ToRowMajorArray()) < 1e-12);
        Assert.Equal(b1.grad!.item<double>(), g.B1, 1e-12);
        Assert.True(MaxDifference(Values(w2.grad!), g.W2.ToArray()) < 1e-12);
        Assert.Equal(b2.grad!.item<double>(), g.B2, 1e-12);
        Assert.True(MaxDifference(Values(tx.grad!), g.X.Data) < 1e-12);
    }

    [Fact]
    public void Hand_written_gradients_pass_a_finite_difference_check()
    {
        var (model, x, y) = Example(12);
        var pass = model.Forward(x);
        var g = model.Backward(pass, SmallCnn.LossGradient(pass.A2, y));
        double Loss() => SmallCnn.Loss(model.Forward(x).A2, y);
        const double h = 1e-6;
        double Numeric(Action<double> shift)
        {
            shift(h);
            double up = Loss();
            shift(-2 * h);
            double down = Loss();
            shift(h);
            return (up - down) / (2 * h);
        }

        for (int i = 0; i < 9; i++)
        {
            int k = i;
            Assert.Equal(Numeric(d => model.Convolution.Weights.Data[k] += d), g.W1[k / 3, k % 3], 1e-7);
        }
        Assert.Equal(Numeric(d => model.Convolution.Bias[0] += d), g.B1, 1e-7);
        for (int j = 0; j < model.Features; j++)
        {
            int k = j;
            Assert.Equal(Numeric(d => model.W2[k] += d), g.W2[k], 1e-7);
        }
        Assert.Equal(Numeric(d => model.B2 += d), g.B2, 1e-7);
    }

    [Fact]
    public void Gradient_descent_lowers_the_loss()
    {
        var (model, x, y) = Example(13);
        double before = SmallCnn.Loss(model.Forward(x).A2, y);

        for (int step = 0; step < 200; step++)
        {
            var pass = model.Forward(x);
            model.Step(model.Backward(pass, SmallCnn.LossGradient(pass.A2, y)), learningRate: 0.5);
        }

        Assert.True(SmallCnn.Loss(model.Forward(x).A2, y) < before / 2);
    }

    [Fact]
    public void A_model_built_from_given_weights_computes_what_the_original_computes()
    {
        var (model, x, _) = Example(14);

        var copy = SmallCnn.FromWeights(model.Convolution.Weights.ToMatrix(), model.Convolution.Bias[0], model.W2, model.B2);

        Assert.Equal(model.ImageSize, copy.ImageSize);
        Assert.Equal(model.Forward(x).A2.ToArray(), copy.Forward(x).A2.ToArray());
    }

    [Fact]
    public void Images_of_the_wrong_size_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SmallCnn(6, new Random(1)).Forward(new ImageBatch(1, 1, 8, 8)));

        Assert.Equal("SmallCnn: x must have shape (m, 1, 6, 6), but has shape (1, 1, 8, 8). (Parameter 'x')", error.Message);
    }
}
