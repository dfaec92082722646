using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using Plotly.NET;
using TorchSharp;

namespace MLCourse.Notebooks;

public static partial class Charts
{
    // Images are drawn this many screen pixels wide and high (a 28×28 image at 3 pixels a pixel)
    // when the grid fits the page; a grid of many columns draws them smaller rather than be cut
    // off (10 digits a row still get 72 pixels each, about the least at which a digit reads well).
    private const int ImagePixels = 84;

    /// <summary>
    /// A heatmap of <paramref name="z"/> read like a matrix: row 0 at the top, column 0 at the left,
    /// one tick per row and column labelled with <paramref name="xLabels"/> and <paramref name="yLabels"/>
    /// when given (every label is kept, a repeated token too), e.g. attention weights of each token
    /// (row) to every token (column). With <paramref name="cellText"/> each cell also shows its value
    /// (where the counts matter, as in a confusion matrix), or the value of the same cell in
    /// <paramref name="cellValues"/> (a confusion matrix coloured by row share that writes its counts).
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="z">Shape (rows, columns).</param>
    /// <param name="xLabels">One label per column (e.g. the tokens attended to), or null for no labels.</param>
    /// <param name="yLabels">One label per row (e.g. the querying tokens or the positions), or null for no
    /// labels.</param>
    /// <param name="xTitle">The x axis title, or null.</param>
    /// <param name="yTitle">The y axis title, or null.</param>
    /// <param name="cellText">How each cell writes its value, as a d3 format (plotly.js's): "d" for
    /// counts, ".2f" for two decimals, ".0%" for a percentage; null to leave the cells blank.</param>
    /// <param name="cellValues">What each cell writes, in <paramref name="cellText"/>'s format, when it is
    /// not the colour's value: shape (rows, columns), as <paramref name="z"/>; null writes z.</param>
    /// <param name="zMin">The value at the bottom of the colour scale; null for the smallest value of
    /// <paramref name="z"/>. Give it (and <paramref name="zMax"/>) so that heatmaps compare.</param>
    /// <param name="zMax">The value at the top of the colour scale; null for the largest value.</param>
    /// <exception cref="ArgumentException">A label list does not have one label per column or row, or
    /// <paramref name="cellValues"/> is not the shape of <paramref name="z"/> or comes without a format.</exception>
    /// <remarks>
    /// Cells are at least 18 pixels (40 with text) while the chart stays within <see cref="PageWidth"/>;
    /// past that they shrink. Introduced in notebook day 08 (the confusion matrix).
    /// </remarks>
    public static GenericChart Heatmap(string title, Matrix<double> z, IReadOnlyList<string>? xLabels = null,
        IReadOnlyList<string>? yLabels = null, string? xTitle = null, string? yTitle = null,
        string? cellText = null, double? zMin = null, double? zMax = null, Matrix<double>? cellValues = null)
    {
        RequireCount("Charts.Heatmap", nameof(xLabels), xLabels, z.ColumnCount);
        RequireCount("Charts.Heatmap", nameof(yLabels), yLabels, z.RowCount);
        if (cellValues is not null && (cellValues.RowCount != z.RowCount || cellValues.ColumnCount != z.ColumnCount))
        {
            throw ErrorMessage.Shape("Charts.Heatmap", nameof(cellValues),
                ErrorMessage.FormatShape(z.RowCount, z.ColumnCount),
                ErrorMessage.FormatShape(cellValues.RowCount, cellValues.ColumnCount));
        }
        if (cellValues is not null && cellText is null)
        {
            throw ErrorMessage.Must("Charts.Heatmap", nameof(cellValues),
                "come with cellText, the format its values are written in (e.g. \"d\")", "cellText is null");
        }
        // Labels need about 16 px a row, a written value about 40; the chart grows rather than drop some.
        int cell = cellText is null ? 18 : 40;
        int width = Math.Min(PageWidth, Math.Max(Math.Max(420, TitleWidth(title)),
            xLabels is null && cellText is null ? 420 : cell * z.ColumnCount + 180));
        int height = yLabels is null && cellText is null
            ? 400
            : Math.Max(400, (cellText is null ? 18 : 32) * z.RowCount + 160);
        (string text, int lines) = WrapTitle(title, width);
        var heatmap = PlotlyFigure.Trace("heatmap",
            ("z", z.EnumerateRows().Select(row => row.ToArray()).ToArray()),
            ("zmin", zMin),
            ("zmax", zMax),
            ("text", cellValues?.EnumerateRows().Select(row => row.ToArray()).ToArray()),
            ("texttemplate", cellText is null ? null : (cellValues is null ? "%{z:" : "%{text:") + cellText + "}"),
            ("hovertemplate", "row %{y}, column %{x}: %{z:.4g}" + (cellValues is null ? "" : " (%{text})")
                + "<extra></extra>"));
        return PlotlyFigure.Chart([heatmap],
            ("title", PlotlyFigure.Object(("text", text))),
            ("xaxis", PlotlyFigure.CellAxis(z.ColumnCount, xLabels, xTitle, reversed: false)),
            ("yaxis", PlotlyFigure.CellAxis(z.RowCount, yLabels, yTitle, reversed: true)),
            ("margin", lines > 1 ? PlotlyFigure.Object(("t", 60 + TitleLineHeight * lines)) : null),
            ("width", width),
            ("height", height + (lines - 1) * TitleLineHeight));
    }

