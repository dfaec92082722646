using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using MLCourse.Data.Tables;
using MLCourse.Errors;
using TorchSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// Notebook display of the library's types: a matrix, vector or tensor shows its shape, dtype
/// and values as a table; a Plotly chart shows as an interactive chart.
/// </summary>
/// <remarks>Registered by <see cref="Course.Load"/> (day 01); day 02 shows each of them.</remarks>
public static class Formatters
{
    /// <summary>Registers the HTML formatters with .NET Interactive.</summary>
    public static void Register()
    {
        Formatter.Register<Matrix<double>>((m, writer) => writer.Write(Html(m)), HtmlFormatter.MimeType);
        Formatter.Register<Vector<double>>((v, writer) => writer.Write(Html(v)), HtmlFormatter.MimeType);
        Formatter.Register<torch.Tensor>((t, writer) => writer.Write(Html(t)), HtmlFormatter.MimeType);
        Formatter.Register<Table>((t, writer) => writer.Write(Html(t)), HtmlFormatter.MimeType);
        ChartFormatter.Register();
    }

    /// <summary>The HTML shown for a matrix: "Matrix (rows, columns), float64" and its values.</summary>
    public static string Html(Matrix<double> matrix) =>
        TableHtml.Render($"Matrix {ErrorMessage.FormatShape(matrix.RowCount, matrix.ColumnCount)}, float64",
            matrix.RowCount, matrix.ColumnCount, (i, j) => matrix[i, j]);

    /// <summary>The HTML shown for a vector: one row of values.</summary>
    public static string Html(Vector<double> vector) =>
        TableHtml.Render($"Vector {ErrorMessage.FormatShape(vector.Count)}, float64", 1, vector.Count, (_, j) => vector[j]);

    /// <summary>The HTML shown for a table: its size, each column's name and kind, and its rows; missing values show as "NaN"/"None" like pandas.</summary>
    public static string Html(Table table) =>
        TableHtml.Render($"Table {table.RowCount} rows × {table.Columns.Count} columns", table.RowCount,
            table.Columns.Select(c => $"{c.Name} ({c.Kind})").ToArray(),
            (i, j) => Cell(table.Columns[j], i));

    private static string Cell(TableColumn column, int row) => column.Values[row] switch
    {
        null => column.Kind is ColumnKind.Number or ColumnKind.Integer ? "NaN" : "None",
        double d => d.ToString("G8", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// The HTML shown for a tensor: rank, shape and dtype, then its values — a scalar as a number,
    /// a rank-1 tensor as a row, a rank-2 tensor as a table, higher ranks as their first (…, rows, columns) slice.
    /// </summary>
    public static string Html(torch.Tensor tensor)
    {
        string caption = $"Tensor rank {tensor.dim()}, shape {ErrorMessage.FormatShape(tensor.shape)}, {tensor.dtype}";
        using var scope = torch.NewDisposeScope();
        torch.Tensor values = tensor.detach().cpu().to_type(torch.float64);
        switch (values.dim())
        {
            case 0:
                return $"<div>{caption}: {values.item<double>().ToString("G8", CultureInfo.InvariantCulture)}</div>";
            case 1:
                double[] row = values.data<double>().ToArray();
                return TableHtml.Render(caption, 1, row.Length, (_, j) => row[j]);
            default:
                while (values.dim() > 2)
                {
                    values = values[0];
                }
                string sliceNote = tensor.dim() > 2 ? $"; showing [{string.Join(", ", Enumerable.Repeat("0", (int)tensor.dim() - 2))}, :, :]" : "";
                int rows = (int)values.shape[0];
                int columns = (int)values.shape[1];
                double[] data = values.contiguous().data<double>().ToArray();
                return TableHtml.Render(caption + sliceNote, rows, columns, (i, j) => data[i * columns + j]);
        }
    }
}
