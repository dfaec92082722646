using System.Globalization;
using System.Text.Json;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Data.Gathering;

/// <summary>
/// Reads a JSON array of records (objects) into a <see cref="Table"/> — the counterpart of pandas'
/// <c>read_json(orient='records')</c>. An API's response is usually such an array, often under a
/// property of the payload (<c>recordsProperty</c>).
/// </summary>
/// <remarks>
/// Columns are the records' properties in order of first appearance; a property a record lacks,
/// or JSON <c>null</c>, is missing. A column of JSON numbers is Integer when every one is whole,
/// else Number; anything else is Text (nested objects and arrays keep their JSON text, so nothing
/// is dropped). <c>dtypes</c> converts columns as in <see cref="CsvTable"/>. Introduced in
/// notebook day 03 (data gathering).
/// </remarks>
public static class JsonTable
{
    private const string Component = "JsonTable";

    /// <summary>Reads the records of the JSON file at <paramref name="path"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="recordsProperty">The top-level property holding the array, or null when
    /// the file is the array.</param>
    /// <param name="dtypes">Kinds for some columns by name.</param>
    /// <exception cref="FormatException">The file is not valid JSON (the message gives the line), the array or a
    /// record is missing, a record has a key twice (System.Text.Json would keep both; pandas keeps the last), a
    /// key is empty, a value is of the wrong kind, a number is beyond ±1.8e308, or a whole number a double would
    /// round (as in <see cref="CsvTable"/>); the message says where.</exception>
    /// <exception cref="ArgumentException"><paramref name="dtypes"/> names a column no record has.</exception>
    public static Table Read(string path, string? recordsProperty = null,
        IReadOnlyDictionary<string, ColumnKind>? dtypes = null)
    {
        Require.NotNull(Component, nameof(path), path);
        using JsonDocument document = Parse(path);
        JsonElement records = document.RootElement;
        if (recordsProperty is not null
            && !(records.ValueKind == JsonValueKind.Object && records.TryGetProperty(recordsProperty, out records)))
        {
            throw ErrorMessage.MustInFile($"{Component}: {path}", "the top level",
                $"be an object with a property '{recordsProperty}'",
                document.RootElement.ValueKind == JsonValueKind.Object
                    ? "is an object without it"
                    : $"is {document.RootElement.ValueKind}");
        }
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw ErrorMessage.MustInFile($"{Component}: {path}",
                recordsProperty is null ? "the top level" : $"property '{recordsProperty}'",
                "be an array of records", $"is {records.ValueKind}");
        }
        var rows = records.EnumerateArray().Select((record, i) => record.ValueKind == JsonValueKind.Object
            ? Fields(record, i, path)
            : throw ErrorMessage.MustInFile($"{Component}: {path}", $"record {i}", "be an object",
                $"is {record.ValueKind}")).ToList();
        var names = rows.SelectMany(r => r.Keys).Distinct().ToList();
        string? unknown = dtypes?.Keys.FirstOrDefault(k => !names.Contains(k));
        if (unknown is not null)
        {
            throw ErrorMessage.UnknownValue(Component, nameof(dtypes), $"an unknown column '{unknown}'",
                $"columns of {path}", names);
        }
        ColumnKind? KindOf(string name) =>
            dtypes is not null && dtypes.TryGetValue(name, out ColumnKind kind) ? kind : null;
        return new Table(names.Select(name => Column(name, rows, KindOf(name), path)).ToArray());
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw ErrorMessage.BadRow(Component, path, (e.LineNumber ?? 0) + 1,
                $"not valid JSON at position {(e.BytePositionInLine ?? 0) + 1} of the line");
        }
    }

    // A record's fields by key; a key given twice or an empty key is refused.
    private static Dictionary<string, JsonElement> Fields(JsonElement record, int index, string path)
    {
        var fields = new Dictionary<string, JsonElement>();
        foreach (JsonProperty property in record.EnumerateObject())
        {
            if (property.Name.Length == 0 || !fields.TryAdd(property.Name, property.Value.Clone()))
            {
                throw ErrorMessage.MustInFile($"{Component}: {path}", $"record {index}",
                    "have distinct, non-empty keys",
                    property.Name.Length == 0 ? "has an empty key" : $"has the key '{property.Name}' twice");
            }
        }
        return fields;
    }

    private static TableColumn Column(
        string name, List<Dictionary<string, JsonElement>> rows, ColumnKind? kind, string path)
    {
        JsonElement? ValueOf(Dictionary<string, JsonElement> row) =>
            row.TryGetValue(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;
        JsonElement?[] values = rows.Select(ValueOf).ToArray();
        bool allNumbers = values.All(v => v is null || v.Value.ValueKind == JsonValueKind.Number);
        if (kind is null && !(allNumbers && values.Any(v => v is not null)))
        {
            kind = ColumnKind.Text;   // strings, objects, arrays, booleans: as text; JSON numbers are typed below
        }
        string?[] text = values.Select(v => v is null ? null : v.Value.ValueKind
            == JsonValueKind.String ? v.Value.GetString() : v.Value.GetRawText()).ToArray();
        return TextColumn.Build(name, text, kind, i => $"{Component}: {path}, record {i}");
    }
}