    /// <summary>
    /// Images in a grid, <paramref name="columns"/> per row, each drawn 84 screen pixels wide (a 28×28
    /// image at 3 pixels a pixel) or smaller so that the grid fits <see cref="PageWidth"/>, with a gap between images
    /// and optional labels above the columns and
    /// left of the rows (e.g. class names, "t = 0"). Grey scale: the smallest value black, the
    /// largest white, as MNIST is usually shown; no pixel-index axes.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="images">Equally sized images, each of shape (height, width), e.g. 8×8 or
    /// 28×28; row 0 is the top.</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="rowLabels">One label per grid row, or null.</param>
    /// <param name="columnLabels">One label per grid column, or null.</param>
    /// <param name="zMin">The value drawn black; null for the smallest pixel value of all images. Give it (and
    /// <paramref name="zMax"/>) to compare grids, e.g. 0 for pixels in [0, 1].</param>
    /// <param name="zMax">The value drawn white; null for the largest pixel value of all images.</param>
    /// <exception cref="ArgumentException">No images, images of different shapes, or a label list of the wrong
    /// length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is less than 1.</exception>
    public static GenericChart ImageGrid(string title, IReadOnlyList<Matrix<double>> images, int columns,
        IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null,
        double? zMin = null, double? zMax = null)
    {
        const string component = "Charts.ImageGrid";
        if (images.Count == 0)
        {
            throw ErrorMessage.Empty(component, nameof(images));
        }
        if (columns < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(columns), "at least 1", columns);
        }
        int h = images[0].RowCount, w = images[0].ColumnCount;
        int first = Enumerable.Range(0, images.Count)
            .FirstOrDefault(k => images[k].RowCount != h || images[k].ColumnCount != w);
        if (first > 0)
        {
            throw ErrorMessage.Shape(component, $"images[{first}]", ErrorMessage.FormatShape(h, w) + " like images[0]",
                ErrorMessage.FormatShape(images[first].RowCount, images[first].ColumnCount));
        }
        columns = Math.Min(columns, images.Count);
        int rows = (images.Count + columns - 1) / columns;
        RequireCount(component, nameof(rowLabels), rowLabels, rows);
        RequireCount(component, nameof(columnLabels), columnLabels, columns);

        // One gap of about a tenth of an image (3 pixels for 28×28, 1 for 8×8); gaps hold no value
        // (null), so plotly.js leaves them the page's white.
        int gap = Math.Max(1, (Math.Max(h, w) + 9) / 10);
        var z = new double?[rows * (h + gap) - gap][];
        for (int r = 0; r < z.Length; r++)
        {
            z[r] = new double?[columns * (w + gap) - gap];
        }
        for (int k = 0; k < images.Count; k++)
        {
            int top = k / columns * (h + gap), left = k % columns * (w + gap);
            for (int i = 0; i < h; i++)
            {
                for (int j = 0; j < w; j++)
                {
                    z[top + i][left + j] = images[k][i, j];
                }
            }
        }
        double low = zMin ?? images.Min(image => image.Enumerate().Min());
        double high = zMax ?? images.Max(image => image.Enumerate().Max());
        if (!(high > low))
        {
            high = low + 1;   // a constant image: draw it black rather than fail
        }

