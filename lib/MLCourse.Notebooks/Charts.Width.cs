using Plotly.NET;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// The widest a chart is drawn, in screen pixels: the course site's text column (60rem less its
    /// padding). Every helper of this class sizes its chart to fit inside it — a wider chart would be
    /// cut off on the page, or scroll, and its legend or last columns would not be seen.
    /// </summary>
    /// <remarks>
    /// Image grids draw their images smaller (never below 56 pixels for a whole image while there
    /// is room), line and bar charts grow for a long legend or title up to this width, and a title
    /// still too long is broken over two or more lines. Introduced in notebook day 01 (every chart).
    /// </remarks>
    public const int PageWidth = 912;

    // Rough text widths in screen pixels, per character, of plotly.js's default fonts: the title
    // (17 px) and legend or tick labels (12 px). Estimates on the generous side: a chart a little
    // too wide for its text is cut off at the page's edge only when it exceeds PageWidth.
    private const double TitleCharWidth = 9;
    private const double LabelCharWidth = 7;

    // A line of title text is about this many pixels high (plotly.js's 17 px font, with spacing).
    private const int TitleLineHeight = 22;

    /// <summary>
    /// <paramref name="title"/> broken at spaces into lines that fit <paramref name="width"/> pixels
    /// (joined with plotly.js's <c>&lt;br&gt;</c>), and how many lines it took. A word longer than a
    /// line stays whole.
    /// </summary>
    internal static (string Text, int Lines) WrapTitle(string title, int width)
    {
        int perLine = Math.Max(20, (int)((width - 40) / TitleCharWidth));
        if (title.Length <= perLine)
        {
            return (title, 1);
        }
        var lines = new List<string>();
        string line = "";
        foreach (string word in title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return (string.Join("<br>", lines), lines.Count);
    }

    /// <summary>
    /// The width in pixels a title of <paramref name="title"/> needs on one line, left and right room included.
    /// </summary>
    internal static int TitleWidth(string title) => (int)Math.Ceiling(TitleCharWidth * title.Length) + 80;

    /// <summary>
    /// Sizes a chart built on Plotly.NET's template (lines, points, bars; 80-pixel margins): wide
    /// enough for a plot area of <paramref name="plotWidth"/> pixels (440 unless bar names need more), the legend
    /// beside it (when there is more than one
    /// series) and the title on one line, but never wider than <see cref="PageWidth"/>; a title that
    /// still does not fit is wrapped, with room above the plot for its lines. The chart's layout is
    /// replaced by a copy, so Plotly.NET's shared default layout is never changed.
    /// </summary>
    private static GenericChart Fitted(GenericChart chart, string title, IReadOnlyList<string> legend,
        int plotWidth = 440)
    {
        int legendWidth = legend.Count > 1
            ? (int)Math.Ceiling(LabelCharWidth * legend.Max(name => name.Length)) + 60
            : 0;
        int width = Math.Min(PageWidth, Math.Max(Math.Max(600, 160 + plotWidth + legendWidth), TitleWidth(title)));
        (string text, int lines) = WrapTitle(title, width);
        Layout layout = PlotlyFigure.Copy(GenericChart.getLayout(chart), new Layout());
        PlotlyFigure.Set(layout,
            ("title", PlotlyFigure.Object(("text", text))),
            ("margin", lines > 1 ? PlotlyFigure.Object(("t", 60 + TitleLineHeight * lines)) : null),
            ("width", width),
            ("height", 480 + (lines - 1) * TitleLineHeight));
        return GenericChart.setLayout(layout, chart);
    }
}
