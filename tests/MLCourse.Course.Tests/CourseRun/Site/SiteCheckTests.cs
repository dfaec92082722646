using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>
/// The browser check (<c>tools/MLCourse.Site/check-site.mjs</c>) run on the small pages in
/// <c>tools/MLCourse.Site/fixtures/</c>: it must fail a page that shows raw math and pass text that
/// only looks like TeX. Needs Node.js and Chromium, as the check itself does.
/// </summary>
public sealed class SiteCheckTests
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);

    private static ProcessRunner.Result Check(string fixture)
    {
        CourseSite.InstallPackages(Layout);
        string script = Path.Combine(Layout.SiteSources, "check-site.mjs");
        return ProcessRunner.Run("node", [script, Path.Combine(Layout.SiteSources, "fixtures", fixture)], Layout.Root, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void The_check_fails_a_page_that_shows_raw_math_and_names_each_formula()
    {
        var result = Check("raw-math");

        Assert.True(result.ExitCode == 1, $"check-site.mjs should exit 1 on the raw-math fixture, exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("raw math shown in 4 place(s)", result.Output);
        Assert.Contains(@"""The sum over time: $$\frac{\partial L}", result.Output);
        Assert.Contains(@"""The gates: \begin{aligned}", result.Output);
        Assert.Contains(@"""the state $h_{t-1}$ feeds the next step""", result.Output);
        Assert.Contains(@"""Inline in brackets: \(x^2\) stayed raw.""", result.Output);
        Assert.Contains("site check: 0 passed, 1 failed", result.Output);
    }

    [Fact]
    public void The_check_passes_prices_code_outputs_and_typeset_formulas()
    {
        var result = Check("clean");

        Assert.True(result.ExitCode == 0, $"check-site.mjs should pass the clean fixture, exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("site check: 1 passed, 0 failed", result.Output);
    }

    [Fact]
    public void The_check_fails_a_chart_wider_than_the_column_and_finds_every_slider_frame_drawn()
    {
        var result = Check("wide-chart");

        Assert.True(result.ExitCode == 1, $"check-site.mjs should exit 1 on the wide-chart fixture, exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("chart wider than its column: \"A chart 1200 px wide\" is 1200 px in 912 px", result.Output);
        Assert.DoesNotContain("A chart that fits", result.Output);
        Assert.DoesNotContain("slider frames", result.Output);
        Assert.Contains("site check: 0 passed, 1 failed", result.Output);
    }

    [Fact]
    public void The_check_opens_an_api_page_fails_a_link_to_a_missing_one_and_a_type_page_that_does_not_link_back()
    {
        var result = Check("api-links");
        string output = result.Output.ReplaceLineEndings("\n");

        Assert.True(result.ExitCode == 1, $"check-site.mjs should exit 1 on the api-links fixture, exited {result.ExitCode}:\n{output}");
        Assert.Contains("FAIL index.html\n  link to a missing file: api/types/MLCourse.Sequence.Missing.html", output);
        Assert.Contains("ok   api/index.html", output);
        Assert.Contains("ok   api/types/MLCourse.Sequence.Lstm.html", output);   // the first linked type page, opened
        Assert.DoesNotContain("ok   api/types/MLCourse.Text.Vocabulary.html", output);   // read from disk only
        Assert.Contains("FAIL api/ back-links\n  api/types/MLCourse.Text.Vocabulary.html: no link back to index.html", output);
        Assert.Contains("site check: 2 passed, 2 failed", output);
    }
}
