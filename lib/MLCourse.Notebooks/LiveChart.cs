using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Live training progress: one chart, displayed once and redrawn in place as values arrive (for
/// example one loss per epoch). Outside a notebook the chart is a file, rewritten on each value.
/// </summary>
/// <remarks>
/// Introduced in notebook day 16; every training notebook uses it. Each frame is wrapped in an
/// element carrying <see cref="FrameAttribute"/> with the chart's id: a headless run (dotnet repl)
/// records every frame as its own output, and the offline course site keeps only the last frame of each chart.
/// </remarks>
public sealed class LiveChart
{
    /// <summary>The HTML attribute whose value identifies one live chart's frames.</summary>
    public const string FrameAttribute = "data-live-chart";

    private readonly string _id = Guid.NewGuid().ToString("N");
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
            _display = Kernel.display(Frame(System.Net.WebUtility.HtmlEncode($"{title}: starting …")), HtmlFormatter.MimeType);
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
            _display.Update(Frame(Chart().ToDisplayString(HtmlFormatter.MimeType)));
        }
        else
        {
            Display.WriteChart(Chart(), _file!);
        }
    }

    private Frame Frame(string html) => new($"<div {FrameAttribute}=\"{_id}\">{html}</div>");

    private GenericChart Chart() =>
        Charts.Lines(_title, _xTitle, _yTitle,
            _series.Select(kv => new Series(kv.Key, Enumerable.Range(1, kv.Value.Count).Select(i => (double)i).ToArray(), kv.Value)).ToArray());
}

/// <summary>
/// One frame of a <see cref="LiveChart"/>: HTML shown as it is. A type of the course's own, with its
/// own formatter (<see cref="Formatters"/>), because the notebook host may load a different copy of
/// ASP.NET's HtmlString than the course references, and then shows it as an object tree.
/// </summary>
/// <param name="Html">The frame's markup.</param>
public sealed record Frame(string Html);
