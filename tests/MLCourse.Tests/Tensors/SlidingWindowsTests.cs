using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Tests.Tensors;

public class SlidingWindowsTests
{
    private static readonly Matrix<double> Series = Matrix<double>.Build.Dense(6, 2, (t, f) => 10 * t + f);

    [Fact]
    public void Window_b_step_t_is_row_b_plus_t()
    {
        using var scope = torch.NewDisposeScope();

        var windows = SlidingWindows.Create(Series, timesteps: 3);

        Assert.Equal(new long[] { 4, 3, 2 }, windows.shape);   // (time − timesteps + 1, timesteps, features)
        for (int b = 0; b < 4; b++)
        {
            for (int t = 0; t < 3; t++)
            {
                Assert.Equal(Series.Row(b + t).ToArray(), windows[b, t].data<double>().ToArray());
            }
        }
    }

    [Fact]
    public void One_window_as_long_as_the_series_is_the_whole_series()
    {
        using var scope = torch.NewDisposeScope();

        var windows = SlidingWindows.Create(Series, timesteps: 6);

        Assert.Equal(new long[] { 1, 6, 2 }, windows.shape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Timesteps_outside_1_to_the_series_length_are_refused(int timesteps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.Create(Series, timesteps));

        Assert.StartsWith($"SlidingWindows: timesteps must be between 1 and the series length 6, but is {timesteps}.", error.Message);
    }
}
