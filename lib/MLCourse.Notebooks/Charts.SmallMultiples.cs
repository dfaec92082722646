using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using Plotly.NET;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    // plotly.js's default colour sequence: a series keeps its colour in every panel and slider step.
    private static readonly string[] Palette =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    /// <summary>
    /// Small multiples: "the same thing at several t" as a grid of small line charts, one title each,
    /// all on the same x and y ranges (zooming one zooms all), a series keeping its colour and one
    /// legend entry throughout (no legend when each panel holds one series: its title names it). To compare, read
    /// across panels; an overlay would hide the change.
    /// A panel whose series have <see cref="Series.XLabels"/> writes them under its own x axis (e.g.
    /// each panel a different name, read letter by letter); <see cref="Series.Errors"/> draw error bars.
    /// Panels are 280 pixels wide, or narrower so that the chart fits <see cref="PageWidth"/>.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title (shown under the bottom row).</param>
    /// <param name="yTitle">The y axis title (shown left of the first column).</param>
    /// <param name="panels">One (title, series) per panel, in reading order (e.g. "t = 0", "t = 10", …).</param>
    /// <param name="columns">Panels per row.</param>
    /// <exception cref="ArgumentException"><paramref name="panels"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is less than 1.</exception>
    public static GenericChart SmallMultiples(string title, string xTitle, string yTitle,
        IReadOnlyList<(string Title, Series[] Series)> panels, int columns)
    {
        RequirePanels(panels.Count, columns);
        var names = panels.SelectMany(p => p.Series).Select(s => s.Name).Distinct().ToList();
        // A legend only when a panel holds several series (one series is named by its panel's
        // title), one entry per name, at its first appearance.
        bool legend = panels.Any(p => p.Series.Length > 1);
        var inLegend = new HashSet<string>();
        var traces = panels.SelectMany((panel, i) => panel.Series.Select(s => PlotlyFigure.Trace("scatter",
            ("mode", "lines"),
            ("name", s.Name),
            ("x", s.X),
            ("y", s.Y),
            ("error_y", ErrorBars(s.Errors)),
            ("line", PlotlyFigure.Object(("color", Palette[names.IndexOf(s.Name) % Palette.Length]))),
            ("legendgroup", s.Name),
            ("showlegend", legend && inLegend.Add(s.Name)),
            ("xaxis", AxisId("x", i)),
            ("yaxis", AxisId("y", i))))).ToList();
        // A panel with a letter under each step needs about 9 pixels a letter.
        int labelled = panels.Max(p => TickLabels(p.Series)?.Values.Length ?? 0);
        return PanelGrid(title, traces, panels.Select(p => p.Title).ToList(), columns,
            Math.Max(280, 9 * labelled + 40), 220,
            (i, bottom, left) => TickLabels(panels[i].Series) is { } ticks
                ? PlotlyFigure.Object(("title", bottom ? PlotlyFigure.Object(("text", xTitle)) : null),
                    ("showticklabels", true),
                    ("tickmode", "array"), ("tickvals", ticks.Values), ("ticktext", ticks.Labels), ("tickangle", 0))
                : PlotlyFigure.Object(("title", bottom ? PlotlyFigure.Object(("text", xTitle)) : null),
                    ("showticklabels", bottom)),
            (i, bottom, left) => PlotlyFigure.Object(("title", left ? PlotlyFigure.Object(("text", yTitle)) : null),
                ("showticklabels", left)));
    }

    /// <summary>
    /// Small multiples of heatmaps (e.g. an attention map or a feature map at several steps), each
    /// read like a matrix (row 0 at the top), on one shared colour scale so colours compare across
    /// panels: from <paramref name="zMin"/> to <paramref name="zMax"/> when given, else from the
    /// smallest to the largest value of all panels — never each panel scaled to its own maximum.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="panels">One (title, z) per panel; every z of the same shape (rows, columns).</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="xLabels">One label per column of z (e.g. tokens), or null.</param>
    /// <param name="yLabels">One label per row of z, or null.</param>
    /// <param name="zMin">
    /// The bottom of the shared colour scale (e.g. 0 for attention weights), or null for the smallest value.
    /// </param>
    /// <param name="zMax">The top of the shared colour scale (e.g. 1), or null for the largest value.</param>
    /// <exception cref="ArgumentException">
    /// No panels, panels of different shapes, or labels of the wrong length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is less than 1.</exception>
    public static GenericChart SmallMultiples(string title, IReadOnlyList<(string Title, Matrix<double> Z)> panels,
        int columns, IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        double? zMin = null, double? zMax = null)
    {
        RequirePanels(panels.Count, columns);
        int rows = panels[0].Z.RowCount, cols = panels[0].Z.ColumnCount;
        int other = Enumerable.Range(0, panels.Count).FirstOrDefault(i => panels[i].Z.RowCount != rows
            || panels[i].Z.ColumnCount != cols);
        if (other > 0)
        {
            throw ErrorMessage.Shape("Charts.SmallMultiples", $"panels[{other}].Z",
                ErrorMessage.FormatShape(rows, cols) + " like panels[0].Z",
                ErrorMessage.FormatShape(panels[other].Z.RowCount, panels[other].Z.ColumnCount));
        }
        RequireCount("Charts.SmallMultiples", nameof(xLabels), xLabels, cols);
        RequireCount("Charts.SmallMultiples", nameof(yLabels), yLabels, rows);
        var traces = panels.Select((panel, i) => PlotlyFigure.Trace("heatmap",
            ("z", panel.Z.EnumerateRows().Select(row => row.ToArray()).ToArray()),
            ("coloraxis", "coloraxis"),
            ("hovertemplate", "row %{y}, column %{x}: %{z:.4g}<extra></extra>"),
            ("xaxis", AxisId("x", i)),
            ("yaxis", AxisId("y", i))));
        GenericChart chart = PanelGrid(title, traces, panels.Select(p => p.Title).ToList(), columns, 240, 240,
            (i, bottom, left) => PlotlyFigure.Set(PlotlyFigure.CellAxis(cols, xLabels, null, reversed: false),
                ("showticklabels", bottom)),
            (i, bottom, left) => PlotlyFigure.Set(PlotlyFigure.CellAxis(rows, yLabels, null, reversed: true),
                ("showticklabels", left)));
        PlotlyFigure.Set(GenericChart.getLayout(chart), ("coloraxis", PlotlyFigure.Object(
            ("cmin", zMin ?? panels.Min(p => p.Z.Enumerate().Min())),
            ("cmax", zMax ?? panels.Max(p => p.Z.Enumerate().Max())))));
        return chart;
    }

    // Axis ids of panel i: x, x2, x3, … in traces; xaxis, xaxis2, … in the layout.
    private static string AxisId(string axis, int panel) => panel == 0 ? axis : $"{axis}{panel + 1}";

    private static void RequirePanels(int count, int columns)
    {
        if (count == 0)
        {
            throw ErrorMessage.Empty("Charts.SmallMultiples", "panels");
        }
        if (columns < 1)
        {
            throw ErrorMessage.OutOfRange("Charts.SmallMultiples", nameof(columns), "at least 1", columns);
        }
    }

    // Lays the panels out in reading order, each with its own pair of axes matched to the first
    // panel's (shared ranges) and its title above it; xAxis/yAxis style the axes of panel i, told
    // whether it is in the bottom row or the first column.
    private static GenericChart PanelGrid(string title, IEnumerable<Trace> traces, IReadOnlyList<string> titles,
        int columns, int panelWidth, int panelHeight,
        Func<int, bool, bool, DynamicObj.DynamicObj> xAxis, Func<int, bool, bool, DynamicObj.DynamicObj> yAxis)
    {
        columns = Math.Min(columns, titles.Count);
        int rows = (titles.Count + columns - 1) / columns;
        // 160 pixels of margins and legend; the panels share what is left of the page.
        panelWidth = Math.Min(panelWidth, (PageWidth - 160) / columns);
        (string text, int lines) = WrapTitle(title, columns * panelWidth + 160);
        // Gaps between panels (room for a title), as fractions of the plot area.
        const double across = 0.04, down = 0.12;
        double width = (1 - across * (columns - 1)) / columns;
        double height = (1 - down * (rows - 1)) / rows;
        var layout = new List<(string, object?)>
        {
            ("title", PlotlyFigure.Object(("text", text))),
            ("margin", lines > 1 ? PlotlyFigure.Object(("t", 60 + TitleLineHeight * lines)) : null),
            ("width", columns * panelWidth + 160),
            ("height", rows * panelHeight + 140 + (lines - 1) * TitleLineHeight),
        };
        var annotations = new List<DynamicObj.DynamicObj>();
        for (int i = 0; i < titles.Count; i++)
        {
            int r = i / columns, c = i % columns;
            double x0 = c * (width + across), y1 = 1 - r * (height + down);
            bool bottom = i + columns >= titles.Count, left = c == 0;
            layout.Add(("xaxis" + (i == 0 ? "" : $"{i + 1}"), PlotlyFigure.Set(xAxis(i, bottom, left),
                ("domain", new[] { x0, x0 + width }), ("anchor", AxisId("y", i)), ("matches", i == 0 ? null : "x"))));
            layout.Add(("yaxis" + (i == 0 ? "" : $"{i + 1}"), PlotlyFigure.Set(yAxis(i, bottom, left),
                ("domain", new[] { y1 - height, y1 }), ("anchor", AxisId("x", i)), ("matches", i == 0 ? null : "y"))));
            annotations.Add(PlotlyFigure.Object(("text", titles[i]), ("xref", "paper"), ("yref", "paper"),
                ("x", x0 + width / 2), ("y", y1), ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false)));
        }
        layout.Add(("annotations", annotations));
        return PlotlyFigure.Chart(traces, layout.ToArray());
    }
}
