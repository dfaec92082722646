using MLCourse.Errors;
using Plotly.NET;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// The same chart with its plot area <paramref name="factor"/> times as wide and as high (the
    /// margins, title and slider room unchanged), e.g. an image grid or image slider whose 28×28
    /// images should be seen at 3 × 84 screen pixels rather than 84.
    /// </summary>
    /// <remarks>
    /// Changes only the layout's width and height, so square image pixels stay square. Never makes
    /// the chart wider than <see cref="PageWidth"/>: the factor is lowered until the drawn images (or,
    /// for other charts, the plot area) fit, so an enlarged grid is never cut off on the page. The chart
    /// passed in is changed and returned. Introduced in notebook day 16 (feature maps of a real image).
    /// </remarks>
    /// <param name="chart">
    /// A chart with a width and height in its layout (every image chart of this class has them).
    /// </param>
    /// <param name="factor">
    /// How many times larger the plot area is drawn, at least 1; lowered to fit <see cref="PageWidth"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The chart's layout has no width or height.</exception>
    public static GenericChart Enlarged(GenericChart chart, double factor)
    {
        const string component = "Charts.Enlarged";
        if (!(factor >= 1))
        {
            throw ErrorMessage.OutOfRange(component, nameof(factor), "at least 1", factor);
        }
        Layout layout = GenericChart.getLayout(chart);
        if (PlotlyFigure.Get(layout, "width") is not int width || PlotlyFigure.Get(layout, "height") is not int height)
        {
            throw new ArgumentException($"{component}: the chart's layout must give a width and a height in pixels.",
                nameof(chart));
        }
        var margin = PlotlyFigure.Get(layout, "margin") as DynamicObj.DynamicObj;
        int Margin(string side, int otherwise) =>
            margin is not null && PlotlyFigure.Get(margin, side) is int m ? m : otherwise;
        int horizontal = Margin("l", 80) + Margin("r", 80), vertical = Margin("t", 100) + Margin("b", 80);
        // What must fit the page is what is drawn: for images (square pixels, the y axis anchored
        // to x) the grid's own width, which may be less than a plot area widened for a title or a
        // slider; for other charts the whole plot area.
        double drawn = width - horizontal;
        if (PlotlyFigure.Get(layout, "yaxis") is DynamicObj.DynamicObj y && PlotlyFigure.Get(y, "scaleanchor") is "x"
            && PlotlyFigure.Get(layout, "xaxis") is DynamicObj.DynamicObj x
            && PlotlyFigure.Get(x, "range") is double[] { Length: 2 } xRange
            && PlotlyFigure.Get(y, "range") is double[] { Length: 2 } yRange)
        {
            drawn = Math.Min(drawn,
                (height - vertical) * Math.Abs(xRange[1] - xRange[0]) / Math.Abs(yRange[1] - yRange[0]));
        }
        factor = Math.Max(1, Math.Min(factor, (PageWidth - horizontal) / drawn));
        PlotlyFigure.Set(layout,
            ("width", Math.Min(PageWidth, Math.Max(width, (int)Math.Round(drawn * factor) + horizontal))),
            ("height", (int)Math.Round((height - vertical) * factor) + vertical));
        return chart;
    }
}
