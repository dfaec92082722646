using MLCourse.Convolution;
using MLCourse.Tensors;
using TorchSharp;
using static MLCourse.Tests.Convolution.TorchReference;

namespace MLCourse.Tests.Convolution;

/// <summary>
/// <see cref="SmallCnn"/> copied to and from <see cref="SmallCnnModule"/> (TorchSharp's layers): the two
/// compute the same logits and probabilities to 1e-12 in float64, either way round.
/// </summary>
public class SmallCnnCopyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;

    private double WorstDifference(torch.Tensor torchValues, IEnumerable<double> ours)
    {
        double worst = torchValues.data<double>().ToArray().Zip(ours, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"worst |TorchSharp − SmallCnn| = {worst:E2}");
        return worst;
    }

    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    public void The_copied_module_computes_what_SmallCnn_Forward_computes(int imageSize)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(imageSize);
        var model = new SmallCnn(imageSize, random);
        ImageBatch x = Random(random, 7, 1, imageSize, imageSize);
        using var module = new SmallCnnModule(imageSize);

        model.CopyTo(module);
        SmallCnnPass pass = model.Forward(x);

        Assert.InRange(WorstDifference(module.Logits(x.ToTensor()), pass.Z2), 0, Tolerance);
        Assert.InRange(WorstDifference(module.forward(x.ToTensor()), pass.A2), 0, Tolerance);
    }

    [Fact]
    public void A_model_copied_from_a_TorchSharp_module_computes_what_the_module_computes()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var module = new SmallCnnModule(8);
        ImageBatch x = Random(new Random(5), 6, 1, 8, 8);

        var model = SmallCnn.CopyFrom(module);
        SmallCnnPass pass = model.Forward(x);

        Assert.InRange(WorstDifference(module.Logits(x.ToTensor()), pass.Z2), 0, Tolerance);
        Assert.InRange(WorstDifference(module.forward(x.ToTensor()), pass.A2), 0, Tolerance);
        Assert.Equal(module.Dense.weight!.data<double>().ToArray(), model.W2.ToArray());   // copied, not rounded
        Assert.Equal(module.Convolution.weight!.data<double>().ToArray(), model.Convolution.Weights.Data);
    }

    [Fact]
    public void Copying_there_and_back_gives_the_same_parameters_bit_for_bit()
    {
        var model = new SmallCnn(6, new Random(3));
        using var module = new SmallCnnModule(6);

        model.CopyTo(module);
        var back = SmallCnn.CopyFrom(module);

        Assert.Equal(model.Convolution.Weights.Data, back.Convolution.Weights.Data);
        Assert.Equal(model.Convolution.Bias, back.Convolution.Bias);
        Assert.Equal(model.W2.ToArray(), back.W2.ToArray());
        Assert.Equal(model.B2, back.B2);
    }

    [Fact]
    public void A_module_for_another_image_size_is_refused()
    {
        using var module = new SmallCnnModule(8);

        var error = Assert.Throws<ArgumentException>(() => new SmallCnn(6, new Random(1)).CopyTo(module));

        Assert.StartsWith("SmallCnn: module must have shape (1, 4) (the dense weights of a model for 6×6 images), "
            + "but has shape (1, 9).", error.Message);
    }

    [Fact]
    public void A_module_for_an_image_size_the_architecture_cannot_take_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCnnModule(7));

        Assert.StartsWith("SmallCnnModule: imageSize must be an even number of at least 4 (so that the 3×3 "
            + "convolution's output pools evenly), but is 7.", error.Message);
    }
}
