using MLCourse.CourseRunner.Site;

namespace MLCourse.Tests.CourseRun.Site;

/// <summary>How an executed notebook becomes a page of the offline site.</summary>
public sealed class SitePageTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"day-98-{Guid.NewGuid():N}.ipynb");

    public void Dispose() => File.Delete(_path);

    private static string Html(string html) =>
        $$$"""{"output_type": "display_data", "metadata": {}, "data": {"text/html": [{{{System.Text.Json.JsonSerializer.Serialize(html)}}}]}}""";

    private SitePage Render(string markdown, string code, params string[] outputs)
    {
        TestNotebook.Write(_path, TestNotebook.Markdown(markdown), TestNotebook.Code(code, 1, outputs));
        return SitePage.Render(_path);
    }

    [Fact]
    public void The_title_is_the_first_heading_and_math_is_marked_for_KaTeX()
    {
        var page = Render("# Day 98 — Tests\n\nInline $x^2$ and\n\n$$\\sum_i x_i$$", "1 + 1");

        Assert.Equal("Day 98 — Tests", page.Title);
        Assert.Equal(Path.ChangeExtension(Path.GetFileName(_path), ".html"), page.FileName);
        Assert.Contains("<span class=\"math\">\\(x^2\\)</span>", page.Body);
        Assert.Contains("<div class=\"math\">\n\\[\n\\sum_i x_i\n\\]</div>", page.Body);
    }

    [Fact]
    public void Code_and_text_outputs_are_escaped_and_errors_stand_out()
    {
        var page = Render("# T", "var a = b < c;",
            """{"output_type": "stream", "name": "stdout", "text": ["a < b\n"]}""",
            """{"output_type": "error", "ename": "Error", "evalue": "CS0103: boom", "traceback": []}""");

        Assert.Contains("<pre class=\"code\"><code>var a = b &lt; c;</code></pre>", page.Body);
        Assert.Contains("<pre class=\"output stdout\">a &lt; b\n</pre>", page.Body);
        Assert.Contains("<pre class=\"output error\">Error: CS0103: boom</pre>", page.Body);
    }

    [Fact]
    public void Charts_are_marked_for_the_browser_check_and_a_live_chart_shows_its_last_frame_once()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        var page = Render("# T", "train()",
            Html($"<div data-live-chart=\"{id}\">starting …</div>"),
            Html("<table><tr><td>between</td></tr></table>"),
            Html($"<div data-live-chart=\"{id}\"><script>Plotly.newPlot('a', [1])</script></div>"),
            Html($"<div data-live-chart=\"{id}\"><script>Plotly.newPlot('a', [1, 2])</script></div>"));

        Assert.DoesNotContain("starting …", page.Body);
        Assert.DoesNotContain("[1])", page.Body);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, "class=\"output chart\""));
        Assert.True(page.Body.IndexOf("[1, 2]", StringComparison.Ordinal) < page.Body.IndexOf("between", StringComparison.Ordinal),
            "the last frame stands where the first was");
    }
}
