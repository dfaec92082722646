using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

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
        Assert.Contains("<span class=\"math display\">\\[\\sum_i x_i\\]</span>", page.Body);
    }

    [Fact]
    public void Display_math_over_several_lines_inside_a_paragraph_keeps_every_backslash()
    {
        // Day 10's BPTT sum: $$ opens mid-paragraph and closes two lines down.
        var page = Render("The gradient:\n$$\\frac{\\partial L}{\\partial W} = a\\,b,\\qquad\nc = \\{d\\}$$\nand so on.", "1");

        Assert.Contains("<p>The gradient:\n<span class=\"math display\">\\[\\frac{\\partial L}{\\partial W} = a\\,b,\\qquad\nc = \\{d\\}\\]</span>\nand so on.</p>", page.Body);
    }

    [Fact]
    public void Aligned_equations_in_a_blockquote_keep_their_line_breaks_and_ampersands()
    {
        // Day 12's six LSTM equations: a quoted \begin{aligned} block whose rows end in \\.
        var page = Render("> The gates:\n> $$\\begin{aligned}\n> f_t &= \\sigma(z) &&\\text{(1)}\\\\\n> h_t &= o_t \\odot \\tanh(C_t)\n> \\end{aligned}$$\n> Done.", "1");

        Assert.Contains("<blockquote>\n<p>The gates:\n<span class=\"math display\">\\[\\begin{aligned}\nf_t &amp;= \\sigma(z) &amp;&amp;\\text{(1)}\\\\\nh_t &amp;= o_t \\odot \\tanh(C_t)\n\\end{aligned}\\]</span>\nDone.</p>\n</blockquote>", page.Body);
    }

    [Fact]
    public void Math_in_list_items_and_math_blocks_is_marked_and_a_lone_dollar_stays_text()
    {
        var page = Render("* inline $a_{i}$ and display $$b \\\\ c$$\n* costs $5 and $10\n\n$$\nx = 1\n$$", "1");

        Assert.Contains("<li>inline <span class=\"math\">\\(a_{i}\\)</span> and display <span class=\"math display\">\\[b \\\\ c\\]</span></li>", page.Body);
        Assert.Contains("<li>costs $5 and $10</li>", page.Body);
        Assert.Contains("<div class=\"math\">\n\\[\nx = 1\n\\]</div>", page.Body);
    }

    [Fact]
    public void Code_and_text_outputs_are_escaped_and_errors_stand_out()
    {
        var page = Render("# T", "var a = b < c;",
            """{"output_type": "stream", "name": "stdout", "text": ["a < b\n"]}""",
            """{"output_type": "error", "ename": "Error", "evalue": "CS0103: boom", "traceback": []}""");

        Assert.Contains("<pre class=\"code\"><code class=\"language-csharp\">var a = b &lt; c;</code></pre>", page.Body);
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

    [Fact]
    public void An_exercise_check_in_an_HTML_output_reaches_the_page_as_the_notebook_shows_it()
    {
        const string exercise = "<div class=\"mlcourse-exercise\" data-exercise=\"day98-rnn-step\" data-status=\"pending\">Not yet: replace <code>-1</code>.</div>";
        var page = Render("# T", "Exercise.Check(...)", Html(exercise));

        Assert.Contains($"<div class=\"output html\">{exercise}</div>", page.Body);
    }
}
