using MLCourse.Training;
using TorchSharp;

namespace MLCourse.Tests.Training;

/// <summary>The device choice: CUDA when TorchSharp reports it (and the index exists), else the CPU.</summary>
public class DevicesTests
{
    [Fact]
    public void Without_cuda_the_choice_is_the_cpu()
    {
        // The course's packages bring TorchSharp's CPU backend, so this machine reports no CUDA.
        Assert.False(torch.cuda.is_available());
        Assert.Equal(DeviceType.CPU, Devices.TryGpu().type);
        Assert.Equal(DeviceType.CPU, Devices.TryGpu(3).type);
    }

    [Theory]
    [InlineData(true, 2, 1, "cuda:1")]
    [InlineData(true, 2, 2, "cpu")]   // no third GPU: d2l's try_gpu falls back too
    [InlineData(true, 1, -1, "cpu")]
    [InlineData(false, 0, 0, "cpu")]
    public void The_rule_picks_cuda_only_for_a_device_that_exists(bool available, int devices, int index, string expected)
    {
        Assert.Equal(expected, Devices.Choose(available, devices, index).ToString());
    }

    [Fact]
    public void A_model_and_a_batch_moved_to_the_chosen_device_train_there()
    {
        torch.Device device = Devices.TryGpu();
        var model = torch.nn.Linear(2, 1).to(device);
        torch.Tensor x = torch.ones(4, 2).to(device);

        torch.Tensor y = model.call(x);

        Assert.Equal(device.type, y.device.type);
    }
}
