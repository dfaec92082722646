using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

// Display.ChartFolder is process-wide: the classes that write chart files run one at a time.
[Collection("chart files")]
public class LiveChartTests
{
    [Fact]
    public void Each_value_is_plotted_at_the_step_it_was_added_with()
    {
        Display.ChartFolder = Path.Combine(Path.GetTempPath(), "mlcourse-live-chart-tests");
        var live = LiveChart.Show("loss every 10 epochs", "epoch");

        foreach (int epoch in new[] { 1, 10, 20, 30 })
        {
            live.Add("loss", epoch, 1.0 / epoch);
        }

        var trace = Assert.Single(ChartJson.Traces(live.Chart()));
        Assert.Equal([1, 10, 20, 30], ChartJson.Doubles(trace.GetProperty("x")));
        Assert.Equal([1, 0.1, 0.05, 1.0 / 30], ChartJson.Doubles(trace.GetProperty("y")));
        // Markers make plotly.js pad the x axis: the first value is not hidden on the plot's edge.
        Assert.Equal("lines+markers", trace.GetProperty("mode").GetString());
    }

    [Fact]
    public void Without_an_x_a_value_goes_at_its_position_in_its_own_series()
    {
        Display.ChartFolder = Path.Combine(Path.GetTempPath(), "mlcourse-live-chart-tests");
        var live = LiveChart.Show("two series", "epoch");

        live.Add("train", 0.9);
        live.Add("test", 5, 0.8);
        live.Add("train", 0.7);
        live.Add("train", 0.6);

        var traces = ChartJson.Traces(live.Chart()).ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal([1, 2, 3], ChartJson.Doubles(traces["train"].GetProperty("x")));
        Assert.Equal([5], ChartJson.Doubles(traces["test"].GetProperty("x")));
    }

    [Fact]
    public void Outside_a_notebook_the_chart_file_holds_the_steps()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlcourse-live-chart-tests", Guid.NewGuid().ToString("N"));
        Display.ChartFolder = folder;
        var live = LiveChart.Show("loss every 100 steps", "step");

        live.Add("discriminator", 100, 1.25);   // the first value is written at once

        string html = File.ReadAllText(Assert.Single(Directory.GetFiles(folder, "chart-*.html")));
        Assert.Matches("\"x\":\\[100(\\.0)?\\]", html);
    }

    [Fact]
    public async Task In_a_notebook_the_final_chart_is_shown_as_a_new_output_when_the_cell_ends()
    {
        Formatters.Register();
        using var kernel = new CellKernel(_ =>
        {
            var live = LiveChart.Show("loss");
            live.Add("loss", 1, 0.5);
            live.Add("loss", 2, 0.25);
        });

        KernelCommandResult result = await kernel.SendAsync(new SubmitCode("training"));

        var shown = result.Events.OfType<DisplayedValueProduced>().Select(Html).ToList();
        var updated = result.Events.OfType<DisplayedValueUpdated>().Select(Html).ToList();
        Assert.Contains(shown, html => html.Contains("loss: starting …", StringComparison.Ordinal));
        // Jupyter's clients drop the updates: the last output shown holds the final values.
        Assert.Matches("\\[0.5,0.25\\]", shown[^1]);
        Assert.Contains("Plotly.newPlot", shown[^1], StringComparison.Ordinal);
        // Where updates work, the live output ends as a line pointing to it, not as a second chart.
        Assert.Equal("loss: done, the final chart is below.", Text(updated[^1]));
        Assert.DoesNotContain(result.Events, e => e is CommandFailed);
    }

    private static string Html(DisplayEvent e) => e.FormattedValues.Single(v => v.MimeType == "text/html").Value;

    private static string Text(string frame) => System.Text.RegularExpressions.Regex.Replace(frame, "<[^>]+>", "");

}
