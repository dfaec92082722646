using MLCourse.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.Training;

public class ClassifierTrainingTests
{
    private static (nn.Module<Tensor, Tensor> Model, Tensor X, Tensor Y) Problem(int samples = 8)
    {
        torch.manual_seed(1);
        return (nn.Linear(2, 2, dtype: float64), randn(samples, 2, dtype: float64), zeros(samples, dtype: int64));
    }

    private static string Refusal(int samples = 8, int epochs = 1, int batchSize = 4, double learningRate = 0.01)
    {
        var (model, x, y) = Problem(samples);
        return Assert.ThrowsAny<ArgumentException>(() => ClassifierTraining.Train(model, x, y, epochs, batchSize, learningRate, seed: 1)).Message;
    }

    [Theory]
    [InlineData(0, "ClassifierTraining: batchSize must be at least 1, but is 0.")]   // used to hang: start += 0
    [InlineData(-1, "ClassifierTraining: batchSize must be at least 1, but is -1.")]  // used to be a libtorch stack trace
    public void A_batch_size_below_one_is_refused_before_any_step(int batchSize, string message)
    {
        Assert.StartsWith(message, Refusal(batchSize: batchSize));
    }

    [Fact]
    public void Zero_epochs_are_refused_instead_of_training_nothing()
    {
        Assert.StartsWith("ClassifierTraining: epochs must be at least 1, but is 0.", Refusal(epochs: 0));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(0.0, "0")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void A_learning_rate_that_is_not_positive_and_finite_is_refused(double learningRate, string shown)
    {
        Assert.StartsWith($"ClassifierTraining: learningRate must be a positive finite number, but is {shown}.", Refusal(learningRate: learningRate));
    }

    [Fact]
    public void Empty_training_data_is_refused()
    {
        Assert.StartsWith("ClassifierTraining: samples must be at least 1 (the training data must not be empty), but is 0.", Refusal(samples: 0));
    }

    [Fact]
    public void Labels_must_give_one_class_per_sample()
    {
        var (model, x, _) = Problem();

        var error = Assert.Throws<ArgumentException>(() => ClassifierTraining.Train(model, x, zeros(5, dtype: int64), 1, 4, 0.01, seed: 1));

        Assert.StartsWith("ClassifierTraining: y must have shape (8,), one class index per sample of x, but has shape (5,).", error.Message);
    }

    [Fact]
    public void The_shared_loop_checks_its_settings_under_its_own_name()
    {
        var (model, _, _) = Problem();

        var error = Assert.ThrowsAny<ArgumentException>(() => MiniBatchTraining.Run(model.parameters(), 8, 1, 0, 0.01, 1, _ => zeros(1)));

        Assert.StartsWith("MiniBatchTraining: batchSize must be at least 1, but is 0.", error.Message);
    }

    [Fact]
    public void Valid_settings_still_train_every_epoch()
    {
        var (model, x, y) = Problem();

        var history = ClassifierTraining.Train(model, x, y, epochs: 3, batchSize: 3, learningRate: 0.1, seed: 1);

        Assert.Equal(3, history.EpochLosses.Count);
        Assert.True(history.EpochLosses[2] < history.EpochLosses[0]);
    }
}
