using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Preprocessing;
using Xunit.Abstractions;

namespace MLCourse.Tests.Preprocessing;

/// <summary>
/// k-means bin edges against scikit-learn 1.2.1 on real columns of the course's data sets: the
/// fixture <c>Fixtures/kbins_kmeans.json</c> was written by <c>Fixtures/make_kbins_fixture.py</c>
/// with Debian's python3-sklearn; this class reads the same columns the same way.
/// </summary>
public class KBinsKMeansFixtureTests(ITestOutputHelper output)
{
    private sealed record Case(string File, JsonElement Column, int Bins, int Rows, double[] Edges);

    private sealed record Fixture(string Sklearn, Case[] Cases);

    private static readonly Fixture Reference = JsonSerializer.Deserialize<Fixture>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Preprocessing", "Fixtures", "kbins_kmeans.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    // As make_kbins_fixture.py's read_column: CSV by index after one header line, JSON by key; missing values left out.
    private static double[] ReadColumn(string file, JsonElement column)
    {
        string path = DatasetDirectory.PathOf(file);
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateArray()
                .Select(r => r.TryGetProperty(column.GetString()!, out JsonElement v) ? v : default)
                .Where(v => v.ValueKind == JsonValueKind.Number)
                .Select(v => v.GetDouble()).ToArray();
        }
        int index = column.GetInt32();
        return File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[index])
            .Where(f => f.Length > 0).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void KMeans_edges_equal_scikit_learns_on_every_column_and_bin_count()
    {
        Assert.Equal("1.2.1", Reference.Sklearn);
        Assert.True(Reference.Cases.Length > 200);
        var differing = new List<string>();
        int exact = 0;
        foreach (Case c in Reference.Cases)
        {
            double[] values = ReadColumn(c.File, c.Column);
            Assert.Equal(c.Rows, values.Length);
            double[] edges = new KBinsDiscretizer(c.Bins, BinStrategy.KMeans, BinEncoding.Ordinal)
                .Fit(Matrix<double>.Build.DenseOfColumnArrays(values)).BinEdges[0];
            double scale = Math.Max(1, c.Edges.Max(Math.Abs));
            if (edges.Length != c.Edges.Length || edges.Zip(c.Edges).Any(p => Math.Abs(p.First - p.Second) > 1e-12 * scale))
            {
                differing.Add($"{c.File} {c.Column} bins={c.Bins}: ours [{string.Join(", ", edges)}], scikit-learn [{string.Join(", ", c.Edges)}]");
            }
            else if (edges.SequenceEqual(c.Edges))
            {
                exact++;
            }
        }
        output.WriteLine($"{Reference.Cases.Length - differing.Count} of {Reference.Cases.Length} column/bins pairs agree ({exact} bit for bit).");
        Assert.True(differing.Count == 0, string.Join(Environment.NewLine, differing));
    }
}
