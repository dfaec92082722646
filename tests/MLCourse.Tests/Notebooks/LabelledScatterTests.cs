using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

/// <summary>A scatter whose points are written with their labels and coloured by group (day 12's map of words).</summary>
public class LabelledScatterTests
{
    private static readonly string[] Words = ["sister", "monday", "brother", "tuesday", "ten"];
    private static readonly string[] Groups = ["family", "days", "family", "days", "numbers"];

    [Fact]
    public void Each_group_is_one_trace_of_markers_with_its_points_labels_in_order()
    {
        var chart = Charts.LabelledScatter("words", "PC 1", "PC 2", Words, [1, 2, 3, 4, 5], [-1, -2, -3, -4, -5], Groups);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(["family", "days", "numbers"], traces.Select(t => t.GetProperty("name").GetString()!));
        Assert.All(traces, t => Assert.Equal("markers+text", t.GetProperty("mode").GetString()));
        Assert.Equal(["sister", "brother"], ChartJson.Strings(traces[0].GetProperty("text")));
        Assert.Equal([1, 3], ChartJson.Doubles(traces[0].GetProperty("x")));
        Assert.Equal([-2, -4], ChartJson.Doubles(traces[1].GetProperty("y")));
        Assert.Equal(["ten"], ChartJson.Strings(traces[2].GetProperty("text")));
        var layout = ChartJson.Layout(chart);
        Assert.Equal("PC 2", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.InRange(layout.GetProperty("width").GetDouble(), 600, Charts.PageWidth);
        Assert.Equal(640, layout.GetProperty("height").GetDouble());
    }

    [Fact]
    public void A_label_or_group_list_of_the_wrong_length_is_named()
    {
        var labels = Assert.Throws<ArgumentException>(() =>
            Charts.LabelledScatter("t", "x", "y", ["a", "b"], [1, 2, 3], [1, 2, 3], ["g", "g", "g"]));
        Assert.Equal("Charts.LabelledScatter: labels must have shape (3,), but has shape (2,). (Parameter 'labels')",
            labels.Message);
        var groups = Assert.Throws<ArgumentException>(() =>
            Charts.LabelledScatter("t", "x", "y", ["a", "b"], [1, 2], [1, 2], ["g"]));
        Assert.Equal("Charts.LabelledScatter: groups must have shape (2,), but has shape (1,). (Parameter 'groups')",
            groups.Message);
    }
}
