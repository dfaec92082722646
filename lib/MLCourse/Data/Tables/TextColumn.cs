using System.Globalization;
using MLCourse.Errors;

namespace MLCourse.Data.Tables;

/// <summary>
/// Turns a column of raw text (from a CSV file, an HTML table, …) into a typed <see cref="TableColumn"/>,
/// the way pandas' <c>read_csv</c> does: an empty field is missing; without a requested kind the
/// column is Integer if every value is a whole number, else Number if every value is a number,
/// else Text — dates stay text until asked for (pandas' <c>parse_dates</c>, the notes' "Dates → by
/// default its strings"). A requested kind (pandas' <c>dtype</c>) converts every value or fails.
/// </summary>
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
            }
        }
        return new TableColumn(name, resolved, typed);
    }

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
