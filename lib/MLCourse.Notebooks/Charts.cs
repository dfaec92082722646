using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// The few chart shapes the notebooks use, built with Plotly.NET so that every chart has a title
/// and labelled axes: lines, points and bars here; heatmaps and image grids in
/// <c>Charts.Images.cs</c>; small multiples and slider charts in their own files.
/// </summary>
/// <remarks>Introduced in notebook day 01; each notebook names the helpers it uses.</remarks>
public static partial class Charts
{
    /// <summary>One line per series, on shared axes.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s =>
            PlotlyChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>One group of markers per series, on shared axes (a scatter plot).</summary>
    public static GenericChart Points(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s =>
            PlotlyChart.Point<double, double, string>(x: s.X, y: s.Y, Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>One bar per category.</summary>
    public static GenericChart Bars(string title, string xTitle, string yTitle,
        IReadOnlyList<string> categories, IReadOnlyList<double> values) =>
        Titled(title, PlotlyChart.Column<double, string, string>(values: values,
            Keys: new Plotly.NET.CSharp.Optional<IEnumerable<string>>(categories, true)))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>Bars side by side: one group per x value, one bar per series in each group.</summary>
    public static GenericChart GroupedBars(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s => PlotlyChart.Column<double, double, string>(
                values: s.Y, Keys: new Plotly.NET.CSharp.Optional<IEnumerable<double>>(s.X, true), Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    // Plotly.NET's title setter is an F# curried function: withTitle(title) returns chart -> chart.
    private static GenericChart Titled(string title, GenericChart chart) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
}
