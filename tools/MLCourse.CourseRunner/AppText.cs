using System.Text;

namespace MLCourse.CourseRunner;

/// <summary>
/// A file-based app being assembled from a notebook: <c>#:</c> directives first (the SDK requires
/// them before any code), then using directives, then the cells in order.
/// </summary>
internal sealed class AppText(string notebookName)
{
    private readonly List<string> _directives = [];
    private readonly List<string> _usings = [];
    private readonly List<(string Text, bool IsCode)> _cells = [];
    private readonly List<string> _types = [];

    public void AddDirective(string directive)
    {
        if (!_directives.Contains(directive))
        {
            _directives.Add(directive);
        }
    }

    public void AddUsing(string directive)
    {
        if (!_usings.Contains(directive))
        {
            _usings.Add(directive);
        }
    }

    public void AddCode(string code)
    {
        if (code.Length > 0)
        {
            _cells.Add((code, true));
        }
    }

    // Types declared in cells: written after every statement, as C# requires of a file with top-level statements.
    public void AddType(string declaration) => _types.Add(declaration);

    // Markdown keeps its lines (LaTeX included) as // comments.
    public void AddComment(string markdown) =>
        _cells.Add((string.Join("\n", markdown.ReplaceLineEndings("\n").Trim('\n').Split('\n').Select(line => ("// " + line).TrimEnd())), false));

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("// ").Append(notebookName).Append(" as a .NET 10 file-based app. Generated — do not edit; change the notebook\n")
            .Append("// and run `").Append(AppConverter.Command).Append("`.\n")
            .Append("// Run it from the repository root: dotnet run artifacts/apps/").Append(Path.ChangeExtension(notebookName, ".cs")).Append('\n')
            .Append("// Values print as text; charts are written as HTML files under artifacts/apps/.\n");
        foreach (string directive in _directives)
        {
            text.Append(directive).Append('\n');
        }
        text.Append('\n');
        foreach (string directive in _usings.Append("using static MLCourse.Notebooks.Display;"))
        {
            text.Append(directive).Append('\n');
        }
        // Cells were separate submissions; as one file, declarations that clash are renamed (CellScopes).
        var code = new Queue<string>(CellScopes.Separate(_cells.Where(c => c.IsCode).Select(c => c.Text).ToList()));
        foreach (var (cell, isCode) in _cells)
        {
            text.Append('\n').Append(isCode ? code.Dequeue() : cell).Append('\n');
        }
        if (_types.Count > 0)
        {
            text.Append("\n// Types declared in the notebook's cells (C# puts them after the statements).\n");
            foreach (string type in _types)
            {
                text.Append('\n').Append(type).Append('\n');
            }
        }
        return text.ToString();
    }
}
