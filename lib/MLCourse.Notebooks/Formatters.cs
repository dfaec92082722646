using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using MLCourse.Data.Tables;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// How the library's types are shown: a matrix, vector, tensor or table shows its shape, dtype
/// and values as a table — HTML in a notebook, aligned text elsewhere — and a Plotly chart shows
/// as an interactive chart.
/// </summary>
/// <remarks>Registered by <see cref="Course.Load"/>, which every notebook's first cell runs.</remarks>
public static class Formatters
{
    /// <summary>Registers the HTML and plain-text formatters with .NET Interactive.</summary>
    public static void Register()
    {
        Register<Matrix<double>>(Grid);
        Register<Vector<double>>(Grid);
        Register<torch.Tensor>(Grid);
        Register<Table>(Grid);
        Formatter.Register<Frame>((frame, writer) => writer.Write(frame.Html), HtmlFormatter.MimeType);
        Formatter.Register<ExerciseResult>((result, writer) => writer.Write(result.Html()), HtmlFormatter.MimeType);
        Formatter.Register<ExerciseResult>((result, writer) => writer.Write(result.Text()),
            PlainTextFormatter.MimeType);
        ChartFormatter.Register();
    }

    /// <summary>The HTML shown for a matrix: "Matrix (rows, columns), float64" and its values.</summary>
    public static string Html(Matrix<double> matrix) => Grid(matrix).Html();

    /// <summary>The HTML shown for a vector: one row of values.</summary>
    public static string Html(Vector<double> vector) => Grid(vector).Html();

    /// <summary>
    /// The HTML shown for a table: its size, each column's name and kind, and its rows; missing values show as
    /// "NaN"/"None" like pandas.
    /// </summary>
    public static string Html(Table table) => Grid(table).Html();

    /// <summary>
    /// The HTML shown for a tensor: rank, shape and dtype, then its values — a scalar as a number,
    /// a rank-1 tensor as a row, a rank-2 tensor as a table, higher ranks as their first (…, rows, columns) slice.
    /// </summary>
    public static string Html(torch.Tensor tensor) => Grid(tensor).Html();

    /// <summary>Whether <paramref name="value"/> is of a type these formatters show.</summary>
    internal static bool HasFormatter(object value)
        => value is Matrix<double> or Vector<double> or torch.Tensor or Table;

    private static void Register<T>(Func<T, CellGrid> grid)
    {
        Formatter.Register<T>((value, writer) => writer.Write(grid(value).Html()), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(grid(value).Text()), PlainTextFormatter.MimeType);
    }

    private static CellGrid Grid(Matrix<double> matrix) =>
        CellGrid.Numbers($"Matrix {ErrorMessage.FormatShape(matrix.RowCount, matrix.ColumnCount)}, float64",
            matrix.RowCount, matrix.ColumnCount, (i, j) => matrix[i, j]);

    private static CellGrid Grid(Vector<double> vector) =>
        CellGrid.Numbers($"Vector {ErrorMessage.FormatShape(vector.Count)}, float64",
            1, vector.Count, (_, j) => vector[j]);

    private static CellGrid Grid(Table table) =>
        new($"Table {table.RowCount} rows × {table.Columns.Count} columns", table.RowCount,
            table.Columns.Select(c => $"{c.Name} ({c.Kind})").ToArray(),
            (i, j) => Table.CellText(table.Columns[j], i));

    private static CellGrid Grid(torch.Tensor tensor)
    {
        string caption = $"Tensor rank {tensor.dim()}, shape {ErrorMessage.FormatShape(tensor.shape)}, {tensor.dtype}";
        using var scope = torch.NewDisposeScope();
        torch.Tensor values = tensor.detach().cpu().to_type(torch.float64);
        switch (values.dim())
        {
            case 0:
                return CellGrid.Scalar(caption, values.item<double>());
            case 1:
                double[] row = values.data<double>().ToArray();
                return CellGrid.Numbers(caption, 1, row.Length, (_, j) => row[j]);
            default:
                while (values.dim() > 2)
                {
                    values = values[0];
                }
                string sliceNote = tensor.dim() > 2
                    ? $"; showing [{string.Join(", ", Enumerable.Repeat("0", (int)tensor.dim() - 2))}, :, :]" : "";
                int rows = (int)values.shape[0];
                int columns = (int)values.shape[1];
                double[] data = values.contiguous().data<double>().ToArray();
                return CellGrid.Numbers(caption + sliceNote, rows, columns, (i, j) => data[i * columns + j]);
        }
    }
}
