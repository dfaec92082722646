using System.Text.RegularExpressions;

namespace MLCourse.Tests.Conventions;

/// <summary>
/// The library and the notebooks stay linked (STYLE habit 8): a day a type's remarks name must use the
/// type, and every public type serves a notebook, directly or as part of a type a notebook uses.
/// </summary>
public sealed partial class DayLinkTests
{
    [Fact]
    public void EveryDayATypesRemarksNameUsesTheTypeByName()
    {
        string[] wrong = LibrarySource.PublicTypes
            .SelectMany(type => DaysNamed(type.Remarks).Select(day => (type, day)))
            .Where(link => !LibrarySource.Notebooks.TryGetValue(link.day, out string? notebook)
                || !LibrarySource.Names(notebook, link.type.Name))
            .Select(link => $"{link.type.Files[0]}: {link.type.Name}'s remarks name day {link.day:00}, "
                + $"whose notebook does not use {link.type.Name}")
            .ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void EveryPublicTypeIsUsedByANotebookOrByATypeANotebookUses()
    {
        IReadOnlyList<LibraryType> types = LibrarySource.Types;
        string notebooks = string.Join("\n", LibrarySource.Notebooks.Values) + "\n" + LibrarySource.NotebookScripts;
        var reached = types.Where(type => IsUsedBy(notebooks, type)).ToHashSet();
        var frontier = new Queue<LibraryType>(reached);
        while (frontier.TryDequeue(out LibraryType? user))
        {
            string code = string.Join("\n",
                user.Files.Select(f => LibrarySource.Code(File.ReadAllText(Path.Combine(LibrarySource.Root, f)))));
            foreach (LibraryType used in types.Where(t => !reached.Contains(t) && IsUsedBy(code, t)))
            {
                reached.Add(used);
                frontier.Enqueue(used);
            }
        }
        string[] unused = types.Where(type => type.IsPublic && !reached.Contains(type))
            .Select(type => $"{type.Files[0]}: {type.Name} is used by no notebook, nor by any type a notebook uses")
            .ToArray();
        Assert.True(unused.Length == 0, string.Join("\n", unused));
    }

    [Theory]
    [InlineData("Introduced in notebook day 05.", new[] { 5 })]
    [InlineData("Used by the recurrent layers (days 10–14) and the CNN (day 18).", new[] { 10, 11, 12, 13, 14, 18 })]
    [InlineData("Introduced in day 20; days 21 and 22 use it, as does day 3.", new[] { 20, 21, 22, 3 })]
    [InlineData("No day here: see Conv2d.", new int[0])]
    public void DaysAreReadFromListsAndRanges(string remarks, int[] days)
    {
        Assert.Equal(days, DaysNamed(remarks));
    }

    /// <summary>Every day number in the text: "day 05", "days 10–14", "days 21 and 22", "days 3, 4 or 5".</summary>
    private static IEnumerable<int> DaysNamed(string remarks) =>
        DayMention().Matches(remarks).SelectMany(mention =>
        {
            int[] numbers = Regex.Matches(mention.Groups[1].Value, @"\d+").Select(n => int.Parse(n.Value)).ToArray();
            bool range = Regex.IsMatch(mention.Groups[1].Value, @"\d\s*(?:–|-|to)\s*\d");
            return range && numbers.Length == 2 ? Enumerable.Range(numbers[0], numbers[1] - numbers[0] + 1) : numbers;
        });

    private static bool IsUsedBy(string text, LibraryType type) =>
        LibrarySource.Names(text, type.Name)
            || type.ExtensionMethods.Any(method => Regex.IsMatch(text, $@"\.{method}\b"));

    [GeneratedRegex(@"\b[Dd]ays?\s+(\d{1,2}(?:\s*(?:–|-|,|and|or|to)\s*\d{1,2})*)")]
    private static partial Regex DayMention();
}
