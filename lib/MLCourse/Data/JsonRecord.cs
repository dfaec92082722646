using System.Globalization;
using System.Text.Json;

namespace MLCourse.Data;

/// <summary>
/// Typed access to one object of a JSON array of records; a missing or mistyped required field is
/// an error naming the file, the record and the field. JSON <c>null</c> reads as a missing value.
/// </summary>
internal readonly record struct JsonRecord(JsonElement Element, string File, int Index)
{
    public string Text(string field) => OptionalText(field) ?? throw Missing(field, "text");

    public string? OptionalText(string field) =>
        Value(field) is { } value ? value.ValueKind == JsonValueKind.String
            ? value.GetString() : throw Mistyped(field, "text", value) : null;

    public double Number(string field) => OptionalNumber(field) ?? throw Missing(field, "a number");

    public double? OptionalNumber(string field) =>
        Value(field) is { } value ? value.ValueKind == JsonValueKind.Number
            ? value.GetDouble() : throw Mistyped(field, "a number", value) : null;

    public DateOnly Date(string field)
    {
        string text = Text(field);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw Mistyped(field, "a date (yyyy-MM-dd)", Element.GetProperty(field));
    }

    private JsonElement? Value(string field) =>
        Element.TryGetProperty(field, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private FormatException Missing(string field, string expected) =>
        new($"Datasets: {File}, record {Index}: field '{field}' should be {expected}, but is missing.");

    private FormatException Mistyped(string field, string expected, JsonElement actual) =>
        new($"Datasets: {File}, record {Index}: field '{field}' should be {expected}, but is {actual.GetRawText()}.");
}
