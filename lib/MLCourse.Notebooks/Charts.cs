using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// The few chart shapes the notebooks use, built with Plotly.NET so that every chart has a title
/// and labelled axes.
/// </summary>
/// <remarks>Introduced in notebook day 01; each notebook names the helpers it uses.</remarks>
public static class Charts
{
    /// <summary>One line per series, on shared axes.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s => PlotlyChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>One group of markers per series, on shared axes (a scatter plot).</summary>
    public static GenericChart Points(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s => PlotlyChart.Point<double, double, string>(x: s.X, y: s.Y, Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>One bar per category.</summary>
    public static GenericChart Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<double> values) =>
        Titled(title, PlotlyChart.Column<double, string, string>(values: values, Keys: new Plotly.NET.CSharp.Optional<IEnumerable<string>>(categories, true)))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>Bars side by side: one group per x value, one bar per series in each group.</summary>
    public static GenericChart GroupedBars(string title, string xTitle, string yTitle, params Series[] series) =>
        Titled(title, PlotlyChart.Combine(series.Select(s => PlotlyChart.Column<double, double, string>(
                values: s.Y, Keys: new Plotly.NET.CSharp.Optional<IEnumerable<double>>(s.X, true), Name: s.Name))))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    /// <summary>Small images side by side, <paramref name="columns"/> per row, one blank pixel between them.</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="images">Equally sized images (e.g. 8×8 digits).</param>
    /// <param name="columns">Images per row.</param>
    public static GenericChart ImageGrid(string title, IReadOnlyList<Matrix<double>> images, int columns)
    {
        int h = images[0].RowCount, w = images[0].ColumnCount, rows = (images.Count + columns - 1) / columns;
        var grid = Matrix<double>.Build.Dense(rows * (h + 1) - 1, columns * (w + 1) - 1);
        for (int k = 0; k < images.Count; k++)
        {
            grid.SetSubMatrix(k / columns * (h + 1), k % columns * (w + 1), images[k]);
        }
        return Titled(title, PlotlyChart.Heatmap<double, int, int, string>(
                zData: grid.EnumerateRows().Select(row => row.ToArray()), ReverseYAxis: true, ShowScale: false))
            .WithSize(Width: Math.Min(900, 60 * columns + 100), Height: 60 * rows + 100);
    }

    /// <summary>A heatmap of <paramref name="z"/> with row 0 at the top, as an image is seen.</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="z">Shape (rows, columns).</param>
    public static GenericChart Heatmap(string title, Matrix<double> z) =>
        Titled(title, PlotlyChart.Heatmap<double, int, int, string>(
                zData: z.EnumerateRows().Select(row => row.ToArray()),
                ReverseYAxis: true))
            .WithSize(Width: 420, Height: 400);

    // Plotly.NET's title setter is an F# curried function: withTitle(title) returns chart -> chart.
    private static GenericChart Titled(string title, GenericChart chart) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
}
