using MLCourse.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.Training;

/// <summary>
/// The training helpers train on <see cref="Devices.TryGpu"/> unless told otherwise, and move the model
/// and every batch to the device they were given. Without a GPU, libtorch's <c>meta</c> device (shapes
/// only, no values) shows where the model and batches went; <c>ClassifierTraining.Train</c> itself cannot
/// run there (meta has no <c>index_select</c>), so its own batch selection is tested on the CPU only.
/// </summary>
public class TrainingDeviceTests
{
    /// <summary>A linear classifier that records the device of every input it sees.</summary>
    private sealed class Recorder : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear;

        public Recorder() : base(nameof(Recorder))
        {
            linear = nn.Linear(2, 2, dtype: float64);
            RegisterComponents();
        }

        public List<DeviceType> Inputs { get; } = [];

        public override Tensor forward(Tensor input)
        {
            Inputs.Add(input.device_type);
            return linear.forward(input);
        }
    }

    private static (Recorder Model, Tensor X, Tensor Y) Problem()
    {
        torch.manual_seed(3);
        return (new Recorder(), randn(8, 2, dtype: float64), tensor(new long[] { 0, 1, 0, 1, 1, 0, 1, 0 }));
    }

    [Fact]
    public void By_default_the_helpers_train_on_TryGpu_which_is_the_cpu_here()
    {
        var (byDefault, x, y) = Problem();
        var defaultHistory = ClassifierTraining.Train(byDefault, x, y, 3, 3, 0.1, seed: 1);
        var (onCpu, _, _) = Problem();
        var cpuHistory = ClassifierTraining.Train(onCpu, x, y, 3, 3, 0.1, seed: 1, device: Devices.Cpu);

        Assert.Equal(Devices.TryGpu().type, byDefault.Inputs.Distinct().Single());
        Assert.Equal(cpuHistory.EpochLosses, defaultHistory.EpochLosses);   // bit for bit: the same device
        Assert.Equal(ClassifierTraining.Accuracy(onCpu, x, y, Devices.Cpu),
            ClassifierTraining.Accuracy(byDefault, x, y));
    }

    [Fact]
    public void Accuracy_moves_the_model_and_the_data_to_the_device_it_is_given()
    {
        var (model, x, y) = Problem();

        Assert.ThrowsAny<Exception>(() => ClassifierTraining.Accuracy(model, x, y, new Device("meta")));

        Assert.Equal([DeviceType.META], model.Inputs.Distinct());
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.META, p.device_type));
    }

    [Fact]
    public void The_shared_loop_hands_the_batch_of_indices_to_the_loss_on_the_device()
    {
        var (model, _, _) = Problem();
        var seen = new List<DeviceType>();

        Assert.ThrowsAny<Exception>(() => MiniBatchTraining.Run(model, 8, 1, 4, 0.1, 1, batch =>
        {
            seen.Add(batch.device_type);
            return model.parameters().First().sum();
        }, device: new Device("meta")));

        Assert.Equal([DeviceType.META], seen.Distinct());
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.META, p.device_type));
    }
}
