using TorchSharp;

namespace MLCourse.Training;

/// <summary>
/// Which device to train on: a CUDA GPU when TorchSharp reports one, else the CPU — d2l's
/// <c>try_gpu</c> (section 6.7, "GPUs"). The course's packages bring TorchSharp's CPU backend, so
/// <see cref="TryGpu"/> answers CPU unless a project adds a CUDA backend (e.g. <c>TorchSharp-cuda-linux</c>).
/// </summary>
/// <remarks>Move a model with <c>model.to(device)</c> and each batch with <c>x.to(device)</c>.</remarks>
public static class Devices
{
    /// <summary>The CPU.</summary>
    public static torch.Device Cpu => torch.CPU;

    /// <summary>
    /// CUDA device <paramref name="index"/> when CUDA is available and has that many devices,
    /// otherwise the CPU (never throws for a missing GPU).
    /// </summary>
    /// <param name="index">The GPU's number, from 0.</param>
    public static torch.Device TryGpu(int index = 0)
    {
        bool available = torch.cuda.is_available();
        return Choose(available, available ? torch.cuda.device_count() : 0, index);
    }

    /// <summary>The rule behind <see cref="TryGpu"/>, given what CUDA reports (testable without a GPU).</summary>
    internal static torch.Device Choose(bool cudaAvailable, int cudaDevices, int index) =>
        cudaAvailable && index >= 0 && index < cudaDevices ? new torch.Device(DeviceType.CUDA, index) : torch.CPU;
}
