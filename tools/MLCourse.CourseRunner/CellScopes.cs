using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MLCourse.CourseRunner;

/// <summary>
/// Gives a notebook's cells the scoping they had as separate submissions once they are one file of
/// top-level statements. In a notebook a later cell may declare a name again (<c>var wo = …</c> twice),
/// and a block may declare a name that some cell declares at the top; one file allows neither
/// (CS0128, CS0136). So a top-level name declared again becomes <c>name_2</c> (<c>name_3</c>, …) from
/// that declaration on, in its cell and the cells after it, and a block's local that clashes with a
/// top-level name becomes <c>name_inner</c> within its block. Names that lambdas and local functions
/// declare may shadow top-level ones in C#, so they and what they see are left alone.
/// </summary>
/// <remarks>
/// Syntactic, not semantic: a reference is an identifier that is not a member name, a named argument
/// or an initialiser's property, and it sees the nearest enclosing declaration of its name.
/// </remarks>
internal static class CellScopes
{
    // Parsed as a file's top-level statements (as the app will be), not as script code, where a
    // variable would be a field and a function a method.
    private static readonly CSharpParseOptions TopLevelStatements = new(LanguageVersion.Latest);

    /// <summary>The code cells, in order, with clashing declarations renamed.</summary>
    public static IReadOnlyList<string> Separate(IReadOnlyList<string> cells) =>
        RenameInnerClashes(RenameRedeclarations(cells));

    private static CompilationUnitSyntax Parse(string code) =>
        (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, TopLevelStatements).GetRoot();

    // The names a cell declares at its top level, each with its identifier token and the position from
    // which its cell's references see it (after its statement; a local function from the cell's start).
    private static IEnumerable<(string Name, SyntaxToken Token, int VisibleFrom)> TopLevel(CompilationUnitSyntax root)
    {
        foreach (GlobalStatementSyntax global in root.Members.OfType<GlobalStatementSyntax>())
        {
            switch (global.Statement)
            {
                case LocalFunctionStatementSyntax function:
                    yield return (function.Identifier.ValueText, function.Identifier, 0);
                    break;
                case StatementSyntax statement:
                    foreach (SyntaxToken token in Declared(statement))
                    {
                        yield return (token.ValueText, token, global.Span.End);
                    }
                    break;
            }
        }
    }

    private static IReadOnlyList<string> RenameRedeclarations(IReadOnlyList<string> cells)
    {
        var declarations = new Dictionary<string, int>();   // name → how many cells declared it so far
        var current = new Dictionary<string, string>();     // name → the name its latest declaration has now
        var result = new List<string>();
        foreach (string cell in cells)
        {
            CompilationUnitSyntax root = Parse(cell);
            var renames = new Dictionary<TextSpan, string>();
            var redeclared = new Dictionary<string, (int VisibleFrom, string NewName)>();
            foreach (var (name, token, visibleFrom) in TopLevel(root).ToList())
            {
                if (redeclared.ContainsKey(name))
                {
                    continue;
                }
                if (declarations.TryGetValue(name, out int count))
                {
                    declarations[name] = count + 1;
                    redeclared[name] = (visibleFrom, $"{name}_{count + 1}");
                    renames[token.Span] = $"{name}_{count + 1}";
                }
                else
                {
                    declarations[name] = 1;
                }
            }
            foreach (IdentifierNameSyntax id in References(root))
            {
                string name = id.Identifier.ValueText;
                string? target = redeclared.TryGetValue(name, out var again) && id.SpanStart >= again.VisibleFrom
                    ? again.NewName
                    : current.GetValueOrDefault(name);
                if (target is not null && !DeclaredBetween(id, name, root))
                {
                    renames[id.Identifier.Span] = target;
                }
            }
            foreach (var (name, again) in redeclared)
            {
                current[name] = again.NewName;
            }
            result.Add(Apply(cell, renames));
        }
        return result;
    }

