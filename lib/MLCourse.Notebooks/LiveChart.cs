using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Live training progress: one chart, displayed once and redrawn in place as values arrive (for
/// example one loss per epoch). Outside a notebook the chart is a file, rewritten on each value.
/// </summary>
/// <remarks>Introduced in notebook day 16; every training notebook uses it.</remarks>
public sealed class LiveChart
{
    private readonly DisplayedValue? _display;
    private readonly string? _file;
    private readonly Dictionary<string, List<double>> _series = new();
    private readonly string _title;
    private readonly string _xTitle;
    private readonly string _yTitle;

    private LiveChart(string title, string xTitle, string yTitle)
    {
        (_title, _xTitle, _yTitle) = (title, xTitle, yTitle);
        if (Display.InNotebook)
        {
            _display = Kernel.display($"{title}: starting …", HtmlFormatter.MimeType);   // html, so that updates render as charts
        }
        else
        {
            _file = Display.NextChartPath();
            Console.WriteLine($"[live chart \"{title}\" written to {_file} as values arrive]");
        }
    }

    /// <summary>Displays an empty chart placeholder and returns the handle that updates it.</summary>
    public static LiveChart Show(string title, string xTitle = "epoch", string yTitle = "loss") => new(title, xTitle, yTitle);

    /// <summary>Appends <paramref name="value"/> to the series <paramref name="name"/> and redraws.</summary>
    public void Add(string name, double value)
    {
        if (!_series.TryGetValue(name, out List<double>? values))
        {
            _series[name] = values = [];
        }
        values.Add(value);
        if (_display is not null)
        {
            _display.Update(Chart());
        }
        else
        {
            Display.WriteChart(Chart(), _file!);
        }
    }

    private GenericChart Chart() =>
        Charts.Lines(_title, _xTitle, _yTitle,
            _series.Select(kv => new Series(kv.Key, Enumerable.Range(1, kv.Value.Count).Select(i => (double)i).ToArray(), kv.Value)).ToArray());
}
