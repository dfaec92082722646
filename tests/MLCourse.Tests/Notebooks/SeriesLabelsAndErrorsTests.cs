using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

/// <summary>Sequence axes written with their letters or tokens; error bars where the text gives ±; counts in heatmap cells.</summary>
public class SeriesLabelsAndErrorsTests
{
    [Fact]
    public void A_series_over_a_names_letters_writes_each_letter_under_its_step_repeated_ones_too()
    {
        var chart = Charts.Lines("P(girl) after each letter", "letters read", "P(girl)", Series.Steps("anna", "anna", [0.5, 0.6, 0.7, 0.9]));

        var x = ChartJson.Layout(chart).GetProperty("xaxis");
        Assert.Equal("array", x.GetProperty("tickmode").GetString());
        Assert.Equal([1, 2, 3, 4], ChartJson.Doubles(x.GetProperty("tickvals")));
        Assert.Equal(["a", "n", "n", "a"], ChartJson.Strings(x.GetProperty("ticktext")));
        Assert.Equal("letters read", x.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_space_is_written_as_a_visible_mark()
    {
        Assert.Equal(["I", "␣", "a", "m"], Series.Letters("I am"));
    }

    [Fact]
    public void Each_small_multiple_writes_its_own_series_letters_under_its_own_axis()
    {
        var chart = Charts.SmallMultiples("P(girl)", "letters read", "P(girl)",
            new[] { "jordan", "jordyn", "alexandra" }.Select(n => (n, new[] { Series.Steps(n, n, n.Select(_ => 0.5).ToArray()) })).ToList(), 3);

        var layout = ChartJson.Layout(chart);
        Assert.Equal(["j", "o", "r", "d", "y", "n"], ChartJson.Strings(layout.GetProperty("xaxis2").GetProperty("ticktext")));
        Assert.Equal(9, ChartJson.Strings(layout.GetProperty("xaxis3").GetProperty("ticktext")).Length);
        Assert.True(layout.GetProperty("xaxis").GetProperty("showticklabels").GetBoolean());   // every panel shows its letters
        // One series a panel, named by the panel's title: no legend.
        Assert.All(ChartJson.Traces(chart), t => Assert.False(t.GetProperty("showlegend").GetBoolean()));
    }

    [Fact]
    public void A_lines_slider_keeps_the_letters_under_its_fixed_x_range()
    {
        var frames = new[] { 0.5, 2.0 }.Select(rho => ($"ρ = {rho}", new[] { Series.Steps("gradient", "It is", [rho, rho, rho, rho, rho]) })).ToList();

        var x = ChartJson.Layout(Charts.LinesSlider("gradient per character", "character read", "log10", "ρ", frames)).GetProperty("xaxis");

        Assert.Equal(["I", "t", "␣", "i", "s"], ChartJson.Strings(x.GetProperty("ticktext")));
        Assert.Equal(2, ChartJson.Doubles(x.GetProperty("range")).Length);
    }

    [Fact]
    public void Labels_or_errors_of_the_wrong_length_are_named()
    {
        var labels = Assert.Throws<ArgumentException>(() => new Series("s", [1, 2, 3], [0, 0, 0]) { XLabels = ["a", "b"] });
        Assert.Equal("Series: XLabels must have shape (3,) (one per x value), but has shape (2,). (Parameter 'XLabels')", labels.Message);
        var errors = Assert.Throws<ArgumentOutOfRangeException>(() => new Series("s", [1, 2], [0, 0]) { Errors = [0.1, -0.2] });
        Assert.StartsWith("Series: Errors[1] must be a half-length of 0 or more, but is -0.2.", errors.Message);
    }

    [Fact]
    public void Errors_draw_symmetric_error_bars_on_lines_small_multiples_and_bars()
    {
        var withErrors = new Series("accuracy", [1, 2], [0.8, 0.9]) { Errors = [0.01, 0.02] };

        var line = ChartJson.Traces(Charts.Lines("t", "x", "y", withErrors))[0].GetProperty("error_y");
        var panel = ChartJson.Traces(Charts.SmallMultiples("t", "x", "y", [("a", new[] { withErrors })], 1))[0].GetProperty("error_y");
        var bar = ChartJson.Traces(Charts.Bars("t", "model", "accuracy", ["rule", "RNN"], [0.8, 0.9], errors: [0.01, 0.02]))[0].GetProperty("error_y");

        foreach (var e in new[] { line, panel, bar })
        {
            Assert.Equal("data", e.GetProperty("type").GetString());
            Assert.Equal([0.01, 0.02], ChartJson.Doubles(e.GetProperty("array")));
            Assert.True(e.GetProperty("visible").GetBoolean());
        }
        Assert.False(ChartJson.Traces(Charts.Lines("t", "x", "y", new Series("a", [1], [1])))[0].TryGetProperty("error_y", out _));
    }

    [Fact]
    public void A_confusion_matrix_writes_its_counts_in_the_cells()
    {
        var counts = Matrix<double>.Build.DenseOfArray(new double[,] { { 90, 10 }, { 3, 97 } });

        var chart = Charts.Heatmap("confusion", counts, ["cat", "dog"], ["cat", "dog"], "predicted", "true", cellText: "d");

        Assert.Equal("%{z:d}", ChartJson.Traces(chart)[0].GetProperty("texttemplate").GetString());
        Assert.False(ChartJson.Traces(Charts.Heatmap("no text", counts))[0].TryGetProperty("texttemplate", out _));
    }

    [Fact]
    public void A_confusion_matrix_coloured_by_row_share_writes_its_counts()
    {
        var counts = Matrix<double>.Build.DenseOfArray(new double[,] { { 90, 10 }, { 3, 97 } });
        var shares = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.9, 0.1 }, { 0.03, 0.97 } });

        var trace = ChartJson.Traces(Charts.Heatmap("confusion", shares, cellText: "d", cellValues: counts))[0];

        Assert.Equal("%{text:d}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal(97, trace.GetProperty("text")[1][1].GetDouble());
        Assert.Equal(0.97, trace.GetProperty("z")[1][1].GetDouble());
        var wrongShape = Assert.Throws<ArgumentException>(() =>
            Charts.Heatmap("t", shares, cellText: "d", cellValues: Matrix<double>.Build.Dense(2, 3)));
        Assert.Equal("Charts.Heatmap: cellValues must have shape (2, 2), but has shape (2, 3). (Parameter 'cellValues')",
            wrongShape.Message);
        Assert.Throws<ArgumentException>(() => Charts.Heatmap("t", shares, cellValues: counts));
    }

    [Fact]
    public void Compared_maps_take_the_colour_scale_they_are_given()
    {
        var panels = new[] { ("faint", Matrix<double>.Build.Dense(2, 2, 0.1)), ("strong", Matrix<double>.Build.Dense(2, 2, 0.7)) };

        var shared = ChartJson.Layout(Charts.SmallMultiples("maps", panels, 2, zMin: 0, zMax: 1)).GetProperty("coloraxis");
        var heatmap = ChartJson.Traces(Charts.Heatmap("one map", panels[0].Item2, zMin: 0, zMax: 1))[0];

        Assert.Equal([0.0, 1.0], new[] { shared.GetProperty("cmin").GetDouble(), shared.GetProperty("cmax").GetDouble() });
        Assert.Equal([0.0, 1.0], new[] { heatmap.GetProperty("zmin").GetDouble(), heatmap.GetProperty("zmax").GetDouble() });
    }
}