        int left0 = rowLabels is null ? 20 : 20 + (int)Math.Ceiling(LabelCharWidth * rowLabels.Max(l => l.Length));
        int gridWidth = z[0].Length;
        double scale = ImageScale(Math.Max(h, w), gridWidth, PageWidth - left0 - 20);
        int plotWidth = (int)Math.Round(gridWidth * scale), plotHeight = (int)Math.Round(z.Length * scale);
        // Wide enough for the title when there is room; the image keeps its size (square pixels)
        // and is centred, and a title that still does not fit is wrapped.
        int width = Math.Min(PageWidth, Math.Max(plotWidth + left0 + 20, TitleWidth(title)));
        (string text, int lines) = WrapTitle(title, width);
        int top0 = 36 + TitleLineHeight * lines + (columnLabels is null ? 0 : 24);

        var heatmap = PlotlyFigure.Trace("heatmap",
            ("z", z),
            ("zmin", low),
            ("zmax", high),
            ("colorscale", new object[] { new object[] { 0, "rgb(0,0,0)" }, new object[] { 1, "rgb(255,255,255)" } }),
            ("showscale", false),
            ("hovertemplate", "%{z:.3g}<extra></extra>"));
        return PlotlyFigure.Chart([heatmap],
            ("title", PlotlyFigure.Object(("text", text))),
            ("xaxis", ImageAxis(gridWidth, w, gap, columnLabels, "top")),
            ("yaxis", PlotlyFigure.Set(ImageAxis(z.Length, h, gap, rowLabels, "left"),
                ("scaleanchor", "x"), ("range", new[] { z.Length - 0.5, -0.5 }))),
            ("plot_bgcolor", "white"),
            ("margin", PlotlyFigure.Object(("l", left0), ("r", 20), ("t", top0), ("b", 20))),
            ("width", width),
            ("height", plotHeight + top0 + 20));
    }

    /// <summary>
    /// Images given as rows of pixels (row-major, <paramref name="height"/> × <paramref name="width"/>
    /// values each, e.g. a digit data set's rows) in a grid; see
    /// <see cref="ImageGrid(string, IReadOnlyList{Matrix{double}}, int,
    /// IReadOnlyList{string}?, IReadOnlyList{string}?, double?, double?)"/>.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="images">One row-major array of height × width pixels per image.</param>
    /// <param name="height">Pixels per image column (e.g. 28).</param>
    /// <param name="width">Pixels per image row (e.g. 28).</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="rowLabels">One label per grid row, or null.</param>
    /// <param name="columnLabels">One label per grid column, or null.</param>
    /// <param name="zMin">The value drawn black; null for the smallest pixel value.</param>
    /// <param name="zMax">The value drawn white; null for the largest pixel value.</param>
    /// <exception cref="ArgumentException">An image does not have height × width pixels.</exception>
    public static GenericChart ImageGrid(string title,
        IReadOnlyList<double[]> images, int height, int width, int columns,
        IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null,
        double? zMin = null, double? zMax = null) =>
        ImageGrid(title, images.Select((pixels, k) => AsImage(pixels, height, width, k)).ToList(),
            columns, rowLabels, columnLabels, zMin, zMax);

    /// <summary>
    /// Images given as rows of single-precision pixels (row-major, height × width values each);
    /// see
    /// <see cref="ImageGrid(string, IReadOnlyList{double[]}, int, int, int,
    /// IReadOnlyList{string}?, IReadOnlyList{string}?, double?, double?)"/>.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="images">One row-major array of height × width pixels per image.</param>
    /// <param name="height">Pixels per image column (e.g. 28).</param>
    /// <param name="width">Pixels per image row (e.g. 28).</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="rowLabels">One label per grid row, or null.</param>
    /// <param name="columnLabels">One label per grid column, or null.</param>
    /// <param name="zMin">The value drawn black; null for the smallest pixel value.</param>
    /// <param name="zMax">The value drawn white; null for the largest pixel value.</param>
    /// <exception cref="ArgumentException">An image does not have height × width pixels.</exception>
    public static GenericChart ImageGrid(string title,
        IReadOnlyList<float[]> images, int height, int width, int columns,
        IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null,
        double? zMin = null, double? zMax = null) =>
        ImageGrid(title, images.Select(pixels => Array.ConvertAll(pixels, p => (double)p)).ToList(),
            height, width, columns,
            rowLabels, columnLabels, zMin, zMax);

    /// <summary>
    /// A batch of images as a tensor, shape (N, 1, H, W) as a CNN takes
    /// it or (N, H, W), in a grid; see
    /// <see cref="ImageGrid(string, IReadOnlyList{Matrix{double}}, int,
    /// IReadOnlyList{string}?, IReadOnlyList{string}?, double?, double?)"/>.
    /// </summary>
    /// <param name="title">The chart title.</param>
    /// <param name="images">Shape (N, 1, H, W) or (N, H, W), any device and floating or integer type.</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="rowLabels">One label per grid row, or null.</param>
    /// <param name="columnLabels">One label per grid column, or null.</param>
    /// <param name="zMin">The value drawn black; null for the smallest pixel value.</param>
    /// <param name="zMax">The value drawn white; null for the largest pixel value.</param>
    /// <exception cref="ArgumentException"><paramref name="images"/> has another shape.</exception>
    public static GenericChart ImageGrid(string title, torch.Tensor images, int columns,
        IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null,
        double? zMin = null, double? zMax = null)
    {
        long[] shape = images.shape;
        bool oneChannel = shape.Length == 4 && shape[1] == 1;
        if (!oneChannel && shape.Length != 3)
        {
            throw ErrorMessage.Shape("Charts.ImageGrid", nameof(images),
                "(N, 1, H, W) or (N, H, W)", ErrorMessage.FormatShape(shape));
        }
        int n = (int)shape[0], h = (int)shape[^2], w = (int)shape[^1];
        // (N·H·W,)
        double[] pixels = images.detach().cpu().to_type(torch.float64).contiguous().data<double>().ToArray();
        var list = Enumerable.Range(0, n).Select(k => pixels[(k * h * w)..((k + 1) * h * w)]).ToList();
        return ImageGrid(title, list, h, w, columns, rowLabels, columnLabels, zMin, zMax);
    }

    private static Matrix<double> AsImage(double[] pixels, int height, int width, int index)
    {
        if (pixels.Length != height * width)
        {
            throw ErrorMessage.Shape("Charts.ImageGrid", $"images[{index}]", $"({height * width},) = height × width",
                ErrorMessage.FormatShape(pixels.Length));
        }
        return Matrix<double>.Build.Dense(height, width, (i, j) => pixels[i * width + j]);
    }

    // An image grid's axis: no grid, no pixel indices; a tick at the centre of each image row or
    // column when labels are given.
    private static DynamicObj.DynamicObj ImageAxis(int cells, int image,
        int gap, IReadOnlyList<string>? labels, string side) =>
        PlotlyFigure.Object(
            ("range", new[] { -0.5, cells - 0.5 }),
            ("constrain", "domain"),
            ("showgrid", false),
            ("zeroline", false),
            ("showline", false),
            ("ticks", ""),
            ("side", side),
            ("showticklabels", labels is not null),
            ("tickmode", "array"),
            ("tickvals", labels is null ? Array.Empty<double>()
                : labels.Select((_, k) => k * (image + gap) + (image - 1) / 2.0).ToArray()),
            ("ticktext", labels ?? []));

    /// <summary>
    /// Screen pixels per image pixel in a grid <paramref name="gridWidth"/> pixels wide (images and
    /// gaps) of images <paramref name="size"/> pixels on a side: 84 / size (rounded up) when the grid
    /// fits in <paramref name="room"/> pixels, else whatever fits — 56 pixels an image or less only
    /// when the grid has too many columns for the page.
    /// </summary>
    internal static double ImageScale(int size, int gridWidth, int room)
    {
        int preferred = (ImagePixels + size - 1) / size;
        return Math.Min(preferred, (double)room / gridWidth);
    }

    private static void RequireCount(string component, string argument, int count, int expected)
    {
        if (count != expected)
        {
            throw ErrorMessage.Shape(component, argument, ErrorMessage.FormatShape(expected),
                ErrorMessage.FormatShape(count));
        }
    }

    private static void RequireCount(string component, string argument, IReadOnlyList<string>? labels, int expected)
    {
        if (labels is not null && labels.Count != expected)
        {
            throw ErrorMessage.Shape(component, argument, ErrorMessage.FormatShape(expected),
                ErrorMessage.FormatShape(labels.Count));
        }
    }
}
