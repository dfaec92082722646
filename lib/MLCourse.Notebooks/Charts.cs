using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// The few chart shapes the notebooks use, built with Plotly.NET so that every chart has a title
/// and labelled axes: lines, points and bars here; heatmaps and image grids in
/// <c>Charts.Images.cs</c>; small multiples, slider charts and the labelled scatter in their own files.
/// </summary>
/// <remarks>Introduced in notebook day 01; each notebook names the helpers it uses.</remarks>
public static partial class Charts
{
    /// <summary>
    /// One line per series, on shared axes. A series with <see cref="Series.XLabels"/> writes its
    /// tokens under the x axis; one with <see cref="Series.Errors"/> draws an error bar at each point.
    /// The chart is as wide as its title and legend need, at most <see cref="PageWidth"/>.
    /// </summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series) =>
        Styled(PlotlyChart.Combine(series.Select(s => PlotlyChart.Line<double, double, string>(x: s.X, y: s.Y,
            Name: s.Name))),
            title, xTitle, yTitle, series);

    /// <summary>
    /// One group of markers per series, on shared axes (a scatter plot); labels and error bars as in
    /// <see cref="Lines"/>.
    /// </summary>
    public static GenericChart Points(string title, string xTitle, string yTitle, params Series[] series) =>
        Styled(PlotlyChart.Combine(series.Select(s => PlotlyChart.Point<double, double, string>(x: s.X, y: s.Y,
            Name: s.Name))),
            title, xTitle, yTitle, series);

    /// <summary>One bar per category, with an error bar on each when <paramref name="errors"/> is given.</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="categories">The bars' names, left to right.</param>
    /// <param name="values">One value per category.</param>
    /// <param name="errors">
    /// One error-bar half-length per category (e.g. the standard error printed as ±), or null.
    /// </param>
    /// <exception cref="ArgumentException">Not one value, or one error, per category.</exception>
    public static GenericChart Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> categories,
        IReadOnlyList<double> values,
        IReadOnlyList<double>? errors = null)
    {
        RequireCount("Charts.Bars", nameof(values), values.Count, categories.Count);
        var bars = new Series(title, Enumerable.Range(0, values.Count).Select(i => (double)i).ToArray(),
            values) { Errors = errors };
        // Room to write every bar's name level under it (about 7 pixels a letter, a gap between).
        int plotWidth = (int)Math.Ceiling(LabelCharWidth * categories.Sum(c => c.Length)) + 16 * categories.Count;
        return Styled(PlotlyChart.Column<double, string, string>(values: values,
            Keys: new Plotly.NET.CSharp.Optional<IEnumerable<string>>(categories, true)),
            title, xTitle, yTitle, [bars], Math.Max(440, plotWidth));
    }

    /// <summary>Bars side by side: one group per x value, one bar per series in each group; labels and error bars as in
    /// <see cref="Lines"/>.</summary>
    public static GenericChart GroupedBars(string title, string xTitle, string yTitle, params Series[] series) =>
        Styled(PlotlyChart.Combine(series.Select(s => PlotlyChart.Column<double, double, string>(
                values: s.Y, Keys: new Plotly.NET.CSharp.Optional<IEnumerable<double>>(s.X, true), Name: s.Name))),
            title, xTitle, yTitle, series);

    // Axis titles, tick labels from the series' XLabels, error bars from their Errors (trace i is
    // series i), and the width that fits the title and legend.
    private static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle,
        IReadOnlyList<Series> series,
        int plotWidth = 440)
    {
        chart = Titled(title, chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);
        foreach ((Trace trace, Series s) in GenericChart.getTraces(chart).Zip(series))
        {
            PlotlyFigure.Set(trace, ("error_y", ErrorBars(s.Errors)));
        }
        chart = Fitted(chart, title, series.Select(s => s.Name).ToList(), plotWidth);
        if (series.Any(s => s.XIsDate))
        {
            if (!series.All(s => s.XIsDate))
            {
                throw new ArgumentException("Charts: series must all be over dates or none, but "
                    + $"'{series.First(s => !s.XIsDate).Name}' is not and '{series.First(s => s.XIsDate).Name}' is.",
                    nameof(series));
            }
            chart = WithXAxis(chart, ("type", "date"));
        }
        if (TickLabels(series) is { } ticks)
        {
            chart = WithXAxis(chart,
                ("tickmode", "array"), ("tickvals", ticks.Values), ("ticktext", ticks.Labels), ("tickangle", 0));
        }
        return chart;
    }

    // Sets fields of the layout's x axis, keeping those already set.
    private static GenericChart WithXAxis(GenericChart chart, params (string Name, object? Value)[] fields)
    {
        Layout layout = GenericChart.getLayout(chart);
        var axis = PlotlyFigure.Get(layout, "xaxis") as DynamicObj.DynamicObj;
        PlotlyFigure.Set(layout, ("xaxis", PlotlyFigure.Set(axis is null ? PlotlyFigure.Object()
            : PlotlyFigure.Copy(axis, PlotlyFigure.Object()), fields)));
        return chart;
    }

    /// <summary>plotly.js's <c>error_y</c> for these half-lengths (symmetric bars), or null for none.</summary>
    internal static DynamicObj.DynamicObj? ErrorBars(IReadOnlyList<double>? errors) =>
        errors is null ? null : PlotlyFigure.Object(("type", "data"), ("array", errors.ToArray()), ("symmetric", true),
            ("visible", true));

    /// <summary>
    /// The tick values and their labels of an axis shared by <paramref name="series"/>: every x of a
    /// series with labels, labelled by the first series that labels it; null when no series has labels.
    /// </summary>
    internal static (double[] Values, string[] Labels)? TickLabels(IEnumerable<Series> series)
    {
        var ticks = new SortedDictionary<double, string>();
        foreach (Series s in series.Where(s => s.XLabels is not null))
        {
            for (int i = 0; i < s.X.Count; i++)
            {
                ticks.TryAdd(s.X[i], s.XLabels![i]);
            }
        }
        return ticks.Count == 0 ? null : (ticks.Keys.ToArray(), ticks.Values.ToArray());
    }

    // Plotly.NET's title setter is an F# curried function: withTitle(title) returns chart -> chart.
    private static GenericChart Titled(string title, GenericChart chart) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
}
