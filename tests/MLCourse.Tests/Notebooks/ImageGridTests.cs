using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;
using TorchSharp;

namespace MLCourse.Tests.Notebooks;

public class ImageGridTests
{
    // Image k has every pixel equal to k + 1, so each image's block in the grid can be found by value.
    private static List<Matrix<double>> Images(int count, int size) =>
        Enumerable.Range(0, count).Select(k => Matrix<double>.Build.Dense(size, size, k + 1.0)).ToList();

    private static double?[][] Z(JsonElement heatmap) =>
        heatmap.GetProperty("z").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())
            .ToArray();

    [Fact]
    public void Seven_28x28_images_in_rows_of_four_are_laid_out_with_blank_gaps()
    {
        var chart = Charts.ImageGrid("seven images", Images(7, 28), 4);

        double?[][] z = Z(Assert.Single(ChartJson.Traces(chart)));
        const int gap = 3;
        Assert.Equal(2 * 28 + gap, z.Length);
        Assert.Equal(4 * 28 + 3 * gap, z[0].Length);
        // Each image's top-left pixel holds its value; the cell after the 7th image is empty.
        for (int k = 0; k < 7; k++)
        {
            Assert.Equal(k + 1, z[k / 4 * (28 + gap)][k % 4 * (28 + gap)]);
        }
        Assert.Null(z[28 + gap][3 * (28 + gap)]);
        // Gaps: the rows and columns between images hold no value.
        Assert.All(Enumerable.Range(28, gap), r => Assert.All(z[r], v => Assert.Null(v)));
        Assert.All(z, row => Assert.All(Enumerable.Range(28, gap), c => Assert.Null(row[c])));
        Assert.Equal(7 * 28 * 28, z.Sum(row => row.Count(v => v is not null)));
    }

    [Fact]
    public void Images_are_drawn_at_least_56_screen_pixels_wide_on_a_grey_scale()
    {
        foreach (int size in new[] { 8, 14, 28 })
        {
            var layout = ChartJson.Layout(Charts.ImageGrid($"{size}×{size}", Images(3, size), 3));
            var margin = layout.GetProperty("margin");
            double plotHeight = layout.GetProperty("height").GetDouble() - margin.GetProperty("t").GetDouble() - margin.GetProperty("b").GetDouble();
            double rows = ChartJson.Doubles(layout.GetProperty("yaxis").GetProperty("range"))[0] + 0.5;
            Assert.True(plotHeight / rows * size >= 56, $"{size}×{size}: {plotHeight / rows * size} px per image");
            Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());   // square pixels
        }
        var heatmap = ChartJson.Traces(Charts.ImageGrid("digits", Images(2, 8), 2))[0];
        Assert.Equal(1, heatmap.GetProperty("zmin").GetDouble());
        Assert.Equal(2, heatmap.GetProperty("zmax").GetDouble());
        Assert.Equal("rgb(0,0,0)", heatmap.GetProperty("colorscale")[0][1].GetString());
        Assert.False(heatmap.GetProperty("showscale").GetBoolean());
    }

    [Fact]
    public void Row_and_column_labels_sit_at_the_centre_of_each_image_and_pixel_indices_are_hidden()
    {
        var chart = Charts.ImageGrid("labelled", Images(6, 8), 3,
            rowLabels: ["clean", "noisy"], columnLabels: ["t = 0", "t = 10", "t = 20"]);

        var layout = ChartJson.Layout(chart);
        var x = layout.GetProperty("xaxis");
        var y = layout.GetProperty("yaxis");
        Assert.Equal(["t = 0", "t = 10", "t = 20"], ChartJson.Strings(x.GetProperty("ticktext")));
        Assert.Equal([3.5, 12.5, 21.5], ChartJson.Doubles(x.GetProperty("tickvals")));   // 8 pixels + 1 gap per image
        Assert.Equal(["clean", "noisy"], ChartJson.Strings(y.GetProperty("ticktext")));
        Assert.Equal([3.5, 12.5], ChartJson.Doubles(y.GetProperty("tickvals")));
        Assert.False(x.GetProperty("showgrid").GetBoolean());

        var unlabelled = ChartJson.Layout(Charts.ImageGrid("no labels", Images(6, 8), 3));
        Assert.False(unlabelled.GetProperty("xaxis").GetProperty("showticklabels").GetBoolean());
        Assert.False(unlabelled.GetProperty("yaxis").GetProperty("showticklabels").GetBoolean());
    }

    [Fact]
    public void Pixel_rows_and_tensors_give_the_same_grid_as_matrices()
    {
        var matrices = Enumerable.Range(0, 3).Select(k => Matrix<double>.Build.Dense(4, 5, (i, j) => k * 100 + i * 5 + j)).ToList();
        double[][] rows = matrices.Select(m => m.ToRowMajorArray()).ToArray();
        using var scope = torch.NewDisposeScope();
        var batch = torch.tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), [3, 1, 4, 5]);   // (N, 1, H, W)

        string expected = Z(ChartJson.Traces(Charts.ImageGrid("m", matrices, 2))[0]).SelectMany(r => r).Aggregate("", (s, v) => s + v + ",");
        foreach (var chart in new[]
        {
            Charts.ImageGrid("rows", rows, 4, 5, 2),
            Charts.ImageGrid("floats", rows.Select(r => r.Select(v => (float)v).ToArray()).ToArray(), 4, 5, 2),
            Charts.ImageGrid("tensor", batch, 2),
            Charts.ImageGrid("tensor", batch.squeeze(1), 2),
        })
        {
            Assert.Equal(expected, Z(ChartJson.Traces(chart)[0]).SelectMany(r => r).Aggregate("", (s, v) => s + v + ","));
        }
    }

    [Fact]
    public void Wrong_shapes_and_label_counts_are_named()
    {
        var mixed = new List<Matrix<double>> { Matrix<double>.Build.Dense(8, 8), Matrix<double>.Build.Dense(28, 28) };
        Assert.Equal("Charts.ImageGrid: images[1] must have shape (8, 8) like images[0], but has shape (28, 28). (Parameter 'images[1]')",
            Assert.Throws<ArgumentException>(() => Charts.ImageGrid("t", mixed, 2)).Message);
        Assert.Equal("Charts.ImageGrid: columnLabels must have shape (3,), but has shape (2,). (Parameter 'columnLabels')",
            Assert.Throws<ArgumentException>(() => Charts.ImageGrid("t", Images(3, 8), 3, columnLabels: ["a", "b"])).Message);
        Assert.Equal("Charts.ImageGrid: images[0] must have shape (64,) = height × width, but has shape (63,). (Parameter 'images[0]')",
            Assert.Throws<ArgumentException>(() => Charts.ImageGrid("t", [new double[63]], 8, 8, 1)).Message);
        using var scope = torch.NewDisposeScope();
        Assert.Equal("Charts.ImageGrid: images must have shape (N, 1, H, W) or (N, H, W), but has shape (2, 3, 8, 8). (Parameter 'images')",
            Assert.Throws<ArgumentException>(() => Charts.ImageGrid("t", torch.zeros(2, 3, 8, 8), 2)).Message);
    }
}
