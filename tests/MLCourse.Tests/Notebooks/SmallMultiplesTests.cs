using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class SmallMultiplesTests
{
    [Fact]
    public void Each_panel_has_its_own_axes_matched_to_the_first_and_its_own_title()
    {
        double[] x = [0, 1, 2];
        var panels = new[] { 0, 10, 20, 30, 40 }
            .Select(t => ($"t = {t}", new[] { new Series("signal", x, [t, t + 1, t + 2]), new Series("noise", x, [1, 0, 1]) }))
            .ToList();

        var chart = Charts.SmallMultiples("a signal at several t", "position", "value", panels, 3);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(10, traces.Length);
        Assert.Equal(["x", "x", "x2", "x2", "x3", "x3", "x4", "x4", "x5", "x5"], traces.Select(t => t.GetProperty("xaxis").GetString()!));
        Assert.Equal(2, traces.Count(t => t.GetProperty("showlegend").GetBoolean()));   // one legend entry per series
        Assert.Single(traces.Select(t => t.GetProperty("name").GetString() == "signal" ? t.GetProperty("line").GetProperty("color").GetString() : null)
            .Where(c => c is not null).Distinct());
        var layout = ChartJson.Layout(chart);
        Assert.Equal(["t = 0", "t = 10", "t = 20", "t = 30", "t = 40"],
            layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!));
        Assert.Equal("x", layout.GetProperty("xaxis5").GetProperty("matches").GetString());
        Assert.Equal("y", layout.GetProperty("yaxis5").GetProperty("matches").GetString());
        // Panels 1–3 on the top row, 4–5 below: the second row's domain lies under the first's.
        double[] top = ChartJson.Doubles(layout.GetProperty("yaxis").GetProperty("domain"));
        double[] below = ChartJson.Doubles(layout.GetProperty("yaxis4").GetProperty("domain"));
        Assert.True(below[1] < top[0]);
        Assert.Equal(ChartJson.Doubles(layout.GetProperty("xaxis").GetProperty("domain")), ChartJson.Doubles(layout.GetProperty("xaxis4").GetProperty("domain")));
    }

    [Fact]
    public void Heatmap_panels_share_one_colour_scale_and_keep_their_labels()
    {
        var panels = Enumerable.Range(0, 3).Select(t => ($"step {t}", Matrix<double>.Build.Dense(2, 3, t))).ToList();

        var chart = Charts.SmallMultiples("a map at three steps", panels, 3, xLabels: ["a", "b", "a"], yLabels: ["r0", "r1"]);

        var traces = ChartJson.Traces(chart);
        Assert.All(traces, t => Assert.Equal("coloraxis", t.GetProperty("coloraxis").GetString()));
        var layout = ChartJson.Layout(chart);
        Assert.Equal(0, layout.GetProperty("coloraxis").GetProperty("cmin").GetDouble());
        Assert.Equal(2, layout.GetProperty("coloraxis").GetProperty("cmax").GetDouble());
        Assert.Equal(["a", "b", "a"], ChartJson.Strings(layout.GetProperty("xaxis3").GetProperty("ticktext")));
        Assert.Equal([1.5, -0.5], ChartJson.Doubles(layout.GetProperty("yaxis2").GetProperty("range")));   // row 0 at the top
    }
}
