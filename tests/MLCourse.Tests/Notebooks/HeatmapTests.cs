using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class HeatmapTests
{
    [Fact]
    public void Rows_read_top_to_bottom_and_every_token_label_is_kept_even_repeated_ones()
    {
        string[] tokens = ["the", "cat", "saw", "the", "dog"];
        var weights = Matrix<double>.Build.Dense(5, 5, (i, j) => i * 10 + j);

        var chart = Charts.Heatmap("attention", weights, tokens, tokens, "key", "query");

        var heatmap = Assert.Single(ChartJson.Traces(chart));
        Assert.Equal([0, 1, 2, 3, 4], ChartJson.Doubles(heatmap.GetProperty("z")[0]));   // z row 0 is matrix row 0 …
        var y = ChartJson.Layout(chart).GetProperty("yaxis");
        Assert.Equal([4.5, -0.5], ChartJson.Doubles(y.GetProperty("range")));            // … drawn at the top
        Assert.Equal(tokens, ChartJson.Strings(y.GetProperty("ticktext")));
        Assert.Equal([0, 1, 2, 3, 4], ChartJson.Doubles(y.GetProperty("tickvals")));
        Assert.Equal("array", y.GetProperty("tickmode").GetString());
        var x = ChartJson.Layout(chart).GetProperty("xaxis");
        Assert.Equal(tokens, ChartJson.Strings(x.GetProperty("ticktext")));
        Assert.Equal("key", x.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("query", y.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_label_list_of_the_wrong_length_is_named()
    {
        var z = Matrix<double>.Build.Dense(3, 4);

        var error = Assert.Throws<ArgumentException>(() => Charts.Heatmap("t", z, xLabels: ["a", "b", "c"]));

        Assert.Equal("Charts.Heatmap: xLabels must have shape (4,), but has shape (3,). (Parameter 'xLabels')", error.Message);
    }
}