    private static IReadOnlyList<string> RenameInnerClashes(IReadOnlyList<string> cells)
    {
        var roots = cells.Select(Parse).ToList();
        var topLevel = roots.SelectMany(root => TopLevel(root).Select(d => d.Name)).ToHashSet();
        var result = new List<string>();
        for (int c = 0; c < cells.Count; c++)
        {
            var renames = new Dictionary<TextSpan, string>();
            foreach (var (token, scope) in InnerDeclarations(roots[c]).Where(d => topLevel.Contains(d.Token.ValueText)))
            {
                string name = token.ValueText;
                renames[token.Span] = $"{name}_inner";
                foreach (IdentifierNameSyntax id in References(scope)
                             .Where(id => id.Identifier.ValueText == name && !DeclaredBetween(id, name, scope)))
                {
                    renames[id.Identifier.Span] = $"{name}_inner";
                }
            }
            result.Add(Apply(cells[c], renames));
        }
        return result;
    }

    // Locals declared in blocks of top-level code (not in lambdas or local functions), with their scope.
    private static IEnumerable<(SyntaxToken Token, SyntaxNode Scope)> InnerDeclarations(CompilationUnitSyntax root)
    {
        foreach (SyntaxNode node in root.DescendantNodes(
                     n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ForEachStatementSyntax loop:
                    yield return (loop.Identifier, loop);
                    break;
                case ForStatementSyntax { Declaration: { } declaration } loop:
                    foreach (VariableDeclaratorSyntax variable in declaration.Variables)
                    {
                        yield return (variable.Identifier, loop);
                    }
                    break;
                case UsingStatementSyntax { Declaration: { } declaration } usingStatement:
                    foreach (VariableDeclaratorSyntax variable in declaration.Variables)
                    {
                        yield return (variable.Identifier, usingStatement);
                    }
                    break;
                case StatementSyntax { Parent: BlockSyntax block } statement:
                    foreach (SyntaxToken token in Declared(statement))
                    {
                        yield return (token, block);
                    }
                    break;
            }
        }
    }

    // The locals a statement of a block declares: `var x = …;` and `var (a, b) = …;`.
    private static IEnumerable<SyntaxToken> Declared(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax declaration => declaration.Declaration.Variables.Select(v => v.Identifier),
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax left } }
            => left.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(v => v.Identifier),
        _ => [],
    };

    // Whether a lambda, local function or block between the identifier and the scope declares the name itself.
    private static bool DeclaredBetween(IdentifierNameSyntax id, string name, SyntaxNode scope)
    {
        for (SyntaxNode? node = id.Parent; node is not null && node != scope; node = node.Parent)
        {
            bool declares = node switch
            {
                SimpleLambdaExpressionSyntax lambda => lambda.Parameter.Identifier.ValueText == name,
                ParenthesizedLambdaExpressionSyntax lambda => Has(lambda.ParameterList, name),
                LocalFunctionStatementSyntax function when node.Parent is not GlobalStatementSyntax =>
                    function.Identifier.ValueText == name || Has(function.ParameterList, name),
                LocalFunctionStatementSyntax function => Has(function.ParameterList, name),
                BlockSyntax block => block.Statements.Any(s => Declared(s).Any(t => t.ValueText == name)),
                ForEachStatementSyntax loop => loop.Identifier.ValueText == name,
                ForStatementSyntax { Declaration: { } declaration } => Has(declaration, name),
                UsingStatementSyntax { Declaration: { } declaration } => Has(declaration, name),
                _ => false,
            };
            if (declares)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Has(ParameterListSyntax parameters, string name) =>
        parameters.Parameters.Any(p => p.Identifier.ValueText == name);

    private static bool Has(VariableDeclarationSyntax declaration, string name) =>
        declaration.Variables.Any(v => v.Identifier.ValueText == name);

    private static IEnumerable<IdentifierNameSyntax> References(SyntaxNode node) =>
        node.DescendantNodes().OfType<IdentifierNameSyntax>().Where(IsReference);

    // An identifier that names a local: not a member after '.', '?.' or '::', a named argument, or the
    // property an object initialiser, a 'with' or an anonymous type sets.
    private static bool IsReference(IdentifierNameSyntax id) => id.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == id,
        MemberBindingExpressionSyntax => false,
        QualifiedNameSyntax qualified => qualified.Left == id,
        NameColonSyntax or NameEqualsSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment => assignment.Left != id,
        _ => true,
    };

    private static string Apply(string text, Dictionary<TextSpan, string> renames)
    {
        foreach (var (span, name) in renames.OrderByDescending(r => r.Key.Start))
        {
            text = text[..span.Start] + name + text[span.End..];
        }
        return text;
    }
}
