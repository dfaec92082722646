using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using Plotly.NET;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// A slider chart: one parameter → the picture. Each step of the slider shows one frame (a
    /// chart built for one value of the parameter, e.g. with <c>ImageGrid</c> or <see cref="Lines"/>) and hides
    /// the others.
    /// </summary>
    /// <remarks>
    /// Built from plotly.js's own slider (<c>layout.sliders</c>) whose steps restyle the traces'
    /// <c>visible</c> flags and set the title, without animation frames: it works wherever plotly.js
    /// draws the chart — a notebook in VS Code, the offline course site, a chart file written by
    /// <see cref="Display.Show"/>. Each frame keeps its own title, shown under the chart's title while
    /// its step is chosen: the frame chart's title when it differs from <paramref name="title"/>, else
    /// the step's label. The course site also draws every frame, small and titled, under the slider,
    /// so that a printed or skimmed page shows them all.
    /// The layout (axes, size) is the first frame's; give the frames the same axes so that only the
    /// data change. Every frame's data are in the chart, so keep frames few (tens, not thousands).
    /// Introduced in notebook day 07 (the number of principal components kept).
    /// </remarks>
    /// <param name="title">The chart title.</param>
    /// <param name="parameterName">
    /// The parameter's name, shown beside the slider's current value (e.g. "components kept").
    /// </param>
    /// <param name="frames">One (label, chart) per slider step, in slider order; the first is shown at first.</param>
    /// <exception cref="ArgumentException"><paramref name="frames"/> is empty.</exception>
    public static GenericChart Slider(string title, string parameterName,
        IReadOnlyList<(string Label, GenericChart Chart)> frames)
    {
        if (frames.Count == 0)
        {
            throw ErrorMessage.Empty("Charts.Slider", nameof(frames));
        }
        // Copies, so the frames' own charts stay as they were.
        var traces = frames.Select((frame, k) => GenericChart.getTraces(frame.Chart).Select(trace =>
            PlotlyFigure.Set(PlotlyFigure.Copy(trace, new Trace2D((string)PlotlyFigure.Get(trace, "type")!)),
                ("visible", k == 0))).ToList()).ToList();
        // The frame of each trace.
        int[] owner = traces.SelectMany((frameTraces, k) => frameTraces.Select(_ => k)).ToArray();
        Layout layout = PlotlyFigure.Copy(GenericChart.getLayout(frames[0].Chart), new Layout());
        int width = Math.Min(PageWidth, Math.Max(PlotlyFigure.Get(layout, "width") is int w ? w : 700, 480));
        string[] titles = frames.Select(frame => Title(title, width, FrameTitle(frame.Chart, title,
            frame.Label))).ToArray();
        int titleLines = titles.Max(t => t.Split("<br>").Length);
        var steps = frames.Select((frame, k) => PlotlyFigure.Object(
            ("label", frame.Label),
            ("method", "update"),
            ("args", new object[]
            {
                new Dictionary<string, object> { ["visible"] = owner.Select(o => o == k).ToArray() },
                new Dictionary<string, object> { ["title.text"] = titles[k] },
            })));

        // Room under the plot for the slider: the first frame's bottom margin (plotly.js's 80 px if
        // unset) stays for its axis title, the slider goes below it. Room above for the title lines.
        var margins = PlotlyFigure.Get(layout, "margin") as DynamicObj.DynamicObj ?? PlotlyFigure.Object();
        int bottom = PlotlyFigure.Get(margins, "b") is int b ? b : 80;
        int top = PlotlyFigure.Get(margins, "t") is int t ? t : 100;
        int frameTitleLines = (PlotlyFigure.Get(layout, "title") is DynamicObj.DynamicObj frameTitle
            && PlotlyFigure.Get(frameTitle, "text") is string text ? text.Split("<br>").Length : 1);
        int extra = Math.Max(0, titleLines - frameTitleLines) * TitleLineHeight;
        int height = PlotlyFigure.Get(layout, "height") is int h ? h : 450;
        int labelRoom = (int)Math.Ceiling(LabelCharWidth * frames.Max(f => f.Label.Length) / 2);
        PlotlyFigure.Set(layout,
            ("title", PlotlyFigure.Object(("text", titles[0]))),
            ("margin", PlotlyFigure.Set(PlotlyFigure.Copy(margins, PlotlyFigure.Object()),
                ("b", bottom + 90), ("t", top + extra))),
            ("height", height + 90 + extra),
            ("width", width),
            ("sliders", new[]
            {
                PlotlyFigure.Object(
                    ("active", 0),
                    ("currentvalue", PlotlyFigure.Object(("prefix", parameterName + ": "), ("xanchor", "left"))),
                    // Room either side for half the longest step label, so the end labels are not cut off.
                    ("pad", PlotlyFigure.Object(("t", Math.Max(10, bottom - 10)), ("b", 10),
                        ("l", labelRoom), ("r", labelRoom))),
                    ("steps", steps.ToArray())),
            }));
        return GenericChart.setLayout(layout, GenericChart.ofTraceObjects(true, traces.SelectMany(t => t).ToList()));
    }

    // A frame's own title: its chart's (on one line) when that says more than the slider's title, else its label.
    private static string FrameTitle(GenericChart chart, string sliderTitle, string label) =>
        PlotlyFigure.Get(GenericChart.getLayout(chart), "title") is DynamicObj.DynamicObj t
            && PlotlyFigure.Get(t, "text") is string text
            && text.Replace("<br>", " ") is var own && own != sliderTitle
            ? own
            : label;

    // The slider's title over the frame's, each wrapped to the chart's width; the frame's in a smaller font.
    private static string Title(string sliderTitle, int width, string frameTitle) =>
        WrapTitle(sliderTitle, width).Text + "<br><span style=\"font-size:14px\">"
        + WrapTitle(frameTitle, width).Text.Replace("<br>", "</span><br><span style=\"font-size:14px\">") + "</span>";

    /// <summary>
    /// A slider over images: step k shows image k (e.g. a digit rebuilt from k components, x_t at
    /// diffusion step t), all on one grey scale so that brightness compares across steps.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="parameterName">The parameter's name, shown beside the slider's current value.</param>
    /// <param name="frames">One (label, image of shape (height, width)) per slider step; all of one shape.</param>
    /// <param name="zMin">The value drawn black; null for the smallest pixel value of all frames.</param>
    /// <param name="zMax">The value drawn white; null for the largest pixel value of all frames.</param>
    /// <exception cref="ArgumentException"><paramref name="frames"/> is empty.</exception>
    public static GenericChart ImageSlider(string title, string parameterName,
        IReadOnlyList<(string Label, Matrix<double> Image)> frames, double? zMin = null, double? zMax = null)
    {
        if (frames.Count == 0)
        {
            throw ErrorMessage.Empty("Charts.ImageSlider", nameof(frames));
        }
        double low = zMin ?? frames.Min(f => f.Image.Enumerate().Min());
        double high = zMax ?? frames.Max(f => f.Image.Enumerate().Max());
        return Slider(title, parameterName,
            frames.Select(f => (f.Label, ImageGrid(title, [f.Image], 1, zMin: low, zMax: high))).ToList());
    }

    /// <summary>
    /// A slider over line charts: step k shows frame k's series (e.g. the softmax of logits / T for
    /// several temperatures T), on x and y ranges fixed across all frames so that the change is seen,
    /// each series name keeping its colour.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="parameterName">The parameter's name, shown beside the slider's current value.</param>
    /// <param name="frames">One (label, series) per slider step.</param>
    /// <exception cref="ArgumentException"><paramref name="frames"/> is empty or holds no points.</exception>
    public static GenericChart LinesSlider(string title, string xTitle, string yTitle, string parameterName,
        IReadOnlyList<(string Label, Series[] Series)> frames)
    {
        var all = frames.SelectMany(f => f.Series).ToList();
        if (all.Sum(s => s.Y.Count) == 0)
        {
            throw ErrorMessage.Empty("Charts.LinesSlider", nameof(frames));
        }
        var names = all.Select(s => s.Name).Distinct().ToList();
        GenericChart chart = Slider(title, parameterName, frames.Select(f => (f.Label, Lines(title, xTitle, yTitle,
            f.Series))).ToList());
        foreach (Trace trace in GenericChart.getTraces(chart))
        {
            string name = (string)PlotlyFigure.Get(trace, "name")!;
            PlotlyFigure.Set(trace, ("line", PlotlyFigure.Object(("color",
                Palette[names.IndexOf(name) % Palette.Length]))));
        }
        var ticks = TickLabels(all);   // the letters or tokens under the steps, when the series have them
        PlotlyFigure.Set(GenericChart.getLayout(chart),
            ("xaxis", PlotlyFigure.Object(("title", PlotlyFigure.Object(("text", xTitle))),
                ("range", Padded(all.SelectMany(s => s.X))),
                ("tickmode", ticks is null ? null : "array"), ("tickvals", ticks?.Values), ("ticktext", ticks?.Labels),
                ("tickangle", ticks is null ? null : 0))),
            ("yaxis", PlotlyFigure.Object(("title", PlotlyFigure.Object(("text", yTitle))),
                ("range", Padded(all.SelectMany(s => s.Y))))));
        return chart;
    }

    // [min, max] widened by 5% each side (by 1 when constant), as plotly.js's autorange would for all frames together.
    private static double[] Padded(IEnumerable<double> values)
    {
        double low = values.Min(), high = values.Max(), pad = high > low ? 0.05 * (high - low) : 1;
        return [low - pad, high + pad];
    }
}
