using System.Text.RegularExpressions;
using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>The guides in docs/ as pages of the site, linked from the index and from the days.</summary>
public sealed class DocPagesTests
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);

    [Fact]
    public void Links_to_a_guide_point_at_its_page_with_the_same_anchor_and_other_links_stay()
    {
        string html = "<a href=\"../docs/torchsharp-for-pytorch-users.md#dispose-scopes\">x</a> <a href=\"docs/torchsharp-for-pytorch-users.md\">y</a> "
            + "<a href=\"../docs/performance.md\">z</a>";

        Assert.Equal("<a href=\"torchsharp-for-pytorch-users.html#dispose-scopes\">x</a> <a href=\"torchsharp-for-pytorch-users.html\">y</a> "
            + "<a href=\"../docs/performance.md\">z</a>", DocPages.RewriteLinks(html));
    }

    [Fact]
    public void Every_link_from_a_notebook_to_a_guide_finds_its_section_on_the_rendered_page()
    {
        var ids = DocPages.All.ToDictionary(d => d.FileName, d => Regex.Matches(
            DocPages.Render(File.ReadAllText(Path.Combine(Layout.Root, d.Source)), d.Title).Body, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet());
        int links = 0;
        foreach (string notebook in Layout.DayNotebooks())
        {
            string markdown = string.Concat(NotebookFile.Read(notebook).Cells.Where(c => c.KernelName == "markdown").Select(c => c.Contents + "\n"));
            foreach (Match link in Regex.Matches(DocPages.RewriteLinks(Markdig.Markdown.ToHtml(markdown)), "href=\"(?<page>[\\w-]+\\.html)#(?<id>[^\"]+)\""))
            {
                if (ids.TryGetValue(link.Groups["page"].Value, out var pageIds))
                {
                    links++;
                    Assert.True(pageIds.Contains(link.Groups["id"].Value), $"{Path.GetFileName(notebook)}: #{link.Groups["id"].Value} is not a section of {link.Groups["page"].Value}");
                }
            }
        }
        Assert.True(links >= 7, $"only {links} links from the days to the guides");
    }

    [Fact]
    public void The_guide_page_has_its_title_highlighted_code_and_the_index_lists_it()
    {
        var guide = DocPages.All.Single(d => d.FileName == "torchsharp-for-pytorch-users.html");

        var (title, body) = DocPages.Render(File.ReadAllText(Path.Combine(Layout.Root, guide.Source)), guide.Title);
        string index = CourseSite.Index([], DocPages.All);

        Assert.Equal("From PyTorch to TorchSharp: the idioms the course uses", title);
        Assert.Contains("<pre class=\"code\"><code class=\"language-csharp\">", body);
        Assert.Contains("<h2 id=\"dispose-scopes\">Dispose scopes</h2>", body);
        Assert.Contains("<h2>For C# learners</h2>", index);
        Assert.Contains("<a href=\"torchsharp-for-pytorch-users.html\">From PyTorch to TorchSharp</a>", index);
    }
}
