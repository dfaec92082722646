using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.CourseRun.Site;

/// <summary>
/// "Library types used here" links each public library type to its API reference page (a type the
/// library keeps internal to a rendered copy of its source), and every type gets a source page.
/// </summary>
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
            + "<code>CopyFrom</code>), <code>Datasets.MnistDigits</code>, <code>CartBuilder</code>; TorchSharp's <code>nn.LSTM</code>.</p>\n"
            + "<p>Later: <code>Lstm</code>.</p>";

        string linked = sources.LinkTypes(html, "day-13-lstm.html");

        Assert.Equal("<p>Library types used here: <a href=\"api/types/MLCourse.Text.Vocabulary.html\"><code>Vocabulary</code></a>, "
            + "<a href=\"api/types/MLCourse.Sequence.Lstm.html\"><code>Lstm</code></a> (the six equations, <code>CopyFrom</code>), "
            + "<a href=\"api/types/MLCourse.Data.Datasets.html\"><code>Datasets.MnistDigits</code></a>, "
            + "<a href=\"source/CartBuilder.html\"><code>CartBuilder</code></a>; TorchSharp's <code>nn.LSTM</code>.</p>\n"
            + "<p>Later: <code>Lstm</code>.</p>", linked);   // CartBuilder is internal: no API page, its source
        Assert.Equal(["CartBuilder", "Datasets", "Lstm", "Vocabulary"], sources.Linked);
        Assert.Equal(["day-13-lstm.html"], sources.UsedOn["Lstm"]);
    }

    [Fact]
    public void A_public_types_uid_is_its_full_name_with_its_number_of_type_parameters()
    {
        var sources = LibrarySources.Scan(Layout.Root);

        Assert.Equal("MLCourse.Sequence.Lstm", sources.UidOf("Lstm"));
        Assert.Equal("MLCourse.Pipelines.ModelPipeline`1", sources.UidOf("ModelPipeline"));
        Assert.Equal("MLCourse.ModelSelection.GridSearch`2", sources.UidOf("GridSearch"));
        Assert.Equal("MLCourse.Notebooks.Charts", sources.UidOf("Charts"));
        Assert.Null(sources.UidOf("CartBuilder"));   // internal
        Assert.Equal("api/types/MLCourse.Pipelines.ModelPipeline-1.html", ApiReference.PageOf("MLCourse.Pipelines.ModelPipeline`1"));
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
    public void Every_type_a_day_names_is_a_public_type_of_the_libraries_so_it_has_an_api_page()
    {
        var exported = new[] { typeof(MLCourse.Sequence.Lstm).Assembly, typeof(MLCourse.Notebooks.Charts).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        var sources = LibrarySources.Scan(Layout.Root);
        foreach (string notebook in Layout.DayNotebooks())
        {
            sources.LinkTypes(string.Concat(NotebookFile.Read(notebook).Cells.Where(c => c.KernelName == "markdown")
                .Select(c => Markdig.Markdown.ToHtml(c.Contents))), Path.GetFileName(notebook));
        }

        // docfx documents exactly the exported types, each under its full name as uid.
        var unresolved = sources.UsedOn.Keys.Where(type => sources.UidOf(type) is not { } uid || !exported.Contains(uid)).ToList();
        Assert.True(unresolved.Count == 0, $"named in a day's types line but not a public type of MLCourse or MLCourse.Notebooks: {string.Join(", ", unresolved)}");
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
