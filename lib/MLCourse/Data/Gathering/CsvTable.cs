using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Data.Gathering;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="Table"/> — the counterpart of pandas'
/// <c>read_csv</c>, with its <c>dtype</c> parameter as <c>dtypes</c> (e.g. a float
/// column read as Integer, a text column as Category, a date column as Date).
/// </summary>
/// <remarks>
/// Parsing is CsvHelper's RFC 4180 parser (quotes, embedded commas and newlines). A row with a
/// different number of fields from the header is an error naming the file and line; no row is
/// ever dropped. Introduced in notebook day 03 (data gathering).
/// </remarks>
public static class CsvTable
{
    private const string Component = "CsvTable";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">A comma-separated file whose first row names the columns.</param>
    /// <param name="dtypes">Kinds for some columns by name; the others are inferred (Integer, Number or Text).</param>
    /// <exception cref="FormatException">A malformed row or a value of the wrong kind; the message names file and line.</exception>
    /// <exception cref="ArgumentException"><paramref name="dtypes"/> names a column the file does not have.</exception>
    public static Table Read(string path, IReadOnlyDictionary<string, ColumnKind>? dtypes = null)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!parser.Read())
        {
            throw ErrorMessage.BadRow(Component, path, 1, "the file is empty; expected a header row");
        }
        string[] header = parser.Record!;
        var cells = header.Select(_ => new List<string?>()).ToArray();
        var lines = new List<long>();
        while (parser.Read())
        {
            string[] record = parser.Record!;
            long line = parser.RawRow;
            if (record.Length != header.Length)
            {
                throw ErrorMessage.BadRow(Component, path, line, $"expected {header.Length} fields, found {record.Length}");
            }
            for (int j = 0; j < record.Length; j++)
            {
                cells[j].Add(record[j]);
            }
            lines.Add(line);
        }
        RequireKnown(dtypes, header, path);
        return new Table(header.Select((name, j) => TextColumn.Build(
            name, cells[j], dtypes is not null && dtypes.TryGetValue(name, out ColumnKind kind) ? kind : null, i => $"{Component}: {path}, line {lines[i]}")).ToArray());
    }

    private static void RequireKnown(IReadOnlyDictionary<string, ColumnKind>? dtypes, string[] header, string path)
    {
        string? unknown = dtypes?.Keys.FirstOrDefault(k => !header.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"{Component}: dtypes names column '{unknown}', but {path} has only {string.Join(", ", header.Select(h => $"'{h}'"))}.", nameof(dtypes));
        }
    }
}
