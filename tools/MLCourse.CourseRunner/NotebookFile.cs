using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace MLCourse.CourseRunner;

/// <summary>Reads a notebook (.ipynb) with .NET Interactive's document API and inspects its cells and outputs.</summary>
public sealed partial class NotebookFile
{
    private readonly InteractiveDocument _document;
    private readonly JsonElement _metadata;
    private readonly IReadOnlyList<string?> _cellIds;

    private NotebookFile(string path, InteractiveDocument document, JsonElement metadata, IReadOnlyList<string?> cellIds)
    {
        Path = path;
        _document = document;
        _metadata = metadata;
        _cellIds = cellIds;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>Every cell, markdown and code, in order.</summary>
    public IReadOnlyList<InteractiveDocumentElement> Cells => _document.Elements.ToList();

    /// <summary>The code cells (every cell that is not markdown), in order.</summary>
    public IReadOnlyList<InteractiveDocumentElement> CodeCells =>
        Cells.Where(e => e.KernelName != "markdown").ToList();

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static NotebookFile Read(string path)
    {
        string json = File.ReadAllText(path);
        using JsonDocument raw = JsonDocument.Parse(json);
        JsonElement metadata = raw.RootElement.TryGetProperty("metadata", out JsonElement m) ? m.Clone() : default;
        return new NotebookFile(path, Notebook.Parse(json, null), metadata, CellIds.Read(raw.RootElement));
    }

    /// <summary>Every error a run left in the outputs: error results and anything written to standard error.</summary>
    /// <returns>One entry per error, with the 1-based number of the code cell that produced it.</returns>
    public IReadOnlyList<CellError> Errors()
    {
        var errors = new List<CellError>();
        IReadOnlyList<InteractiveDocumentElement> cells = CodeCells;
        for (int i = 0; i < cells.Count; i++)
        {
            foreach (InteractiveDocumentOutputElement output in cells[i].Outputs)
            {
                string? message = output switch
                {
                    ErrorElement error => $"{error.ErrorName}: {error.ErrorValue}",
                    TextElement { Name: "stderr" } text => $"stderr: {text.Text.Trim()}",
                    _ => null,
                };
                if (message is not null)
                {
                    errors.Add(new CellError(i + 1, message));
                }
            }
        }
        return errors;
    }

    /// <summary>
    /// What is wrong with a notebook meant to be committed: outputs, execution counts, kernel
    /// metadata that is not .NET Interactive's C# kernel, or cell ids that nbformat 4.5 rejects
    /// (missing, invalid or repeated; see <see cref="CellIds"/>).
    /// </summary>
    public IReadOnlyList<string> CommitProblems()
    {
        var problems = new List<string>(CellIds.Problems(_cellIds));
        IReadOnlyList<InteractiveDocumentElement> cells = CodeCells;
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].Outputs.Count > 0)
            {
                problems.Add($"code cell {i + 1} has {cells[i].Outputs.Count} output(s)");
            }
            if (cells[i].ExecutionOrder != 0)
            {
                problems.Add($"code cell {i + 1} has execution count {cells[i].ExecutionOrder}");
            }
            if (cells[i].KernelName != "csharp")
            {
                problems.Add($"code cell {i + 1} runs in kernel '{cells[i].KernelName}', expected 'csharp'");
            }
        }
        string kernelSpec = _metadata.ValueKind == JsonValueKind.Object && _metadata.TryGetProperty("kernelspec", out JsonElement spec)
            && spec.TryGetProperty("name", out JsonElement name) ? name.GetString() ?? "" : "";
        if (kernelSpec != ".net-csharp")
        {
            problems.Add($"metadata.kernelspec.name is '{kernelSpec}', expected '.net-csharp'");
        }
        return problems;
    }

    /// <summary>
    /// Every output that would load something from a CDN (cdn.plot.ly, jsDelivr, cdnjs, unpkg, …), so
    /// it would stay empty offline: "code cell N: URL". The course's own inline plotly.js (the first
    /// chart's <c>&lt;script data-mlcourse-plotly&gt;</c>) is left out: it is the library itself, and its
    /// one CDN address is the default for geographic maps' topojson, which no day draws.
    /// </summary>
    public IReadOnlyList<string> CdnReferences()
    {
        var found = new List<string>();
        IReadOnlyList<InteractiveDocumentElement> cells = CodeCells;
        for (int i = 0; i < cells.Count; i++)
        {
            foreach (InteractiveDocumentOutputElement output in cells[i].Outputs)
            {
                string text = InlinePlotly().Replace(Describe(output), "");
                found.AddRange(CdnAddress().Matches(text).Select(m => $"code cell {i + 1}: {m.Value}"));
            }
        }
        return found;
    }

    [GeneratedRegex("<script[^>]*\\bdata-mlcourse-plotly\\b[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex InlinePlotly();

    [GeneratedRegex(@"(?:https?:)?//(?:cdn\.[\w.-]+|[\w.-]*(?:jsdelivr\.net|cdnjs\.cloudflare\.com|unpkg\.com|ajax\.googleapis\.com|code\.jquery\.com))[^\s""'<>)]*",
        RegexOptions.IgnoreCase)]
    private static partial Regex CdnAddress();

    /// <summary>
    /// Each code cell's outputs as text, with the identifiers that differ on every run (GUIDs of
    /// chart elements) replaced, so two runs of a reproducible notebook compare equal.
    /// </summary>
    public IReadOnlyList<string> NormalizedOutputs() =>
        CodeCells.Select(cell => string.Join("\n", cell.Outputs.Select(Describe))).Select(Normalize).ToList();

    private static string Describe(InteractiveDocumentOutputElement output) => output switch
    {
        TextElement text => $"{text.Name}: {text.Text}",
        ErrorElement error => $"error: {error.ErrorName}: {error.ErrorValue}",
        DisplayElement display => Describe(display.Data),
        ReturnValueElement value => Describe(value.Data),
        _ => output.GetType().Name,
    };

    private static string Describe(IDictionary<string, object> data) =>
        string.Join("\n", data.Select(kv => $"{kv.Key}: {MimeText(kv.Value)}"));

    /// <summary>The mime bundle a display or a cell's return value shows; null for printed text and errors.</summary>
    internal static IDictionary<string, object>? DataOf(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement display => display.Data,
        ReturnValueElement value => value.Data,
        _ => null,
    };

    /// <summary>The HTML a display or a cell's return value shows, or null when it shows none.</summary>
    internal static string? HtmlOf(InteractiveDocumentOutputElement output) =>
        DataOf(output) is { } data && data.TryGetValue("text/html", out object? html) ? MimeText(html) : null;

    /// <summary>A mime type's data as text: Jupyter stores it as one string or as a list of lines.</summary>
    internal static string MimeText(object value) => value is IEnumerable<object> lines ? string.Concat(lines) : value.ToString() ?? "";

    private static string Normalize(string text) => HexId().Replace(Guid().Replace(text, "<guid>"), "<id>");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("[0-9a-fA-F]{32}")]
    private static partial Regex HexId();
}

/// <summary>An error left in a notebook's outputs.</summary>
/// <param name="Cell">The 1-based number of the code cell.</param>
/// <param name="Message">The error's name and text.</param>
public sealed record CellError(int Cell, string Message);
