using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;
using Plotly.NET;

namespace MLCourse.Tests.Notebooks;

/// <summary>No chart is wider than the site's text column (<see cref="Charts.PageWidth"/>, 912 px): a wider one is cut off.</summary>
public class ChartWidthTests
{
    private static double Width(GenericChart chart) => ChartJson.Layout(chart).GetProperty("width").GetDouble();

    private static List<Matrix<double>> Digits(int count) =>
        Enumerable.Range(0, count).Select(k => Matrix<double>.Build.Dense(28, 28, k)).ToList();

    private const string LongTitle = "Held-out accuracy of images shifted by d pixels (mean of right, left, down, up), three models, two runs each";

    [Fact]
    public void The_page_width_is_the_sites_text_column()
    {
        // site.css: main { max-width: 60rem; padding: … 1.5rem } → 960 − 2 × 24 pixels.
        Assert.Equal(960 - 2 * 24, Charts.PageWidth);
    }

    [Fact]
    public void Every_helper_fits_the_page_however_many_columns_labels_or_letters()
    {
        var lines = new[] { new Series("per letter, teacher-forced and free-running", [0, 1], [0, 1]), new Series("b", [0, 1], [1, 0]) };
        var charts = new Dictionary<string, GenericChart>
        {
            ["Lines"] = Charts.Lines(LongTitle, "x", "y", lines),
            ["Points"] = Charts.Points(LongTitle, "x", "y", lines),
            ["GroupedBars"] = Charts.GroupedBars(LongTitle, "x", "y", lines),
            ["Bars"] = Charts.Bars(LongTitle, "x", "y", ["a", "b"], [1, 2]),
            ["LabelledScatter"] = Charts.LabelledScatter(LongTitle, "x", "y", ["a", "b"], [0, 1], [1, 0], ["a long group name", "b"]),
            ["Heatmap"] = Charts.Heatmap(LongTitle, Matrix<double>.Build.Dense(10, 60), Enumerable.Range(0, 60).Select(i => $"{i}").ToArray(), cellText: "d"),
            ["ImageGrid 10 digits a row, labelled"] = Charts.ImageGrid(LongTitle, Digits(40), 10, rowLabels: ["original", "code 2", "code 8", "denoising AE"]),
            ["ImageGrid 16 filters"] = Charts.ImageGrid("filters", Enumerable.Range(0, 16).Select(_ => Matrix<double>.Build.Dense(3, 3)).ToList(), 16),
            ["Enlarged ×2"] = Charts.Enlarged(Charts.ImageGrid("five", Digits(10), 5), 2),
            ["Enlarged ×3"] = Charts.Enlarged(Charts.ImageSlider("slider", "s", [("1", Digits(1)[0])]), 3),
            ["SmallMultiples 3 columns"] = Charts.SmallMultiples(LongTitle, "x", "y",
                Enumerable.Range(0, 6).Select(i => ($"panel {i}", lines)).ToList(), 3),
            ["SmallMultiples of heatmaps, 5 columns"] = Charts.SmallMultiples(LongTitle,
                Enumerable.Range(0, 5).Select(i => ($"step {i}", Matrix<double>.Build.Dense(4, 4, i))).ToList(), 5),
            ["Slider of image grids"] = Charts.Slider(LongTitle, "k",
                [("1", Charts.ImageGrid("k = 1", Digits(12), 6)), ("2", Charts.ImageGrid("k = 2", Digits(12), 6))]),
            ["LinesSlider"] = Charts.LinesSlider(LongTitle, "x", "y", "ρ", [("0.5", lines), ("1", lines)]),
        };
        Assert.All(charts, chart => Assert.True(Width(chart.Value) <= Charts.PageWidth, $"{chart.Key}: {Width(chart.Value)} px"));
    }

