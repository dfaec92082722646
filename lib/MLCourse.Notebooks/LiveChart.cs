using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Live training progress: one chart, displayed once and redrawn in place as values arrive (for
/// example one loss per epoch), and shown once more, final, as a new output when the cell ends (front
/// ends that drop in-place updates, such as Jupyter's, show that one). Outside a notebook the chart is
/// a file, rewritten as values arrive.
/// Each value is plotted at the step or epoch it belongs to: <c>live.Add("loss", epoch, loss)</c>.
/// </summary>
/// <remarks>
/// Introduced in notebook day 17; every training notebook uses it. Each frame is wrapped in an
/// element carrying <see cref="FrameAttribute"/> with the chart's id: a headless run (dotnet repl)
/// records every frame as its own output, and the offline course site keeps only the last frame of each chart.
/// Plotly.NET renders a chart, its whole template included, in about 0.15 s — per epoch that made
/// training cells twice as slow. Only the data change between frames, so in a notebook Plotly.NET
/// renders the first frame and each later frame is that HTML with the data array (and the element
/// id) replaced. Outside a notebook the file is rewritten at most once per <see cref="RedrawInterval"/>,
/// and once more with the final values when the program exits.
/// </remarks>
public sealed partial class LiveChart
{
    /// <summary>The HTML attribute whose value identifies one live chart's frames.</summary>
    public const string FrameAttribute = "data-live-chart";

    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly System.Diagnostics.Stopwatch _sinceRedraw = new();   // not running until the first redraw
    private FrameTemplate? _template;   // Plotly.NET's first frame, split where later frames differ
    private bool _pending;
    private readonly DisplayedValue? _display;
    private readonly string? _file;
    private readonly Dictionary<string, (List<double> X, List<double> Y)> _series = new();
    private readonly string _title;
    private readonly string _xTitle;
    private readonly string _yTitle;

    private LiveChart(string title, string xTitle, string yTitle)
    {
        (_title, _xTitle, _yTitle) = (title, xTitle, yTitle);
        if (Display.InNotebook)
        {
            // plotly.js as an output of its own (when no chart has shown it yet), so that replacing
            // the frames below never removes it and each frame stays a few kilobytes.
            if (ChartFormatter.TakePlotlyScript() is { } plotly)
            {
                Kernel.display(new Frame(plotly), HtmlFormatter.MimeType);
            }
            _display = Kernel.display(Wrap(System.Net.WebUtility.HtmlEncode($"{title}: starting …")),
                HtmlFormatter.MimeType);
            KernelInvocationContext.Current?.OnComplete(ShowFinal);
        }
        else
        {
            _file = Display.NextChartPath();
            Console.WriteLine($"[live chart \"{title}\" written to {_file} as values arrive]");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteFile();
        }
    }

    /// <summary>Displays an empty chart placeholder and returns the handle that updates it.</summary>
    public static LiveChart Show(string title, string xTitle = "epoch", string yTitle = "loss")
        => new(title, xTitle, yTitle);

    /// <summary>
    /// Appends the point (<paramref name="x"/>, <paramref name="value"/>) to the series
    /// <paramref name="name"/>, e.g. <c>live.Add("loss", epoch, loss)</c> when a loss is reported every
    /// 10 epochs; redraws unless it did less than <see cref="RedrawInterval"/> ago.
    /// </summary>
    /// <param name="name">The series (legend entry); a new name starts a new line.</param>
    /// <param name="x">The step or epoch the value belongs to.</param>
    /// <param name="value">The value measured there (e.g. the loss).</param>
    public void Add(string name, double x, double value)
    {
        if (!_series.TryGetValue(name, out var points))
        {
            _series[name] = points = ([], []);
        }
        points.X.Add(x);
        points.Y.Add(value);
        if (_display is not null)
        {
            _display.Update(Wrap(FrameHtml()));
            return;
        }
        _pending = true;
        if (!_sinceRedraw.IsRunning || _sinceRedraw.Elapsed >= RedrawInterval)
        {
            WriteFile();
        }
    }

    /// <summary>
    /// Appends <paramref name="value"/> to the series <paramref name="name"/> at x = its position in
    /// that series (1, 2, 3, …): right when a value comes once per epoch from epoch 1 on; when values
    /// come every k steps, give the step with <see cref="Add(string, double, double)"/>.
    /// </summary>
    /// <param name="name">The series (legend entry); a new name starts a new line.</param>
    /// <param name="value">The value (e.g. this epoch's loss).</param>
    public void Add(string name, double value) =>
        Add(name, _series.TryGetValue(name, out var points) ? points.X.Count + 1 : 1, value);

    // When the cell ends, the final chart is shown as an output of its own: Jupyter's clients drop
    // the kernel's in-place updates (their display_id is not the display's), so the placeholder
    // never redraws there. Where updates work (VS Code), the live output becomes a line pointing
    // to it, so the chart is not shown twice. Same frame id: the site keeps only the final chart.
    private void ShowFinal(KernelInvocationContext context)
    {
        if (_series.Count > 0)
        {
            // DisplayedValue.Update publishes to the current context, which is gone by now.
            Frame done = Wrap(System.Net.WebUtility.HtmlEncode($"{_title}: done, the final chart is below."));
            context.Publish(new DisplayedValueUpdated(done, _display!.DisplayId, context.Command,
                FormattedValue.CreateManyFromObject(done, HtmlFormatter.MimeType)));
            context.Display(Wrap(FrameHtml()), HtmlFormatter.MimeType);
        }
    }

    private Frame Wrap(string html) => new($"<div {FrameAttribute}=\"{_id}\">{html}</div>");

    private void WriteFile()
    {
        if (_pending)
        {
            _pending = false;
            _sinceRedraw.Restart();
            Display.WriteChart(Chart(), _file!);
        }
    }

    // Plotly.NET.Interactive writes the traces as one line "var data = [...];" and the element id as
    // a GUID (with and without dashes); the first frame is split there once, and a later frame is
    // that template with new traces and a new id. Should that shape ever change, every frame is
    // rendered in full instead.
    private string FrameHtml()
    {
        if (_template is not null)
        {
            return _template.Fill(TracesJson(), Guid.NewGuid());
        }
        string html = ChartFormatter.ChartOnly(Chart());
        _template = FrameTemplate.From(html, TraceData().Match(html), ElementId().Match(html));
        return html;
    }

    private string TracesJson() => JsonSerializer.Serialize(_series.Select(kv => new Dictionary<string, object>
    {
        ["type"] = "scatter",
        ["mode"] = Mode,
        ["marker"] = new Dictionary<string, object> { ["size"] = MarkerSize },
        ["name"] = kv.Key,
        ["x"] = kv.Value.X,
        ["y"] = kv.Value.Y,
    }));

    [GeneratedRegex(@"var data = (\[.*\]);\r?\n")]
    private static partial Regex TraceData();

    [GeneratedRegex("id=\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"")]
    private static partial Regex ElementId();

    // Lines with a marker at each value: it shows where the values were measured, and plotly.js pads
    // the x axis of traces with markers (not of bare lines), so the first value is not drawn on the
    // y axis line at the plot's edge.
    private const string Mode = "lines+markers";
    private const int MarkerSize = 5;

    /// <summary>The chart as it stands: every series, each point at the x it was added with.</summary>
    internal GenericChart Chart()
    {
        GenericChart chart = Charts.Lines(_title, _xTitle, _yTitle,
            _series.Select(kv => new Series(kv.Key, kv.Value.X, kv.Value.Y)).ToArray());
        foreach (Trace trace in GenericChart.getTraces(chart))
        {
            PlotlyFigure.Set(trace, ("mode", Mode), ("marker", PlotlyFigure.Object(("size", MarkerSize))));
        }
        return chart;
    }
}

/// <summary>A rendered chart's HTML cut around its traces, with the element id it uses.</summary>
/// <param name="Before">The HTML up to the traces' JSON.</param>
/// <param name="After">The HTML after it.</param>
/// <param name="Id">The chart element's GUID.</param>
internal sealed record FrameTemplate(string Before, string After, Guid Id)
{
    /// <summary>The template of <paramref name="html"/>, or null when either match failed.</summary>
    public static FrameTemplate? From(string html, Match traces, Match id)
    {
        if (!traces.Success || !id.Success)
        {
            return null;
        }
        Group data = traces.Groups[1];
        return new FrameTemplate(html[..data.Index],
            html[(data.Index + data.Length)..], Guid.Parse(id.Groups[1].Value));
    }

    /// <summary>
    /// The HTML with <paramref name="tracesJson"/> as its traces and <paramref name="id"/> (in
    /// both spellings) as its element id.
    /// </summary>
    public string Fill(string tracesJson, Guid id) =>
        (Before + tracesJson + After).Replace(Id.ToString("D"), id.ToString("D"))
            .Replace(Id.ToString("N"), id.ToString("N"));
}

/// <summary>
/// One frame of a <see cref="LiveChart"/>: HTML shown as it is. A type of the course's own, with its
/// own formatter (<see cref="Formatters"/>), because the notebook host may load a different copy of
/// ASP.NET's HtmlString than the course references, and then shows it as an object tree.
/// </summary>
/// <param name="Html">The frame's markup.</param>
public sealed record Frame(string Html);
