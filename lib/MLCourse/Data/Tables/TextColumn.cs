using System.Globalization;
using System.Numerics;
using MLCourse.Errors;

namespace MLCourse.Data.Tables;

/// <summary>
/// Turns a column of raw text (from a CSV file, an HTML table, …) into a typed <see cref="TableColumn"/>,
/// the way pandas' <c>read_csv</c> does: an empty field is missing; without a requested kind the
/// column is Integer if every value is a whole number, else Number if every value is a number,
/// else Text — dates stay text until asked for (pandas' <c>parse_dates</c>, the notes' "Dates → by
/// default its strings"). A requested kind (pandas' <c>dtype</c>) converts every value or fails.
/// </summary>
/// <remarks>
/// The readers never change data without a word: where pandas must choose silently, the reader refuses with a
/// <see cref="FormatException"/> naming file, line and value, and the message says which choice (a
/// <c>dtypes</c> entry, a delimiter) accepts the data. A number beyond ±1.8e308 is always refused (pandas makes it
/// ∞); a whole number beyond Int64 that a double would round (a 20-digit id) is refused unless the column is
/// asked for as Number (accept the rounding) or Text (keep the digits); pandas rounds it silently.
/// </remarks>
internal static class TextColumn
{
    /// <summary>Builds the column.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="raw">The values as text; null or empty where missing.</param>
    /// <param name="kind">The requested kind, or null to infer it.</param>
    /// <param name="where">Describes row i for error messages, e.g. "file.csv, line 7".</param>
    /// <exception cref="FormatException">A value cannot be read as the requested kind; the message says
    /// where.</exception>
    public static TableColumn Build(string name, IReadOnlyList<string?> raw, ColumnKind? kind, Func<int, string> where)
    {
        string?[] values = raw.Select(v => string.IsNullOrEmpty(v) ? null : v).ToArray();
        ColumnKind resolved = kind ?? Infer(values);
        var typed = new object?[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } text)
            {
                typed[i] = Parse(text, resolved)
                    ?? throw ErrorMessage.MustInFile(where(i), $"column '{name}'", $"hold {Describe(resolved)}",
                        $"has '{text}'");
                if (resolved == ColumnKind.Number)
                {
                    RequireExact(name, text, (double)typed[i]!, asked: kind is not null, where(i));
                }
            }
        }
        return new TableColumn(name, resolved, typed);
    }

    /// <summary>
    /// Throws unless every name is non-empty and distinct; <paramref name="where"/> names the component and file
    /// (and line or table), e.g. "CsvTable: data.csv, line 1".
    /// </summary>
    public static void RequireNames(string where, IReadOnlyList<string> names)
    {
        int empty = names.ToList().FindIndex(string.IsNullOrWhiteSpace);
        if (empty >= 0)
        {
            throw ErrorMessage.MustInFile(where, "every column", "have a name",
                $"column {empty} has none (pandas would call it 'Unnamed: {empty}'); name it in the file");
        }
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw ErrorMessage.MustInFile(where, "column names", "be distinct",
                $"'{repeated.Key}' names {repeated.Count()} columns (pandas would rename them '{repeated.Key}.1', …)");
        }
    }

    // A number the double changed: beyond ±1.8e308 it became ∞ (always refused), or a whole number beyond
    // Int64 was rounded (refused unless Number was asked for).
    private static void RequireExact(string name, string text, double value, bool asked, string where)
    {
        if (double.IsInfinity(value) && !IsInfinityWord(text))
        {
            throw ErrorMessage.MustInFile(where, $"column '{name}'",
                "hold numbers within ±1.8e308 (the largest double; a larger one would become ∞)",
                $"has '{Shorten(text)}'; read the column as Text (dtypes) to keep it");
        }
        if (!asked && IsWholeNumber(text) && BigInteger.Parse(text, CultureInfo.InvariantCulture)
            != new BigInteger(value))
        {
            throw ErrorMessage.MustInFile(where, $"column '{name}'",
                "hold whole numbers a double keeps exactly, or within Int64 (±9.2e18)",
                $"has '{Shorten(text)}', which as a Number would round to {value:R}; read the column as Text "
                + "(dtypes) to keep the digits, or as Number to accept the rounding");
        }
    }

    // "Infinity", "-Infinity" (any case): ∞ written out, which .NET parses; pandas' "inf" is not a .NET number.
    private static bool IsInfinityWord(string text) =>
        text.Trim().TrimStart('+', '-').Equals("Infinity", StringComparison.OrdinalIgnoreCase);

    private static bool IsWholeNumber(string text)
    {
        string digits = text.Trim().TrimStart('+', '-');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && text.Trim().Length - digits.Length <= 1;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";

    private static ColumnKind Infer(string?[] values)
    {
        var present = values.OfType<string>().ToArray();
        if (present.Length > 0 && present.All(v => Parse(v, ColumnKind.Integer) is not null))
        {
            return ColumnKind.Integer;
        }
        return present.Length > 0
            && present.All(v => Parse(v, ColumnKind.Number) is not null) ? ColumnKind.Number : ColumnKind.Text;
    }

    /// <summary>The value of <paramref name="text"/> as <paramref name="kind"/>, or null when it is not one.</summary>
    public static object? Parse(string text, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out long l) ? l : null,
        ColumnKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            ? d : null,
        ColumnKind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : null,
        ColumnKind.DateTime => DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out DateTime time) ? time : null,
        _ => text,
    };

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "whole numbers (Integer)",
        ColumnKind.Number => "numbers (Number)",
        ColumnKind.Date => "dates yyyy-MM-dd (Date)",
        ColumnKind.DateTime => "ISO 8601 date-times (DateTime)",
        _ => $"text ({kind})",
    };
}
