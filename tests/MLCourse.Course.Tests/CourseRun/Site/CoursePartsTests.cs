using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>The table that groups the days into parts on the site's index.</summary>
public sealed class CoursePartsTests
{
    [Theory]
    [InlineData("day-10-backprop-through-time.html", "backprop-through-time")]
    [InlineData("notebooks/day-07-pca.ipynb", "pca")]
    [InlineData("day-123-gans.html", "gans")]
    [InlineData("index.html", "index")]
    public void The_topic_is_the_file_name_without_its_day_number(string fileName, string topic) =>
        Assert.Equal(topic, CourseParts.TopicOf(fileName));

    [Fact]
    public void A_renumbered_day_stays_in_its_part()
    {
        Assert.Equal("Part I — Foundations", CourseParts.Find("day-07-pca.html")?.Part.Title);
        Assert.Equal("Part I — Foundations", CourseParts.Find("day-08-pca.html")?.Part.Title);
        Assert.Equal("Part II — Sequences", CourseParts.Find("day-13-lstm.html")?.Part.Title);
        Assert.Null(CourseParts.Find("day-08-a-topic-no-part-lists.html"));
    }

    [Fact]
    public void Every_notebook_of_the_course_is_in_exactly_one_part()
    {
        var topics = CourseParts.All.SelectMany(part => part.Topics).Select(topic => topic.Name).ToList();
        Assert.Equal(topics.Count, topics.Distinct().Count());

        var unlisted = CourseLayout.FindFrom(AppContext.BaseDirectory).DayNotebooks().Select(CourseParts.TopicOf).Except(topics).ToList();
        Assert.True(unlisted.Count == 0,
            $"CourseParts: every notebook's topic needs a row in CourseParts.All (tools/MLCourse.CourseRunner/Site/CourseParts.cs); missing: {string.Join(", ", unlisted)}.");
    }
}
