using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

[Collection("chart files")]
public class SliderChartTests
{
    [Fact]
    public void One_step_per_frame_each_showing_only_its_own_traces()
    {
        // Frame k has k + 1 lines, so a wrong owner of any trace shows in the visible pattern.
        var frames = Enumerable.Range(0, 3).Select(k => ($"k = {k}", Charts.Lines($"frame {k}", "x", "y",
            Enumerable.Range(0, k + 1).Select(i => new Series($"line {i}", [0, 1], [i, k])).ToArray()))).ToList();

        var chart = Charts.Slider("lines at three k", "k", frames);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(6, traces.Length);
        Assert.Equal([true, false, false, false, false, false], traces.Select(t => t.GetProperty("visible").GetBoolean()));
        var slider = Assert.Single(ChartJson.Layout(chart).GetProperty("sliders").EnumerateArray());
        var steps = slider.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(["k = 0", "k = 1", "k = 2"], steps.Select(s => s.GetProperty("label").GetString()!));
        bool[][] visible = steps.Select(s => s.GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray()).ToArray();
        Assert.Equal([true, false, false, false, false, false], visible[0]);
        Assert.Equal([false, true, true, false, false, false], visible[1]);
        Assert.Equal([false, false, false, true, true, true], visible[2]);
        Assert.All(steps, s => Assert.Equal("update", s.GetProperty("method").GetString()));
        Assert.Equal("k: ", slider.GetProperty("currentvalue").GetProperty("prefix").GetString());
        Assert.StartsWith("lines at three k<br>", ChartJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Each_step_shows_its_frames_own_title_under_the_sliders_or_its_label()
    {
        var frames = new[] { 1, 2 }.Select(k => ($"k = {k}", Charts.Lines($"error {k * 0.5} at k = {k}", "x", "y", new Series("a", [0, 1], [k, k])))).ToList();

        var chart = Charts.Slider("errors", "k", frames);

        var steps = ChartJson.Layout(chart).GetProperty("sliders")[0].GetProperty("steps").EnumerateArray().ToArray();
        string[] titles = steps.Select(s => s.GetProperty("args")[1].GetProperty("title.text").GetString()!).ToArray();
        Assert.Equal(["errors<br><span style=\"font-size:14px\">error 0.5 at k = 1</span>",
            "errors<br><span style=\"font-size:14px\">error 1 at k = 2</span>"], titles);
        Assert.Equal(titles[0], ChartJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
        // An image slider's frames carry the slider's own title, so each step is titled by its label.
        var images = Charts.ImageSlider("stride", "s", [("s = 1", Matrix<double>.Build.Dense(8, 8, 1)), ("s = 2", Matrix<double>.Build.Dense(8, 8, 2))]);
        var imageSteps = ChartJson.Layout(images).GetProperty("sliders")[0].GetProperty("steps");
        Assert.EndsWith(">s = 2</span>", imageSteps[1].GetProperty("args")[1].GetProperty("title.text").GetString());
    }

    [Fact]
    public void The_frames_charts_are_left_as_they_were()
    {
        var first = Charts.ImageGrid("one", [Matrix<double>.Build.Dense(8, 8, 1)], 1);
        string before = Plotly.NET.GenericChart.toJson(first);

        Charts.Slider("slider", "k", [("a", first), ("b", Charts.ImageGrid("two", [Matrix<double>.Build.Dense(8, 8, 2)], 1))]);

        Assert.Equal(before, Plotly.NET.GenericChart.toJson(first));
    }

    [Fact]
    public void An_image_slider_draws_every_frame_on_one_grey_scale()
    {
        var frames = Enumerable.Range(1, 4).Select(k => ($"{k}", Matrix<double>.Build.Dense(8, 8, (i, j) => k * (i + j)))).ToList();

        var chart = Charts.ImageSlider("brighter with k", "k", frames);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(4, traces.Length);
        Assert.All(traces, t => Assert.Equal(0, t.GetProperty("zmin").GetDouble()));
        Assert.All(traces, t => Assert.Equal(4 * 14, t.GetProperty("zmax").GetDouble()));
    }

    [Fact]
    public void A_lines_slider_fixes_its_ranges_over_all_frames_and_keeps_each_series_colour()
    {
        var frames = new[] { 1.0, 2.0, 4.0 }
            .Select(t => ($"T = {t}", new[] { new Series("softmax", [0, 1, 2], [0, 1 / t, 2 / t]) })).ToList();

        var chart = Charts.LinesSlider("temperature", "class", "p", "T", frames);

        var layout = ChartJson.Layout(chart);
        Assert.Equal([-0.1, 2.1], ChartJson.Doubles(layout.GetProperty("yaxis").GetProperty("range")).Select(v => Math.Round(v, 12)));
        Assert.Single(ChartJson.Traces(chart).Select(t => t.GetProperty("line").GetProperty("color").GetString()).Distinct());
    }

    [Fact]
    public void Outside_a_notebook_a_slider_chart_is_written_as_an_offline_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlcourse-slider-tests", Guid.NewGuid().ToString("N"));
        Display.ChartFolder = folder;
        var chart = Charts.ImageSlider("slider", "k", [("a", Matrix<double>.Build.Dense(8, 8, 1)), ("b", Matrix<double>.Build.Dense(8, 8, 2))]);

        Display.Show(chart);

        string html = File.ReadAllText(Assert.Single(Directory.GetFiles(folder, "chart-*.html")));
        Assert.Contains("\"sliders\":[{", html);
        Assert.Contains("src=\"plotly.min.js\"", html);
        Assert.True(File.Exists(Path.Combine(folder, "plotly.min.js")));
    }
}
