using Microsoft.DotNet.Interactive.Documents;
using MLCourse.CourseRunner;
using MLCourse.Notebooks;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>
/// The Part II scoreboard's recorded rows (<see cref="Scoreboard.Recorded"/>), which later days print
/// instead of re-training the models, are exactly the lines their own day's run prints: a change to a
/// day's model that moves its score cannot leave a stale number on the later days' boards.
/// </summary>
public class ScoreboardTests(NotebookFixture fixture) : IClassFixture<NotebookFixture>
{
    /// <summary>Every day that has recorded rows.</summary>
    public static TheoryData<int> RecordedDays() => new(Scoreboard.Recorded.Select(r => r.Day).Distinct());

    [Theory]
    [MemberData(nameof(RecordedDays))]
    public void Each_recorded_row_is_the_line_its_day_prints(int day)
    {
        string path = fixture.Layout.DayNotebooks().Single(n => Path.GetFileName(n).StartsWith($"day-{day:00}-", StringComparison.Ordinal));
        var (result, executed, _) = ExecutedNotebooks.ReuseOrRun(fixture.Layout, path,
            Path.Combine(fixture.Layout.Root, "artifacts", "test-notebooks", "run", Path.GetFileName(path)));
        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => $"code cell {e.Cell}: {e.Message}")));
        var printed = NotebookFile.Read(executed).CodeCells
            .SelectMany(cell => cell.Outputs.OfType<TextElement>())
            .SelectMany(text => text.Text.Split('\n'))
            .Select(line => line.TrimEnd('\r'))
            .ToHashSet(StringComparer.Ordinal);

        string[] stale = Scoreboard.Recorded.Where(r => r.Day == day).Select(Scoreboard.Line)
            .Where(line => !printed.Contains(line)).ToArray();

        Assert.True(stale.Length == 0, $"day {day}'s run does not print these recorded rows of Scoreboard.Recorded "
            + "(update them to what the day prints):\n  " + string.Join("\n  ", stale));
    }
}
