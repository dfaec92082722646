using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner;

/// <summary>
/// Turns a course notebook into a .NET 10 file-based app (<c>dotnet run artifacts/apps/day-NN-….cs</c>, generated on demand),
/// so every day also runs without Polyglot Notebooks. Markdown becomes comments; <c>#!import</c>ed
/// setup is inlined; <c>#r</c> of the course build becomes one <c>#:project</c> reference and
/// <c>#r "nuget: X, v"</c> becomes <c>#:package X@v</c>; a cell's final value, which a notebook
/// displays, becomes <c>Display.Show(value);</c> (<c>MLCourse.Notebooks.Display</c>); declarations
/// that only separate cells kept apart are renamed (<see cref="CellScopes"/>).
/// </summary>
/// <remarks>
/// The notebooks are read with .NET Interactive's document API and each cell is parsed with Roslyn
/// as script code, so only real using directives and real trailing expressions are rewritten.
/// </remarks>
public static partial class AppConverter
{
    /// <summary>The command that regenerates every app; written into each app's header.</summary>
    public const string Command = "dotnet run --project tools/MLCourse.CourseRunner -- --write-apps";

    private const string ProjectDirective = "#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj";

    /// <summary>
    /// Writes every day's app into <see cref="CourseLayout.Apps"/> (<c>artifacts/apps/</c>), with the
    /// apps' build settings beside them as <c>Directory.Build.props</c>.
    /// </summary>
    /// <returns>The apps' paths, in day order.</returns>
    public static IReadOnlyList<string> WriteApps(CourseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(layout.Apps);
        File.Copy(layout.AppsBuildProps, Path.Combine(layout.Apps, "Directory.Build.props"), overwrite: true);
        var written = new List<string>();
        foreach (string notebook in layout.DayNotebooks())
        {
            File.WriteAllText(layout.AppFor(notebook), Convert(notebook));
            written.Add(layout.AppFor(notebook));
        }
        return written;
    }

    /// <summary>The text of the file-based app for <paramref name="notebookPath"/>.</summary>
    /// <exception cref="NotSupportedException">A cell uses a magic command or a <c>#r</c> that an app cannot have; the message names the notebook and cell.</exception>
    public static string Convert(string notebookPath)
    {
        var app = new AppText(Path.GetFileName(notebookPath));
        int cellNumber = 0;
        foreach (InteractiveDocumentElement cell in NotebookFile.Read(notebookPath).Cells)
        {
            cellNumber++;
            if (cell.KernelName == "markdown")
            {
                app.AddComment(cell.Contents);
            }
            else
            {
                AddCode(app, cell.Contents, Path.GetDirectoryName(notebookPath)!, $"{Path.GetFileName(notebookPath)}, cell {cellNumber}");
            }
        }
        return app.ToString();
    }

    private static void AddCode(AppText app, string code, string folder, string where)
    {
        var body = new StringBuilder();
        foreach (string line in code.ReplaceLineEndings("\n").Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("#!import ", StringComparison.Ordinal))
            {
                AddImport(app, Path.Combine(folder, trimmed["#!import ".Length..].Trim().Trim('"')), where);
            }
            else if (NuGetReference().Match(trimmed) is { Success: true } nuget)
            {
                app.AddDirective($"#:package {nuget.Groups["id"].Value}@{nuget.Groups["version"].Value}");
            }
            else if (trimmed.StartsWith("#r ", StringComparison.Ordinal) && trimmed.Contains("artifacts/course/", StringComparison.Ordinal))
            {
                app.AddDirective(ProjectDirective);
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.StartsWith("#r ", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"{where}: '{trimmed}' has no file-based-app equivalent (expected #!import, #r \"nuget: X, v\" or #r of artifacts/course/).");
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }
        app.AddCode(RewriteCell(body.ToString(), app, where));
    }

    // An imported .dib (the course setup) contributes its C# cells as if written in place.
    private static void AddImport(AppText app, string dibPath, string where)
    {
        InteractiveDocument dib = CodeSubmission.Parse(File.ReadAllText(dibPath), null);
        foreach (InteractiveDocumentElement cell in dib.Elements.Where(e => e.KernelName == "csharp"))
        {
            AddCode(app, cell.Contents, Path.GetDirectoryName(dibPath)!, $"{Path.GetFileName(dibPath)} (imported by {where})");
        }
    }

    // Usings move to the top of the app; a trailing expression (the value a notebook displays) becomes Show(value);.
    private static string RewriteCell(string code, AppText app, string where)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        foreach (UsingDirectiveSyntax directive in root.Usings)
        {
            app.AddUsing(directive.ToString());
        }
        // A file-based app's types must follow all its statements: a type a cell declares (a learner's
        // record or class) moves to the end of the app, and the cell keeps its statements.
        var types = root.Members.Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax).ToList();
        foreach (MemberDeclarationSyntax type in types)
        {
            app.AddType(type.ToFullString().Trim('\n', '\r'));
        }
        string text = code;
        foreach (MemberDeclarationSyntax type in types.OrderByDescending(t => t.FullSpan.Start))
        {
            text = text[..type.FullSpan.Start] + text[type.FullSpan.End..];
        }
        root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            // Display.Show, not Show: a cell may declare a local function named Show that would hide it.
            text = text[..last.Expression.SpanStart] + $"Display.Show({last.Expression});" + text[last.Expression.Span.End..];
        }
        if (root.Usings.Count > 0)
        {
            int end = root.Usings.Last().FullSpan.End;
            text = text[end..];
        }
        return text.Trim('\n');
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*,\s*(?<version>[^"\s]+)\s*"$""")]
    private static partial Regex NuGetReference();
}
