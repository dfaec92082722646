using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;
using MLCourse.Errors;

namespace MLCourse.Data;

/// <summary>
/// Reads a comma-separated file (optionally gzip-compressed) without a header into rows, with
/// CsvHelper's RFC 4180 parser (the same as <see cref="Gathering.CsvTable"/>), and checks that every row has the
/// expected number of
/// fields. A malformed row is an error naming the file and line; no row is ever dropped.
/// </summary>
internal sealed class DelimitedFile
{
    private const string Component = "Datasets";

    private DelimitedFile(IReadOnlyList<Row> rows) => Rows = rows;

    /// <summary>Every row after the skipped header lines, in file order.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>One row of fields with its 1-based line number in the file.</summary>
    public sealed record Row(long Line, string[] Fields, string File)
    {
        /// <summary>Field <paramref name="index"/> as a double (invariant culture).</summary>
        /// <exception cref="FormatException">Not a number, or beyond ±1.8e308 (it would become ∞).</exception>
        public double Number(int index) =>
            !double.TryParse(Field(index), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? throw ErrorMessage.BadRow(Component, File, Line,
                    $"field {index + 1} should be a number, but is '{Fields[index]}'")
                : double.IsInfinity(value) ? throw ErrorMessage.BadRow(Component, File, Line,
                    $"field {index + 1} should be a number within ±1.8e308 (beyond, it would become ∞), "
                    + $"but is '{Fields[index]}'")
                : value;

        private string Field(int index) => index >= 0 && index < Fields.Length ? Fields[index]
            : throw ErrorMessage.OutOfRange(Component, nameof(index),
                $"a field number between 0 and {Fields.Length - 1} ({File}, line {Line})", index);

        /// <summary>Field <paramref name="index"/> as an integer.</summary>
        public int Integer(int index) =>
            int.TryParse(Field(index), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw ErrorMessage.BadRow(Component, File, Line,
                    $"field {index + 1} should be an integer, but is '{Fields[index]}'");

        /// <summary>Field <paramref name="index"/> as an ISO 8601 date (yyyy-MM-dd).</summary>
        public DateOnly Date(int index) =>
            DateOnly.TryParseExact(Field(index), "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly value)
                ? value
                : throw ErrorMessage.BadRow(Component, File, Line,
                    $"field {index + 1} should be a date (yyyy-MM-dd), but is '{Fields[index]}'");
    }

    /// <summary>Reads <paramref name="path"/>, skipping <paramref name="headerLines"/> lines.</summary>
    /// <exception cref="FormatException">A row does not have <paramref name="fieldCount"/> fields, or is not valid
    /// CSV.</exception>
    public static DelimitedFile Read(string path, int headerLines, int fieldCount)
    {
        var rows = new List<Row>();
        foreach ((long line, string[] fields) in Records(path))
        {
            if (line <= headerLines)
            {
                continue;
            }
            if (fields.Length != fieldCount)
            {
                throw ErrorMessage.BadRow(Component, path, line,
                    $"expected {fieldCount} fields, found {fields.Length}");
            }
            rows.Add(new Row(line, fields, path));
        }
        return new DelimitedFile(rows);
    }

    /// <summary>The fields of the first line of <paramref name="path"/>.</summary>
    public static string[] FirstLine(string path) => Records(path).Select(r => r.Fields).FirstOrDefault() ?? [];

    // Each record with the line it starts on. Unbalanced quotes are CsvHelper's "bad data".
    private static IEnumerable<(long Line, string[] Fields)> Records(string path)
    {
        using Stream stream = Open(path);
        using var reader = new StreamReader(stream);
        long line = 1;   // where the current record starts
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = _ => throw ErrorMessage.BadRow(Component, path, line, "not valid CSV (unbalanced quotes?)"),
        };
        using var parser = new CsvParser(reader, configuration);
        while (parser.Read())
        {
            yield return (line, parser.Record!);
            line = parser.RawRow + 1;
        }
    }

    private static Stream Open(string path)
    {
        Stream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
