using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>
/// The API reference's link back to the days: the overwrite files docfx adds to each type's page,
/// made from the days' "Library types used here" lines. (docfx itself runs in the site build, where
/// a warning fails it; the site check opens the front page and a type page, and checks the links
/// both ways on every type page a day links to.)
/// </summary>
public sealed class ApiReferenceTests : IDisposable
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
    private readonly string _folder = Directory.CreateTempSubdirectory("mlcourse-api-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_public_type_a_day_names_gets_an_overwrite_file_with_its_days_in_order_and_its_source()
    {
        var sources = LibrarySources.Scan(Layout.Root);
        sources.LinkTypes("<p>Library types used here: <code>Lstm</code>, <code>ModelPipeline</code>, <code>CartBuilder</code>.</p>", "day-13-lstm.html");
        sources.LinkTypes("<p>Library types used here: <code>Lstm</code>.</p>", "day-11-bptt.html");
        var titles = new Dictionary<string, string> { ["day-13-lstm.html"] = "Day 13 — LSTM: \"names\"", ["day-11-bptt.html"] = "Day 11 — BPTT" };

        int written = ApiReference.WriteOverwrites(Path.Combine(_folder, "days"), sources, titles);

        Assert.Equal(2, written);   // CartBuilder is internal: no API page to add to
        Assert.Equal("""
            ---
            uid: "MLCourse.Sequence.Lstm"
            mlcourseDays:
            - title: "Day 11 — BPTT"
              href: "../../day-11-bptt.html"
            - title: "Day 13 — LSTM: \"names\""
              href: "../../day-13-lstm.html"
            mlcourseSource: "../../source/Lstm.html"
            ---

            """.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(_folder, "days", "MLCourse.Sequence.Lstm.md")));
        Assert.Contains("uid: \"MLCourse.Pipelines.ModelPipeline`1\"", File.ReadAllText(Path.Combine(_folder, "days", "MLCourse.Pipelines.ModelPipeline-1.md")));
    }

    [Fact]
    public void The_docfx_configuration_reads_and_writes_where_the_runner_expects()
    {
        string config = File.ReadAllText(ApiReference.Config(Layout));

        Assert.Contains("\"../../artifacts/api/days\"", config);
        Assert.Contains("\"output\": \"../../artifacts/site/api\"", config);
        Assert.Contains("\"statictoc\"", config);   // the table of contents in each page: opens from disk
        Assert.Contains("\"docfx\"", File.ReadAllText(Path.Combine(Layout.Root, ".config", "dotnet-tools.json")));
    }

    [Fact]
    public void The_index_links_the_api_reference()
    {
        Assert.Contains("<a href=\"api/index.html\">API reference</a>", CourseSite.Index([], apiReference: true));
        Assert.DoesNotContain("api/index.html", CourseSite.Index([]));
    }
}
