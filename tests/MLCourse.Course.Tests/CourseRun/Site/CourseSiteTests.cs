using System.Text.RegularExpressions;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>The site's index: days grouped into parts, one line each.</summary>
public sealed class CourseSiteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlcourse-site-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SitePage Page(string fileName, string heading)
    {
        string path = Path.Combine(_folder, fileName);
        TestNotebook.Write(path, TestNotebook.Markdown($"# {heading}\n\nText."), TestNotebook.Code("1", 1));
        return SitePage.Render(path);
    }

    [Fact]
    public void The_index_groups_the_days_into_parts_in_course_order_with_a_summary_each()
    {
        // Numbered as after a day is inserted: the parts come from the topics, not the numbers.
        SitePage[] pages =
        [
            Page("day-02-tensors.ipynb", "Day 2 — Tensors"),
            Page("day-08-pca.ipynb", "Day 8 — PCA"),
            Page("day-13-lstm.ipynb", "Day 13 — LSTM"),
            Page("day-16-convolution-padding-stride.ipynb", "Day 16 — Convolution"),
            Page("day-30-something-new.ipynb", "Day 30 — Something new"),
        ];

        string index = CourseSite.Index(pages);

        string[] headings = Regex.Matches(index, "<h2>(.*?)</h2>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["Part I — Foundations", "Part II — Sequences", "Part III — Images", "More days"], headings);
        string partOne = index[index.IndexOf("Part I —", StringComparison.Ordinal)..index.IndexOf("Part II —", StringComparison.Ordinal)];
        Assert.Contains("<a href=\"day-02-tensors.html\">Day 2 — Tensors</a>", partOne);
        Assert.Contains("<a href=\"day-08-pca.html\">Day 8 — PCA</a> <span class=\"summary\">The directions of greatest variance", partOne);
        Assert.True(partOne.IndexOf("day-02", StringComparison.Ordinal) < partOne.IndexOf("day-08", StringComparison.Ordinal), "days in day order");
        Assert.Contains("<a href=\"day-30-something-new.html\">Day 30 — Something new</a></li>", index[index.IndexOf("More days", StringComparison.Ordinal)..]);
        Assert.Equal(4, Regex.Matches(index, "class=\"summary\"").Count);
    }

    [Fact]
    public void A_part_with_no_day_in_this_build_is_left_out()
    {
        string index = CourseSite.Index([Page("day-12-lstm.ipynb", "Day 12 — LSTM")]);

        Assert.Equal(["Part II — Sequences"], Regex.Matches(index, "<h2>(.*?)</h2>").Select(m => m.Groups[1].Value));
    }
}
