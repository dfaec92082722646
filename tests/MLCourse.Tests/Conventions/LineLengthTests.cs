namespace MLCourse.Tests.Conventions;

/// <summary>
/// The house's line length: library lines are read side by side with the notes, so none exceeds 120 characters.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLength = 120;

    [Fact]
    public void NoLibraryLineIsLongerThan120Characters()
    {
        string[] tooLong = LibrarySource.LibraryFiles(includeBuild: true)
            .SelectMany(file => File.ReadLines(Path.Combine(LibrarySource.Root, file))
                .Select((line, i) => (file, number: i + 1,
                    length: new System.Globalization.StringInfo(line).LengthInTextElements)))
            .Where(line => line.length > MaxLength)
            .Select(line => $"{line.file}:{line.number}: {line.length} characters")
            .ToArray();
        Assert.True(tooLong.Length == 0,
            $"{tooLong.Length} lines longer than {MaxLength} characters:\n" + string.Join("\n", tooLong));
    }
}
