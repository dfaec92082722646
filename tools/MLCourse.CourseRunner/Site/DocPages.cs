using System.Text.RegularExpressions;
using Markdig;

namespace MLCourse.CourseRunner.Site;

/// <summary>One guide from <c>docs/</c> rendered as a page of the site and listed on its index.</summary>
/// <param name="Source">The markdown file, relative to the repository root (e.g. <c>docs/torchsharp-for-pytorch-users.md</c>).</param>
/// <param name="Heading">The index's section heading for it (e.g. "For C# learners").</param>
/// <param name="Title">The link's text on the index (e.g. "From PyTorch to TorchSharp").</param>
/// <param name="Summary">One line for the index.</param>
public sealed record DocPage(string Source, string Heading, string Title, string Summary)
{
    /// <summary>The page's file name: the markdown file's, with <c>.html</c>.</summary>
    public string FileName => Path.ChangeExtension(Path.GetFileName(Source), ".html");
}

/// <summary>
/// The guides of <c>docs/</c> that the site carries as pages: rendered like a notebook's markdown
/// (KaTeX math, highlighted code, headings with GitHub's anchors, so a link written for GitHub,
/// <c>../docs/torchsharp-for-pytorch-users.md#dispose-scopes</c>, finds the same section here), and the
/// notebooks' links to them rewritten to the pages.
/// </summary>
public static partial class DocPages
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseMathematics().Use<DisplayMathExtension>()
        .UsePipeTables().UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub).Build();

    /// <summary>The guides on the site, in index order.</summary>
    public static IReadOnlyList<DocPage> All { get; } =
    [
        new("docs/torchsharp-for-pytorch-users.md", "For C# learners", "From PyTorch to TorchSharp",
            "The idioms a PyTorch user meets in the notebooks: dispose scopes, float32 and float64, nn.Linear's (out, in) weights, RNNCell or RNN, saving and loading a model, devices, and TorchSharp 0.107's quirks."),
    ];

    /// <summary>The page's title (its first heading) and body rendered from <paramref name="markdown"/>.</summary>
    public static (string Title, string Body) Render(string markdown, string fallbackTitle)
    {
        string title = markdown.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? fallbackTitle;
        // Code blocks get the notebooks' code-cell class, so the site's script highlights them.
        string body = Markdig.Markdown.ToHtml(markdown, Markdown).Replace("<pre><code class=\"language-", "<pre class=\"code\"><code class=\"language-", StringComparison.Ordinal);
        return (title, $"<section class=\"markdown\">{body}</section>\n");
    }

    /// <summary>
    /// <paramref name="html"/> with every link to one of <see cref="All"/>'s markdown files (<c>../docs/x.md</c>,
    /// <c>docs/x.md</c>, with or without <c>#section</c>) pointing at its page instead.
    /// </summary>
    public static string RewriteLinks(string html) => DocLink().Replace(html, m =>
        All.FirstOrDefault(d => Path.GetFileName(d.Source) == m.Groups["file"].Value + ".md") is { } doc
            ? $"href=\"{doc.FileName}{m.Groups["anchor"].Value}\""
            : m.Value);

    [GeneratedRegex("href=\"(?:\\.\\./)?docs/(?<file>[\\w.-]+)\\.md(?<anchor>#[^\"]*)?\"")]
    private static partial Regex DocLink();
}
