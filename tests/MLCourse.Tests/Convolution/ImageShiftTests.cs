using MLCourse.Convolution;
using TorchSharp;

namespace MLCourse.Tests.Convolution;

public class ImageShiftTests
{
    [Fact]
    public void Shifting_moves_pixels_and_fills_the_border_with_zeros()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.arange(1, 10, dtype: torch.float64).reshape(1, 1, 3, 3);

        var shifted = ImageShift.Shift(image, right: 1, down: -1);

        Assert.Equal(new double[] { 0, 4, 5, 0, 7, 8, 0, 0, 0 }, shifted.data<double>().ToArray());
    }
}
