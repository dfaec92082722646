using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Data.Gathering;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="Table"/> — the counterpart of pandas'
/// <c>read_csv</c>, with its <c>dtype</c> parameter as <c>dtypes</c> (e.g. a float
/// column read as Integer, a text column as Category, a date column as Date), <c>sep</c> as
/// <c>delimiter</c> and <c>na_values</c> as <c>naValues</c>.
/// </summary>
/// <remarks>
/// Parsing is CsvHelper's RFC 4180 parser (quotes, embedded commas and newlines). A row with a
/// different number of fields from the header, or a quote that is never closed, is a
/// <see cref="FormatException"/> naming the file and line; no row is ever dropped.
/// Missing values: an empty field, and a field that is exactly one of <see cref="DefaultNaValues"/>
/// (pandas' default <c>na_values</c>: <c>NA</c>, <c>NaN</c>, <c>null</c>, <c>N/A</c>, …), is
/// missing (null), so a <c>NaN</c> in the file never becomes a NaN number. Pass
/// <c>naValues</c> to use other markers instead (pandas' <c>keep_default_na=False</c> plus
/// <c>na_values</c>); an empty field is always missing. Where pandas would change data without a word the
/// reader refuses, naming file and line, and says which option accepts the data: a number beyond ±1.8e308
/// (pandas: ∞), a whole number a double would round such as a 20-digit id (read it as Text or Number with
/// <c>dtypes</c>), an empty or repeated column name (pandas: "Unnamed: 2", "a.1"), a header that looks separated
/// by ';', a tab or '|' while no delimiter was given (pandas: one text column). See docs/hostile-input.md.
/// Introduced in notebook day 03 (data gathering).
/// </remarks>
public static class CsvTable
{
    private const string Component = "CsvTable";

    /// <summary>
    /// pandas' default <c>na_values</c>: the texts read as missing unless <c>naValues</c> says otherwise.
    /// </summary>
    public static IReadOnlySet<string> DefaultNaValues { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">A delimited text file whose first row names the columns.</param>
    /// <param name="dtypes">Kinds for some columns by name; the others are inferred (Integer, Number or Text).</param>
    /// <param name="delimiter">The field separator: ',', ';' (spreadsheets in many European locales), '\t', ….
    /// When omitted it is ',', and a header that is one field holding a ';', a tab or a '|' is refused, naming
    /// the separator to pass (pandas would read one text column without a word); pass ',' to mean one column.
    /// </param>
    /// <param name="naValues">The texts that mean "missing"; null for <see cref="DefaultNaValues"/>.</param>
    /// <exception cref="FormatException">A malformed row, an unclosed quote, or a value of the wrong kind; the message
    /// names file and line.</exception>
    /// <exception cref="FormatException">Also: a header column without a name, two columns of the same name, a
    /// header that looks separated by another delimiter than the default, a number beyond ±1.8e308, or a whole
    /// number a double would round (see the remarks of the readers' shared column typing).</exception>
    /// <exception cref="ArgumentException"><paramref name="dtypes"/> names a column the file does not have, or the
    /// delimiter is a quote or line break.</exception>
    public static Table Read(string path, IReadOnlyDictionary<string, ColumnKind>? dtypes = null,
        char? delimiter = null, IReadOnlyCollection<string>? naValues = null)
    {
        Require.NotNull(Component, nameof(path), path);
        char separator = delimiter ?? ',';
        if (separator is '"' or '\n' or '\r')
        {
            throw ErrorMessage.OutOfRange(Component, nameof(delimiter),
                "a character other than a quote or a line break", $"'{separator}'");
        }
        var missing = naValues is null ? DefaultNaValues : new HashSet<string>(naValues, StringComparer.Ordinal) { "" };
        using var reader = new StreamReader(path);
        long recordStart = 1;   // the line the record being parsed starts on
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separator.ToString(),
            BadDataFound = args => throw ErrorMessage.BadRow(Component, path, recordStart,
                "a quoted field is not closed properly (expected a closing \" before the next "
                + $"{Describe(separator)} or the end of the line), in {Shorten(args.Field)}"),
        };
        using var parser = new CsvParser(reader, configuration);
        string[] header = Next(parser, path, ref recordStart)
            ?? throw ErrorMessage.BadRow(Component, path, 1, "the file is empty; expected a header row");
        if (delimiter is null && header.Length == 1 && "\t;|".FirstOrDefault(header[0].Contains) is var other
            && other != default)
        {
            throw ErrorMessage.BadRow(Component, path, 1, $"the header {Shorten(header[0])} is one field holding "
                + $"{Describe(other)}s; pass delimiter: '{(other == '\t' ? "\\t" : other.ToString())}' to split "
                + "at them, or delimiter: ',' to read one column");
        }
        TextColumn.RequireNames($"{Component}: {path}, line 1", header);
        var cells = header.Select(_ => new List<string?>()).ToArray();
        var lines = new List<long>();
        while (true)
        {
            long line = recordStart;
            if (Next(parser, path, ref recordStart) is not { } record)
            {
                break;
            }
            if (record.Length != header.Length)
            {
                throw ErrorMessage.BadRow(Component, path, line,
                    $"expected {header.Length} fields, found {record.Length}");
            }
            for (int j = 0; j < record.Length; j++)
            {
                cells[j].Add(missing.Contains(record[j]) ? null : record[j]);
            }
            lines.Add(line);
        }
        RequireKnown(dtypes, header, path);
        return new Table(header.Select((name, j) => TextColumn.Build(
            name, cells[j], dtypes is not null && dtypes.TryGetValue(name, out ColumnKind kind) ? kind : null, i
                => $"{Component}: {path}, line {lines[i]}")).ToArray());
    }

    // The next record, or null at the end; an unclosed quote at the end of the file is CsvHelper's
    // own exception, turned into ours with the line its record starts on.
    private static string[]? Next(CsvParser parser, string path, ref long recordStart)
    {
        try
        {
            if (!parser.Read())
            {
                return null;
            }
        }
        catch (CsvHelperException e) when (e is not BadDataException)
        {
            throw ErrorMessage.BadRow(Component, path, recordStart, $"not valid CSV ({e.GetType().Name})");
        }
        catch (BadDataException)
        {
            throw ErrorMessage.BadRow(Component, path, recordStart, "a quoted field is not closed");
        }
        string[] record = parser.Record!;
        recordStart = parser.RawRow + 1;
        return record;
    }

    private static string Describe(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "bar",
        _ => $"'{delimiter}'",
    };

    private static string Shorten(string field) => field.Length <= 40 ? $"'{field}'" : $"'{field[..40]}…'";

    private static void RequireKnown(IReadOnlyDictionary<string, ColumnKind>? dtypes, string[] header, string path)
    {
        string? unknown = dtypes?.Keys.FirstOrDefault(k => !header.Contains(k));
        if (unknown is not null)
        {
            throw ErrorMessage.UnknownValue(Component, nameof(dtypes), $"an unknown column '{unknown}'",
                $"columns of {path}",
                header);
        }
    }
}
