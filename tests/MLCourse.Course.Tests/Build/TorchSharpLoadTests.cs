using MLCourse.Build;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Course.Tests.Build;

/// <summary>
/// TorchSharp loads and computes in this test run — on Debian 12 only thanks to the build's
/// libstdc++ fix — and the fix is applied exactly where the system needs it.
/// </summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void A_tensor_is_created_and_autograd_computes_its_gradient()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, -2.0, 3.0 }, requires_grad: true);

        (x * x).sum().backward();

        Assert.Equal(new[] { 2.0, -4.0, 6.0 }, x.grad!.data<double>().ToArray()); // d(Σx²)/dx = 2x
    }

    [Fact]
    public void A_Conv2d_forward_gives_the_expected_shape_and_value()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(1, 2, 3, dtype: float64);
        using (no_grad())
        {
            conv.weight!.fill_(1.0);
            conv.bias!.fill_(0.5);
        }

        var output = conv.forward(ones(1, 1, 5, 5, dtype: float64)); // (batch, channels, height, width)

        Assert.Equal(new long[] { 1, 2, 3, 3 }, output.shape);         // (5 − 3)/1 + 1 = 3
        Assert.Equal(9.5, output[0, 1, 2, 2].item<double>());            // nine ones times weight 1, plus bias 0.5
    }

    [Fact]
    public void The_output_copy_is_patched_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        string copy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        string? libStdCxx = SystemLibStdCxx.Find();
        if (!OperatingSystem.IsLinux() || libStdCxx is null)
        {
            return; // the fix is Linux-only
        }
        bool systemHasIt = ElfVersions.Defines(File.ReadAllBytes(libStdCxx), "GLIBCXX_3.4.32");

        var need = ElfVersions.Needs(File.ReadAllBytes(copy)).Single(n => n.Version == "GLIBCXX_3.4.32");

        Assert.Equal(!systemHasIt, (need.Flags & ElfVersions.WeakFlag) != 0);
    }
}
