using MLCourse.Convolution;
using MLCourse.Data;
using MLCourse.Evaluation;
using MLCourse.Reproducibility;
using MLCourse.Tests.Reproducibility;
using MLCourse.Training;
using TorchSharp;

namespace MLCourse.Tests.Convolution;

[Collection(TorchGlobalState.Name)]
public class DigitsCnnTests
{
    [Fact]
    public void The_CNN_and_the_ANN_have_about_the_same_parameter_budget()
    {
        long Count(torch.nn.Module m) => m.parameters().Sum(p => p.numel());

        Assert.Equal(6090, Count(new DigitsCnn()));   // 160 + 4,640 + 1,290
        Assert.Equal(6085, Count(new DigitsAnn()));   // 5,265 + 820
    }

    [Fact]
    public void The_CNN_reaches_97_percent_on_held_out_digits_and_training_is_repeatable()
    {
        using var scope = torch.NewDisposeScope();
        var digits = Datasets.Digits();
        var (train, test) = TrainTestSplit.Indices(digits.Count, 0.7, seed: 42);
        double Run()
        {
            Seeds.Set(42);
            var cnn = new DigitsCnn();
            ClassifierTraining.Train(cnn, digits.ImageTensor(train), digits.LabelTensor(train), epochs: 15, batchSize: 32, learningRate: 0.01, seed: 42);
            return ClassifierTraining.Accuracy(cnn, digits.ImageTensor(test), digits.LabelTensor(test));
        }

        double first = Run();

        Assert.True(first >= 0.97, $"held-out accuracy {first:P2}");
        Assert.Equal(first, Run());
    }

    [Fact]
    public void Shifting_moves_pixels_and_fills_the_border_with_zeros()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.arange(1, 10, dtype: torch.float64).reshape(1, 1, 3, 3);

        var shifted = ImageShift.Shift(image, right: 1, down: -1);

        Assert.Equal(new double[] { 0, 4, 5, 0, 7, 8, 0, 0, 0 }, shifted.data<double>().ToArray());
    }
}
