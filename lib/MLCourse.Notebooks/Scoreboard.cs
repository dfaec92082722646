using System.Globalization;
using System.Text;
using MLCourse.Data;
using MLCourse.Errors;
using MLCourse.Reproducibility;

namespace MLCourse.Notebooks;

/// <summary>
/// Part II's running scoreboard: every model that tells from a first name whether it is mostly given
/// to girls or to boys (<c>Datasets.BabyNames()</c>), scored on the same 4,000 test names — day 9's
/// split — by test accuracy ± one standard error, beside its number of parameters. Each day prints
/// the board with the rows of the days before it and adds its own.
/// </summary>
/// <remarks>
/// Days 9, 10, 11, 13, 14 and 15 print a Scoreboard. The rows of earlier days are <see cref="Recorded"/>
/// numbers, not re-trained models (that would not fit a notebook's time budget); the course's
/// ScoreboardTests check each recorded row against the line its own day's executed notebook prints, so
/// a change to a day's model that moves its score fails the tests until the record is updated.
/// </remarks>
public sealed class Scoreboard
{
    /// <summary>The number of test names, the first 4,000 of day 9's shuffle.</summary>
    public const int TestNames = 4000;

    /// <summary>The number of validation names, the next 4,000 of the shuffle.</summary>
    public const int ValidationNames = 4000;

    private const string Component = nameof(Scoreboard);
    private const int ModelWidth = 36;

    /// <summary>One model's score on the board's test names.</summary>
    /// <param name="Model">What the model is, e.g. "RNN, 64 units".</param>
    /// <param name="Day">The day that trains it.</param>
    /// <param name="Right">How many of the <see cref="TestNames"/> it classifies correctly.</param>
    /// <param name="Parameters">Its number of parameters (entries of a rule's lookup table).</param>
    public sealed record Row(string Model, int Day, int Right, long Parameters)
    {
        /// <summary>The test accuracy, <see cref="Right"/> / <see cref="TestNames"/>.</summary>
        public double Accuracy => (double)Right / TestNames;

        /// <summary>One standard error of the accuracy, √(p(1 − p)/n) with n = <see cref="TestNames"/>.</summary>
        public double StandardError => Math.Sqrt(Accuracy * (1 - Accuracy) / TestNames);
    }

    /// <summary>
    /// The rows of days 9–14 as their runs printed them (each checked against its day's executed
    /// notebook by the course tests), in the order the days add them.
    /// </summary>
    public static IReadOnlyList<Row> Recorded { get; } =
    [
        new("majority: always \"girl\"", 9, 2432, 1),
        new("last-letter rule", 9, 3174, 26),
        new("MLP, last 3 letters", 9, 3384, 2113),
        new("MLP, first + last 3 (functional)", 9, 3434, 3937),
        new("RNN, 64 units", 10, 3338, 6081),
        new("RNN, 64 units, read backwards", 11, 3334, 6081),
        new("RNN, 64 units, day 13's recipe", 13, 3420, 5761),
        new("LSTM, 64 units", 13, 3511, 21505),
        new("GRU, 64 units", 14, 3472, 16257),
    ];

    private readonly Row[] _rows;

    private Scoreboard(Row[] rows) => _rows = rows;

    /// <summary>The rows in the order they were added: earlier days first.</summary>
    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>
    /// Day 9's split of <paramref name="names"/> rows: shuffled by a fresh <see cref="Random"/> seeded with
    /// <see cref="Seeds.Default"/> (<c>OrderBy(_ =&gt; random.Next())</c>), then the first 4,000 for test, the
    /// next 4,000 for validation, the rest for training.
    /// </summary>
    /// <param name="names">How many names there are (29,669 in <c>Datasets.BabyNames()</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer names than the test and validation sets hold.</exception>
    public static (int[] Test, int[] Validation, int[] Train) Split(int names)
    {
        if (names <= TestNames + ValidationNames)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(names),
                $"more than {TestNames + ValidationNames} (the test and validation names)", names);
        }
        var random = new Random(Seeds.Default);
        int[] shuffled = Enumerable.Range(0, names).OrderBy(_ => random.Next()).ToArray();
        return (shuffled[..TestNames], shuffled[TestNames..(TestNames + ValidationNames)],
            shuffled[(TestNames + ValidationNames)..]);
    }

    /// <summary>
    /// The board as day <paramref name="day"/> opens it: the <see cref="Recorded"/> rows of the days before.
    /// </summary>
    /// <param name="day">The day printing the board.</param>
    /// <param name="testRows">The day's test names (row indices); they must be day 9's, in its order.</param>
    /// <exception cref="ArgumentException"><paramref name="testRows"/> is not day 9's test split.</exception>
    public static Scoreboard Before(int day, IReadOnlyList<int> testRows)
    {
        ArgumentNullException.ThrowIfNull(testRows);
        int[] expected = Split(Datasets.BabyNames().Count).Test;
        int first = Enumerable.Range(0, Math.Min(expected.Length, testRows.Count))
            .FirstOrDefault(i => testRows[i] != expected[i], -1);
        if (testRows.Count != TestNames || first >= 0)
        {
            throw ErrorMessage.Must(Component, nameof(testRows), "be day 9's 4,000 test names in its order",
                testRows.Count != TestNames ? $"has {testRows.Count} rows"
                : $"row {first} is name {testRows[first]}, where day 9's split has {expected[first]}");
        }
        return new Scoreboard(Recorded.Where(r => r.Day < day).ToArray());
    }

    /// <summary>A new board with one more row, measured on the board's test names.</summary>
    /// <param name="model">What the model is.</param>
    /// <param name="day">The day that trains it.</param>
    /// <param name="accuracy">Its accuracy on the <see cref="TestNames"/> test names, a fraction.</param>
    /// <param name="parameters">Its number of parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="accuracy"/> is not a whole number of the 4,000 names (a fraction, not a percentage), or
    /// <paramref name="parameters"/> is negative.
    /// </exception>
    public Scoreboard Add(string model, int day, double accuracy, long parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        double right = accuracy * TestNames;
        if (!(accuracy is >= 0 and <= 1) || Math.Abs(right - Math.Round(right)) > 1e-3)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(accuracy),
                $"a fraction k / {TestNames} of the test names (between 0 and 1)", accuracy);
        }
        if (parameters < 0)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(parameters), "0 or more", parameters);
        }
        return new Scoreboard([.. _rows, new Row(model, day, (int)Math.Round(right), parameters)]);
    }

    /// <summary>The line <see cref="ToString"/> prints for <paramref name="row"/>.</summary>
    public static string Line(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Create(CultureInfo.InvariantCulture,
            $"{row.Model.PadRight(ModelWidth)} {row.Day,3} {row.Right,7:N0} "
            + $"{100 * row.Accuracy,7:F1} % ± {100 * row.StandardError:F1} {row.Parameters,11:N0}");
    }

    /// <summary>The board as aligned text: a title, a header, then one <see cref="Line"/> per row.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Girl or boy from a first name: day 9's {TestNames:N0} test names (± one standard error, points)"));
        text.AppendLine().Append(string.Create(CultureInfo.InvariantCulture,
            $"{"model".PadRight(ModelWidth)} day   right   test accuracy  parameters"));
        foreach (Row row in _rows)
        {
            text.AppendLine().Append(Line(row));
        }
        return text.ToString();
    }
}
