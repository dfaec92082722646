using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>Restores the pinned dotnet-repl once for all notebook tests.</summary>
public sealed class NotebookFixture
{
    public NotebookFixture()
    {
        Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore"], Layout.Root, TimeSpan.FromMinutes(10));
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed: {restore.Output}");
        }
    }

    public CourseLayout Layout { get; }

    /// <summary>Every day notebook's file name, found by listing the folder.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in CourseLayout.FindFrom(AppContext.BaseDirectory).DayNotebooks())
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }
}
