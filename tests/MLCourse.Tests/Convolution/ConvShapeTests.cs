using MLCourse.Convolution;
using TorchSharp;

namespace MLCourse.Tests.Convolution;

public class ConvShapeTests
{
    [Fact]
    public void The_formula_matches_TorchSharp_on_a_grid_of_sizes_filters_paddings_and_strides()
    {
        using var scope = torch.NewDisposeScope();
        int checkedCases = 0;
        foreach (int n in new[] { 4, 5, 8, 9 })
        foreach (int f in new[] { 1, 2, 3, 5 })
        foreach (int p in new[] { 0, 1, 2 })
        foreach (int s in new[] { 1, 2, 3 })
        {
            if (f > n + 2 * p)
            {
                continue;
            }
            var output = torch.nn.functional.conv2d(torch.zeros(1, 1, n, n, dtype: torch.float64), torch.zeros(1, 1, f, f, dtype: torch.float64),
                strides: [s, s], padding: [p, p]);
            Assert.Equal(output.shape[2], ConvShape.OutputSize(n, f, p, s));
            checkedCases++;
        }
        Assert.True(checkedCases > 100);
    }

    [Fact]
    public void Same_padding_keeps_the_size_and_parameter_counts_follow_the_formulas()
    {
        Assert.Equal(28, ConvShape.OutputSize(28, 3, ConvShape.SamePadding(3)));
        Assert.Equal(8 * (3 * 3 * 1 + 1), ConvShape.ConvParameters(3, 1, 8));   // 80
        Assert.Equal((28 * 28 + 1) * 8, ConvShape.DenseParameters(28 * 28, 8));   // 6280
    }

    [Fact]
    public void Impossible_combinations_throw_with_the_numbers()
    {
        var large = Assert.Throws<ArgumentOutOfRangeException>(() => ConvShape.OutputSize(4, 7, 1, 1));
        var stride = Assert.Throws<ArgumentOutOfRangeException>(() => ConvShape.OutputSize(4, 3, 0, 0));
        var even = Assert.Throws<ArgumentException>(() => ConvShape.SamePadding(4));

        Assert.StartsWith("ConvShape: f must be at most the padded input n + 2p = 6 (the filter size), but is 7 (n " +
            "= 4, f = 7, p = 1, s = 1).", large.Message);
        Assert.StartsWith("ConvShape: s must be at least 1 (the stride), but is 0 (n = 4, f = 3, p = 0, s = 0).",
            stride.Message);
        Assert.StartsWith("ConvShape: f must be odd for 'same' padding, but is 4.", even.Message);
    }
}
