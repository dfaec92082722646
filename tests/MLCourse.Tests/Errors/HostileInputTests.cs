using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Sequence;
using MLCourse.Tensors;

namespace MLCourse.Tests.Errors;

/// <summary>
/// Inputs a hostile tester gave the deep-learning layers (issue 13), each answered with a clear
/// message instead of an IndexOutOfRange, silently wrong numbers, or NaN.
/// </summary>
public class HostileInputTests
{
    private static ImageBatch Ones(int batch, int channels, int height, int width) =>
        new(batch, channels, height, width, Enumerable.Repeat(1.0, batch * channels * height * width).ToArray());

    [Fact]
    public void Conv2d_backward_refuses_a_gradient_of_another_shape_than_its_output()
    {
        var conv = new Conv2d(channelsIn: 1, filters: 2, kernelSize: 3);
        var pass = conv.Forward(Ones(2, 1, 6, 6));   // output (2, 2, 4, 4)

        var error = Assert.Throws<ArgumentException>(() => conv.Backward(pass, Ones(2, 2, 3, 3)));   // used to give wrong weight gradients

        Assert.Equal("Conv2d: outputGradient must have shape (2, 2, 4, 4) (the shape Forward returned), but has shape (2, 2, 3, 3). (Parameter 'outputGradient')", error.Message);
    }

    [Fact]
    public void Pools_backward_refuse_a_gradient_of_another_shape_than_their_output()
    {
        var max = new MaxPool2d();
        var average = new AvgPool2d();
        var maxPass = max.Forward(Ones(1, 1, 4, 4));
        var averagePass = average.Forward(Ones(1, 1, 4, 4));

        var maxError = Assert.Throws<ArgumentException>(() => max.Backward(maxPass, Ones(1, 1, 3, 3)));   // used to be IndexOutOfRange
        var averageError = Assert.Throws<ArgumentException>(() => average.Backward(averagePass, Ones(1, 2, 2, 2)));

        Assert.StartsWith("MaxPool2d: outputGradient must have shape (1, 1, 2, 2) (the shape Forward returned), but has shape (1, 1, 3, 3).", maxError.Message);
        Assert.StartsWith("AvgPool2d: outputGradient must have shape (1, 1, 2, 2) (the shape Forward returned), but has shape (1, 2, 2, 2).", averageError.Message);
    }

    [Fact]
    public void Recurrent_backward_refuses_too_few_steps_or_vectors_of_the_wrong_size()
    {
        var lstm = new Lstm(features: 2, units: 3, new Random(1));
        var gru = new Gru(features: 2, units: 3, new Random(1));
        var sequence = Matrix<double>.Build.Dense(4, 2, 0.5);
        var lstmPass = lstm.Forward(sequence);
        var gruPass = gru.Forward(sequence);
        Vector<double> Zeros(int n) => Vector<double>.Build.Dense(n);

        var count = Assert.Throws<ArgumentException>(() => lstm.Backward(lstmPass, [Zeros(3), Zeros(3)]));
        var size = Assert.Throws<ArgumentException>(() => gru.Backward(gruPass, [Zeros(3), Zeros(3), Zeros(2), Zeros(3)]));

        Assert.StartsWith("Lstm: hiddenGradients must hold 4 vectors of shape (3,), one per time step of the forward pass, but holds 2.", count.Message);
        Assert.StartsWith("Gru: hiddenGradients[2] must have shape (3,), but has shape (2,).", size.Message);
    }

    [Theory]
    [InlineData(40.0, 1.0, 0.0)]        // σ(40) rounds to exactly 1: used to be 0·log(0) = NaN; PyTorch gives 0
    [InlineData(-40.0, 0.0, 0.0)]
    [InlineData(40.0, 0.0, 100.0)]      // confidently wrong: PyTorch's clamp gives 100, not ∞
    public void Binary_cross_entropy_of_a_saturated_prediction_is_PyTorchs(double logit, double label, double expected)
    {
        double p = Activations.Sigmoid(logit);

        Assert.Equal(expected, SimpleRnn.Loss(p, label));
        Assert.Equal(expected, SmallCnn.Loss(Vector<double>.Build.Dense([p]), Vector<double>.Build.Dense([label])));
    }

    [Fact]
    public void Binary_cross_entropy_equals_PyTorchs_on_ordinary_predictions()
    {
        using var p = TorchSharp.torch.tensor(new[] { 0.2, 0.9 });
        using var y = TorchSharp.torch.tensor(new[] { 0.0, 1.0 });
        double torch = TorchSharp.torch.nn.functional.binary_cross_entropy(p, y).item<double>();

        Assert.Equal(torch, SmallCnn.Loss(Vector<double>.Build.Dense([0.2, 0.9]), Vector<double>.Build.Dense([0.0, 1.0])), 1e-15);
    }

    [Fact]
    public void SmallCnn_loss_refuses_lists_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => SmallCnn.Loss(Vector<double>.Build.Dense([0.5, 0.5, 0.5]), Vector<double>.Build.Dense([1.0, 0.0])));

        Assert.Equal("SmallCnn: y must have shape (3,), but has shape (2,). (Parameter 'y')", error.Message);
    }

    [Fact]
    public void NaN_propagates_through_a_layer_as_in_PyTorch()
    {
        var conv = new Conv2d(channelsIn: 1, filters: 1, kernelSize: 2);
        var x = Ones(1, 1, 3, 3);
        x[0, 0, 0, 0] = double.NaN;

        ImageBatch z = conv.Forward(x).Output;

        Assert.True(double.IsNaN(z[0, 0, 0, 0]));     // the window holding the NaN
        Assert.False(double.IsNaN(z[0, 0, 1, 1]));    // the others are untouched
        Assert.True(double.IsNaN(SimpleRnn.Loss(double.NaN, 1)));
    }
}