    [Fact]
    public void A_long_legend_widens_a_line_chart_up_to_the_page_and_a_short_one_keeps_600_px()
    {
        var shortChart = Charts.Lines("loss", "epoch", "loss", new Series("loss", [0, 1], [1, 0]));
        var longLegend = Charts.Lines("accuracy", "length", "accuracy",
            new Series("exact match, free-running", [0, 1], [1, 0]), new Series("per letter, teacher-forced", [0, 1], [0, 1]));

        Assert.Equal(600, Width(shortChart));
        // 440 px of plot, 160 of margins and about 7 px a legend character plus its symbol.
        Assert.InRange(Width(longLegend), 600 + 7 * 26 - 60, Charts.PageWidth);
    }

    [Fact]
    public void Bars_with_long_names_widen_so_that_each_name_fits_under_its_bar()
    {
        string[] names = ["majority: always girl", "last-letter rule", "best single input (last 3 letters)", "two inputs, shared embedding"];

        double width = Width(Charts.Bars("accuracy", "model", "%", names, [60, 79, 84, 85]));

        Assert.InRange(width, 160 + 7 * names.Sum(n => n.Length), Charts.PageWidth);
        Assert.Equal(600, Width(Charts.Bars("accuracy", "model", "%", ["a", "b"], [1, 2])));
    }

    [Fact]
    public void A_title_too_long_for_the_page_is_wrapped_at_spaces_with_room_above_the_plot()
    {
        var chart = Charts.Lines(LongTitle, "x", "y", new Series("a", [0, 1], [0, 1]));

        var layout = ChartJson.Layout(chart);
        string title = layout.GetProperty("title").GetProperty("text").GetString()!;
        Assert.Equal(LongTitle, title.Replace("<br>", " "));
        string[] lines = title.Split("<br>");
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.True(9 * line.Length + 40 <= Charts.PageWidth, line));
        Assert.Equal(60 + 2 * 22, layout.GetProperty("margin").GetProperty("t").GetDouble());
    }

    [Fact]
    public void Ten_digits_a_row_with_labels_shrink_to_fit_but_stay_above_56_px_and_square()
    {
        var layout = ChartJson.Layout(Charts.ImageGrid("digits", Digits(40), 10, rowLabels: ["original", "code 2", "code 8", "code 32"]));

        var margin = layout.GetProperty("margin");
        double plotWidth = layout.GetProperty("width").GetDouble() - margin.GetProperty("l").GetDouble() - margin.GetProperty("r").GetDouble();
        double gridPixels = 10 * 28 + 9 * 3;
        double perDigit = plotWidth / gridPixels * 28;
        Assert.InRange(perDigit, 56, 84);
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
    }

    [Fact]
    public void Enlarging_stops_at_the_page_width_and_a_small_chart_still_grows_by_the_factor()
    {
        var wide = Charts.Enlarged(Charts.ImageGrid("eight filters", Digits(8), 8), 1.5);
        var small = Charts.Enlarged(Charts.ImageGrid("one", Digits(1), 1), 2);

        Assert.Equal(Charts.PageWidth, Width(wide));
        Assert.Equal(2 * 84 + 20 + 20, Width(small));   // the margins (20 and 20) stay, the 84-px image doubles
    }

    [Fact]
    public void An_image_slider_widened_for_its_slider_still_enlarges_its_image_by_the_whole_factor()
    {
        // The slider makes the chart 480 px wide for an 84-px image: only the image must fit the page.
        var layout = ChartJson.Layout(Charts.Enlarged(Charts.ImageSlider("stride", "s", [("s = 1", Digits(1)[0]), ("s = 2", Digits(1)[0])]), 3));

        var margin = layout.GetProperty("margin");
        double plotHeight = layout.GetProperty("height").GetDouble() - margin.GetProperty("t").GetDouble() - margin.GetProperty("b").GetDouble();
        Assert.Equal(3 * 84, plotHeight);
        Assert.InRange(layout.GetProperty("width").GetDouble(), 3 * 84 + 40, Charts.PageWidth);
    }
}
