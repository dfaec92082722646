using MLCourse.Data;
using MLCourse.Notebooks;
using MLCourse.Reproducibility;

namespace MLCourse.Tests.Notebooks;

public class ScoreboardTests
{
    private static readonly int Names = Datasets.BabyNames().Count;

    [Fact]
    public void The_split_is_the_one_days_9_to_11_write_out()
    {
        var random = new Random(Seeds.Default);
        int[] shuffled = Enumerable.Range(0, Names).OrderBy(_ => random.Next()).ToArray();

        var (test, validation, train) = Scoreboard.Split(Names);

        Assert.Equal(shuffled[..4000], test);
        Assert.Equal(shuffled[4000..8000], validation);
        Assert.Equal(shuffled[8000..], train);
    }

    [Fact]
    public void A_day_opens_the_board_with_the_recorded_rows_of_the_days_before_it()
    {
        int[] test = Scoreboard.Split(Names).Test;

        Assert.Empty(Scoreboard.Before(9, test).Rows);
        Assert.Equal(Scoreboard.Recorded.Where(r => r.Day < 13), Scoreboard.Before(13, test).Rows);
        Assert.All(Scoreboard.Recorded, r => Assert.InRange(r.Day, 9, 14));
        Assert.Equal(Scoreboard.Recorded.Select(r => r.Day).Order(), Scoreboard.Recorded.Select(r => r.Day));
    }

    [Fact]
    public void Test_names_other_than_day_9s_are_refused_with_the_first_difference()
    {
        int[] test = Scoreboard.Split(Names).Test;
        int[] swapped = [test[1], test[0], .. test[2..]];

        var shuffled = Assert.Throws<ArgumentException>(() => Scoreboard.Before(10, swapped));
        var short_ = Assert.Throws<ArgumentException>(() => Scoreboard.Before(10, test[..100]));

        Assert.Equal("Scoreboard: testRows must be day 9's 4,000 test names in its order, but row 0 is name "
            + $"{test[1]}, where day 9's split has {test[0]}. (Parameter 'testRows')", shuffled.Message);
        Assert.Contains("but has 100 rows", short_.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_counts_the_names_right_and_its_standard_error()
    {
        var board = Scoreboard.Before(9, Scoreboard.Split(Names).Test).Add("rule", 9, 3174 / 4000f, 26);

        var row = Assert.Single(board.Rows);
        Assert.Equal(3174, row.Right);
        Assert.Equal(0.7935, row.Accuracy, 12);
        Assert.Equal(Math.Sqrt(0.7935 * 0.2065 / 4000), row.StandardError, 12);
        Assert.Equal("rule                                   9   3,174    79.3 % ± 0.6          26",
            Scoreboard.Line(row));
    }

    [Fact]
    public void An_accuracy_that_is_not_a_share_of_the_4000_test_names_is_refused()
    {
        var board = Scoreboard.Before(9, Scoreboard.Split(Names).Test);

        var percent = Assert.Throws<ArgumentOutOfRangeException>(() => board.Add("rule", 9, 79.35, 26));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.Add("rule", 9, 0.12345, 26));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.Add("rule", 9, double.NaN, 26));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.Add("rule", 9, 0.5, -1));

        Assert.StartsWith("Scoreboard: accuracy must be a fraction k / 4000 of the test names (between 0 and 1), "
            + "but is 79.35.", percent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_board_prints_a_title_a_header_and_one_line_per_row_in_order()
    {
        var board = Scoreboard.Before(11, Scoreboard.Split(Names).Test).Add("new", 11, 0.5, 10);

        string[] lines = board.ToString().Split(Environment.NewLine);

        Assert.StartsWith("Girl or boy from a first name: day 9's 4,000 test names", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("model", lines[1], StringComparison.Ordinal);
        Assert.Equal(board.Rows.Select(Scoreboard.Line), lines[2..]);
        Assert.Equal("new", board.Rows[^1].Model);
    }
}
