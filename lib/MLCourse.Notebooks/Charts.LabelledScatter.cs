using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    // Extra height of a labelled scatter over the other charts' 480 pixels: words need room to be read.
    private const int LabelledScatterExtraHeight = 160;

    /// <summary>
    /// A scatter plot whose every point is written with its label (plotly.js mode "markers+text"), coloured and
    /// listed in the legend by group: e.g. words projected to 2-D, each written beside its point and coloured by
    /// the kind of word. Groups appear in the legend in the order of their first point.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="labels">The text written above each point, one per point.</param>
    /// <param name="x">The points' x values.</param>
    /// <param name="y">The points' y values, one per x.</param>
    /// <param name="groups">Each point's group (one colour and legend entry per distinct group), one per x.</param>
    /// <exception cref="ArgumentException">Not one y value, label and group per x value.</exception>
    /// <remarks>
    /// The chart is wider and taller than <see cref="Points"/> (at most <see cref="PageWidth"/>) so that
    /// labels overlap less; labels of points closer than a word's width still overlap. Introduced in notebook
    /// day 12 (a map of word vectors).
    /// </remarks>
    public static GenericChart LabelledScatter(string title, string xTitle, string yTitle,
        IReadOnlyList<string> labels, IReadOnlyList<double> x, IReadOnlyList<double> y,
        IReadOnlyList<string> groups)
    {
        const string component = "Charts.LabelledScatter";
        RequireCount(component, nameof(y), y.Count, x.Count);
        RequireCount(component, nameof(labels), labels.Count, x.Count);
        RequireCount(component, nameof(groups), groups.Count, x.Count);
        var series = new List<Series>();
        var traces = new List<GenericChart>();
        foreach (string group in groups.Distinct())
        {
            int[] members = Enumerable.Range(0, x.Count).Where(i => groups[i] == group).ToArray();
            var points = new Series(group, members.Select(i => x[i]).ToArray(), members.Select(i => y[i]).ToArray());
            series.Add(points);
            GenericChart trace = PlotlyChart.Point<double, double, string>(x: points.X, y: points.Y, Name: group);
            PlotlyFigure.Set(GenericChart.getTraces(trace).Single(),
                ("mode", "markers+text"),
                ("text", members.Select(i => labels[i]).ToArray()),
                ("textposition", "top center"));
            traces.Add(trace);
        }
        GenericChart chart = Styled(PlotlyChart.Combine(traces), title, xTitle, yTitle, series, plotWidth: 620);
        Layout layout = GenericChart.getLayout(chart);
        PlotlyFigure.Set(layout, ("height", (int)PlotlyFigure.Get(layout, "height")! + LabelledScatterExtraHeight));
        return chart;
    }
}
