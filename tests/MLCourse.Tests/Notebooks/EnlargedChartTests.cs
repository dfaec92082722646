using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class EnlargedChartTests
{
    private static double PlotWidth(System.Text.Json.JsonElement layout) =>
        layout.GetProperty("width").GetDouble() - layout.GetProperty("margin").GetProperty("l").GetDouble()
        - layout.GetProperty("margin").GetProperty("r").GetDouble();

    private static double PlotHeight(System.Text.Json.JsonElement layout) =>
        layout.GetProperty("height").GetDouble() - layout.GetProperty("margin").GetProperty("t").GetDouble()
        - layout.GetProperty("margin").GetProperty("b").GetDouble();

    [Fact]
    public void The_plot_area_of_an_image_grid_grows_by_the_factor_and_the_margins_stay()
    {
        var images = new[] { Matrix<double>.Build.Dense(28, 28, 1.0), Matrix<double>.Build.Dense(28, 28, 2.0) };
        var before = ChartJson.Layout(Charts.ImageGrid("two", images, 2));
        var after = ChartJson.Layout(Charts.Enlarged(Charts.ImageGrid("two", images, 2), 3));
        Assert.Equal(3 * PlotWidth(before), PlotWidth(after), 0);
        Assert.Equal(3 * PlotHeight(before), PlotHeight(after), 0);
        Assert.Equal(before.GetProperty("margin").GetProperty("t").GetDouble(), after.GetProperty("margin").GetProperty("t").GetDouble());
    }

    [Fact]
    public void A_factor_below_one_is_refused_with_its_value()
    {
        var chart = Charts.ImageGrid("one", new[] { Matrix<double>.Build.Dense(8, 8, 1.0) }, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Enlarged(chart, 0.5));
        Assert.Contains("Charts.Enlarged", e.Message);
        Assert.Contains("0.5", e.Message);
    }
}
