using MLCourse.Errors;

namespace MLCourse.Notebooks;

/// <summary>One named line of a chart: y against x.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, one per x.</param>
/// <remarks>
/// Two optional settings: <see cref="XLabels"/> writes a token or letter under each x (a sequence
/// read step by step), and <see cref="Errors"/> draws an error bar at each point (± one standard
/// error where the text prints ±). Introduced in notebook day 01.
/// </remarks>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    private readonly IReadOnlyList<string>? _xLabels;
    private readonly IReadOnlyList<double>? _errors;

    /// <summary>
    /// The text written under each x value instead of the number, one per x (e.g. the letters of a
    /// name read step by step, the tokens of a sentence); null for numbers. Every label is kept, a
    /// repeated letter too.
    /// </summary>
    /// <exception cref="ArgumentException">Not one label per x value.</exception>
    public IReadOnlyList<string>? XLabels
    {
        get => _xLabels;
        init
        {
            RequireOnePerX(nameof(XLabels), value?.Count);
            _xLabels = value;
        }
    }

    /// <summary>
    /// The half-length of an error bar at each point (e.g. one standard error: the bar spans y ± error),
    /// one per y value; null for no error bars.
    /// </summary>
    /// <exception cref="ArgumentException">Not one error per y value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An error is negative or NaN.</exception>
    public IReadOnlyList<double>? Errors
    {
        get => _errors;
        init
        {
            RequireOnePerX(nameof(Errors), value?.Count);
            int bad = value is null ? -1 : value.ToList().FindIndex(e => !(e >= 0));
            if (bad >= 0)
            {
                throw ErrorMessage.OutOfRange("Series", $"{nameof(Errors)}[{bad}]", "a half-length of 0 or more",
                    value![bad]);
            }
            _errors = value;
        }
    }

    /// <summary>
    /// True when the x values are dates (milliseconds since 1970-01-01, as plotly.js reads a date axis):
    /// <see cref="Charts"/> then draws a date axis, with ticks such as "Jul 2013". Set by
    /// <see cref="OverDates"/>.
    /// </summary>
    public bool XIsDate { get; init; }

    /// <summary>
    /// A series over calendar days: each date is drawn at its place on a date axis (ticks "2013", "Jul 2013", …),
    /// e.g. <c>Series.OverDates("online SGD", days.Select(d => d.Date).ToArray(), errors)</c>.
    /// </summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="dates">One date per value, in any order.</param>
    /// <param name="y">One value per date.</param>
    /// <exception cref="ArgumentException">Not one value per date.</exception>
    public static Series OverDates(string name, IReadOnlyList<DateOnly> dates, IReadOnlyList<double> y)
    {
        if (dates is null || y is null)
        {
            throw ErrorMessage.Null("Series", dates is null ? nameof(dates) : nameof(y));
        }
        if (dates.Count != y.Count)
        {
            throw ErrorMessage.Shape("Series", nameof(y), ErrorMessage.FormatShape(dates.Count) + " (one per date)",
                ErrorMessage.FormatShape(y.Count));
        }
        double[] x = dates.Select(d => (double)(d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)
            * 86_400_000).ToArray();
        return new Series(name, x, y) { XIsDate = true };
    }

    /// <summary>A series whose x values are 0, 1, 2, … (e.g. epochs or examples seen).</summary>
    public static Series Indexed(string name, IReadOnlyList<double> y) =>
        new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);

    /// <summary>
    /// A series over the steps of a sequence: x = 1, 2, …, labelled with the step's token, e.g.
    /// <c>Series.Steps("P(girl)", "olivia", p)</c> writes o, l, i, v, i, a under the six values.
    /// </summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="tokens">One token per step, in reading order.</param>
    /// <param name="y">One value per step.</param>
    /// <exception cref="ArgumentException">Not one value per token.</exception>
    public static Series Steps(string name, IReadOnlyList<string> tokens, IReadOnlyList<double> y) =>
        new(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y) { XLabels = tokens };

    /// <summary>
    /// A series over the letters of <paramref name="text"/>, x = 1, 2, …; see
    /// <see cref="Steps(string, IReadOnlyList{string}, IReadOnlyList{double})"/>.
    /// </summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="text">The text read, one value per character (a space is written as ␣).</param>
    /// <param name="y">One value per character.</param>
    public static Series Steps(string name, string text, IReadOnlyList<double> y) =>
        Steps(name, Letters(text), y);

    /// <summary>
    /// The characters of <paramref name="text"/> as tick labels, a space written as ␣ so that it is seen.
    /// </summary>
    public static string[] Letters(string text) => text.Select(c => c == ' ' ? "␣" : c.ToString()).ToArray();

    private void RequireOnePerX(string argument, int? count)
    {
        if (count is { } n && n != X.Count)
        {
            throw ErrorMessage.Shape("Series", argument, ErrorMessage.FormatShape(X.Count) + " (one per x value)",
                ErrorMessage.FormatShape(n));
        }
    }
}
