using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>"Library types used here" links each library type to a rendered copy of its source.</summary>
public sealed class LibrarySourcesTests : IDisposable
{
    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
    private readonly string _site = Directory.CreateTempSubdirectory("mlcourse-sources-").FullName;

    public void Dispose() => Directory.Delete(_site, recursive: true);

    [Fact]
    public void A_type_is_found_in_every_file_that_declares_it_the_file_named_after_it_first()
    {
        var sources = LibrarySources.Scan(Layout.Root);

        Assert.Equal(["lib/MLCourse/Sequence/Lstm.cs", "lib/MLCourse/Sequence/Lstm.Fast.cs"], sources.FilesOf("Lstm"));
        Assert.Equal("lib/MLCourse.Notebooks/Charts.cs", sources.FilesOf("Charts")[0]);
        Assert.True(sources.FilesOf("Charts").Count >= 6);
        Assert.Empty(sources.FilesOf("LSTM"));   // TorchSharp's, not the library's
    }

    [Fact]
    public void Only_the_types_line_links_and_only_library_types_and_their_members_get_a_link()
    {
        var sources = LibrarySources.Scan(Layout.Root);
        string html = "<p>Library types used here: <code>Vocabulary</code>, <code>Lstm</code> (the six equations, "
            + "<code>CopyFrom</code>), <code>Datasets.MnistDigits</code>; TorchSharp's <code>nn.LSTM</code>.</p>\n<p>Later: <code>Lstm</code>.</p>";

        string linked = sources.LinkTypes(html);

        Assert.Equal("<p>Library types used here: <a href=\"source/Vocabulary.html\"><code>Vocabulary</code></a>, "
            + "<a href=\"source/Lstm.html\"><code>Lstm</code></a> (the six equations, <code>CopyFrom</code>), "
            + "<a href=\"source/Datasets.html\"><code>Datasets.MnistDigits</code></a>; TorchSharp's <code>nn.LSTM</code>.</p>\n"
            + "<p>Later: <code>Lstm</code>.</p>", linked);
        Assert.Equal(["Datasets", "Lstm", "Vocabulary"], sources.Linked);
    }

    [Fact]
    public void Each_linked_type_gets_a_page_with_its_files_source_escaped_and_named()
    {
        var sources = LibrarySources.Scan(Layout.Root);
        sources.LinkTypes("<p>Library types used here: <code>Lstm</code>.</p>");

        int written = sources.WritePages(_site, (title, body) => $"<title>{title}</title>{body}");

        Assert.Equal(1, written);
        string page = File.ReadAllText(Path.Combine(_site, "source", "Lstm.html"));
        Assert.Contains("<title>Lstm — MLCourse library source</title>", page);
        Assert.Contains("<h2><code>lib/MLCourse/Sequence/Lstm.Fast.cs</code></h2>", page);
        Assert.Contains("<code class=\"language-csharp\">", page);
        Assert.Contains("&lt;summary&gt;", page);   // the XML docs, escaped
        Assert.True(page.IndexOf("Lstm.cs<", StringComparison.Ordinal) < page.IndexOf("Lstm.Fast.cs<", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_notebook_has_a_types_line_and_at_least_one_of_its_types_is_linked()
    {
        foreach (string notebook in Layout.DayNotebooks())
        {
            var sources = LibrarySources.Scan(Layout.Root);
            string html = string.Concat(NotebookFile.Read(notebook).Cells.Where(c => c.KernelName == "markdown")
                .Select(c => Markdig.Markdown.ToHtml(c.Contents)));
            sources.LinkTypes(html);
            Assert.True(sources.Linked.Count > 0, $"{Path.GetFileName(notebook)}: no library type linked from a \"Library types used here:\" paragraph");
        }
    }
}
