using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MLCourse.CourseRunner;

/// <summary>
/// Cell ids, which nbformat 4.5 requires on every cell: 1 to 64 characters of <c>[a-zA-Z0-9-_]</c>,
/// unique within the notebook. A cell keeps its id for life (editors and reviews refer to it), so ids
/// are random once and then committed, never derived from a cell's position.
/// </summary>
public static partial class CellIds
{
    /// <summary>What is wrong with the ids of <paramref name="ids"/> (one entry per cell, null when absent).</summary>
    /// <returns>One message per problem, naming the 1-based cell (markdown and code counted together).</returns>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string?> ids)
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < ids.Count; i++)
        {
            string? id = ids[i];
            if (id is null)
            {
                problems.Add($"cell {i + 1} has no id (nbformat 4.5 requires one; "
                    + "`dotnet run --project tools/MLCourse.CourseRunner -- --write-cell-ids` adds them)");
            }
            else if (!Valid().IsMatch(id))
            {
                problems.Add($"cell {i + 1} has id '{id}', expected 1 to 64 characters of [a-zA-Z0-9-_]");
            }
            else if (!seen.TryAdd(id, i + 1))
            {
                problems.Add($"cell {i + 1} has id '{id}', already the id of cell {seen[id]}");
            }
        }
        return problems;
    }

    /// <summary>Each cell's id in a notebook's JSON (null where a cell has none or it is not a string).</summary>
    public static IReadOnlyList<string?> Read(JsonElement notebook) =>
        notebook.TryGetProperty("cells", out JsonElement cells) && cells.ValueKind == JsonValueKind.Array
            ? cells.EnumerateArray()
                .Select(c => c.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
                .ToList()
            : [];

    /// <summary>
    /// Gives every cell of the notebook at <paramref name="path"/> that has no id a new random one,
    /// changing nothing else in the file: the id line goes in just before the cell's
    /// <c>"metadata"</c> line, where Jupyter's sorted keys put it.
    /// </summary>
    /// <returns>How many ids were added.</returns>
    /// <exception cref="FormatException">The file is not laid out as Jupyter writes notebooks (one-space indent).</exception>
    public static int AddMissing(string path)
    {
        string text = File.ReadAllText(path);
        using JsonDocument json = JsonDocument.Parse(text);
        IReadOnlyList<string?> ids = Read(json.RootElement);
        var taken = new HashSet<string>(ids.OfType<string>());
        string newline = text.Contains("\r\n") ? "\r\n" : "\n";
        string[] lines = text.Split(newline);
        // The cells are at indent 2 and their keys at indent 3; source lines sit deeper, so this line
        // is each cell's own metadata key, once per cell.
        int[] metadataLines = lines.Select((l, i) => (l, i)).Where(p => p.l.StartsWith("   \"metadata\": ", StringComparison.Ordinal))
            .Select(p => p.i).ToArray();
        if (metadataLines.Length != ids.Count)
        {
            throw new FormatException($"{path}: expected one '   \"metadata\"' line per cell ({ids.Count} cells), found "
                + $"{metadataLines.Length}; is the notebook written with Jupyter's one-space indent?");
        }
        var output = new StringBuilder();
        int added = 0;
        for (int i = 0, cell = 0; i < lines.Length; i++)
        {
            if (cell < metadataLines.Length && metadataLines[cell] == i)
            {
                if (ids[cell] is null)
                {
                    output.Append($"   \"id\": \"{NewId(taken)}\",").Append(newline);
                    added++;
                }
                cell++;
            }
            output.Append(lines[i]);
            if (i < lines.Length - 1)
            {
                output.Append(newline);
            }
        }
        if (added > 0)
        {
            File.WriteAllText(path, output.ToString());
        }
        return added;
    }

    private static string NewId(HashSet<string> taken)
    {
        string id;
        do
        {
            id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        }
        while (!taken.Add(id));
        return id;
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex Valid();
}
