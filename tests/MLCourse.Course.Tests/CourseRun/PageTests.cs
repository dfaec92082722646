using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// Every notebook's page keeps the rules of <see cref="PageRules"/>: its prose quotes only numbers its
/// run printed (or a reviewed marker explains), it narrates no history, and its exercises keep their
/// answers off the page.
/// </summary>
public class PageTests(NotebookFixture fixture) : IClassFixture<NotebookFixture>
{
    [Theory]
    [MemberData(nameof(NotebookFixture.Notebooks), MemberType = typeof(NotebookFixture))]
    public void The_page_agrees_with_its_run_and_keeps_the_exercise_rules(string notebook)
    {
        string path = Path.Combine(fixture.Layout.Notebooks, notebook);
        var (result, executed, _) = ExecutedNotebooks.ReuseOrRun(fixture.Layout, path,
            Path.Combine(fixture.Layout.Root, "artifacts", "test-notebooks", "run", notebook));
        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));

        var problems = PageRules.Problems(fixture.Layout, path, executed);

        Assert.True(problems.Count == 0, $"{notebook}:\n  " + string.Join("\n  ", problems));
    }
}
