using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace MLCourse.CourseRunner;

/// <summary>
/// Holds a notebook's prose to its run: every decimal number and percentage that a markdown cell
/// quotes must be one that the notebook's executed run printed (rounded as the prose writes it), or
/// one its code sets, or be listed in the cell's reviewed marker, an HTML comment that the page does
/// not show:
/// <code>&lt;!-- numbers: 0.05 = the notes' threshold; 79.4 % = day 14 --&gt;</code>
/// An entry whose reason starts with "day NN" quotes another day's run and is checked against that
/// day's executed notebook; any other reason marks a constant, a derivation or a quote of a source,
/// and is taken as reviewed. A marker entry that the cell no longer quotes is itself a problem.
/// </summary>
/// <remarks>
/// What counts as printed: text and HTML outputs (tables, exercise boxes with their folds), with
/// charts reduced to their titles, names and cell labels — not the data they plot, since a number
/// read off a chart is one the notebook should print. Code spans, fenced code and links' addresses
/// in the prose are not quotes. Integers are not checked (counts and sizes are set by the code).
/// </remarks>
public static partial class ProseNumbers
{
    /// <summary>A number as written: its text, value, and half the unit of its last digit.</summary>
    /// <param name="Text">The number as written, e.g. "82.9 %".</param>
    /// <param name="Value">Its value (82.9).</param>
    /// <param name="HalfUnit">How far a printed value may be and still round to it (0.05).</param>
    /// <param name="Percent">Whether it is written as a percentage.</param>
    public sealed record Number(string Text, double Value, double HalfUnit, bool Percent);

    /// <summary>An entry of a cell's marker: the number as written and why it need not be printed.</summary>
    /// <param name="Text">The number as the prose writes it.</param>
    /// <param name="Reason">The reviewed reason; "day NN …" quotes day NN's run.</param>
    /// <param name="Day">The day whose run it quotes, or null.</param>
    public sealed record MarkerEntry(string Text, string Reason, int? Day);

    /// <summary>
    /// The problems of one notebook: "markdown cell N: …", one per quoted number that its run does not
    /// print and no marker explains, per marker entry that is stale, and per quote of another day that
    /// the other day's run does not print.
    /// </summary>
    /// <param name="notebookPath">The committed notebook (its markdown and code).</param>
    /// <param name="executedPath">Its executed copy (its outputs).</param>
    /// <param name="executedOfDay">The executed notebook of another day, or null when there is none.</param>
    public static IReadOnlyList<string> Problems(string notebookPath, string executedPath, Func<int, string?> executedOfDay)
    {
        NotebookFile source = NotebookFile.Read(notebookPath);
        List<Number> printed = Printed(NotebookFile.Read(executedPath));
        var setByCode = source.CodeCells.SelectMany(c => Numbers(Uncommented(c.Contents))).Select(n => n.Value).ToHashSet();
        var otherDays = new Dictionary<int, List<Number>?>();
        var problems = new List<string>();
        int markdownCell = 0;
        foreach (InteractiveDocumentElement cell in source.Cells.Where(c => c.KernelName == "markdown"))
        {
            markdownCell++;
            string where = $"markdown cell {markdownCell}";
            List<MarkerEntry> marker = Markers(cell.Contents, out string? markerProblem);
            if (markerProblem is not null)
            {
                problems.Add($"{where}: {markerProblem}");
            }
            List<Number> quoted = Quoted(cell.Contents);
            foreach (MarkerEntry entry in marker)
            {
                if (!quoted.Any(q => Same(q.Text, entry.Text)))
                {
                    problems.Add($"{where}: the marker lists {entry.Text} ({entry.Reason}), which the cell does not quote.");
                }
                else if (entry.Day is int day && Quoted(entry.Text) is [var number])
                {
                    if (!otherDays.TryGetValue(day, out List<Number>? theirs))
                    {
                        theirs = executedOfDay(day) is { } path && File.Exists(path) ? Printed(NotebookFile.Read(path)) : null;
                        otherDays[day] = theirs;
                    }
                    if (theirs is null)
                    {
                        problems.Add($"{where}: {entry.Text} quotes day {day}, whose executed notebook is missing.");
                    }
                    else if (!theirs.Any(p => Matches(number, p)))
                    {
                        problems.Add($"{where}: {entry.Text} quotes day {day}, whose run does not print it.");
                    }
                }
            }
            foreach (Number q in quoted)
            {
                if (marker.Any(e => Same(e.Text, q.Text))
                    || setByCode.Contains(q.Value) || (q.Percent && setByCode.Contains(q.Value / 100))
                    || printed.Any(p => Matches(q, p)))
                {
                    continue;
                }
                problems.Add($"{where}: \"{q.Text}\" is not printed by the run (nor set by the code, nor in the cell's "
                    + $"<!-- numbers: … --> marker): {Context(cell.Contents, q.Text)}");
            }
        }
        return problems;
    }

    /// <summary>Whether a printed number rounds to the quoted one (as a percentage of a fraction too).</summary>
    public static bool Matches(Number quoted, Number printed)
    {
        double q = Math.Abs(quoted.Value), p = Math.Abs(printed.Value);
        double slack = quoted.HalfUnit * (1 + 1e-9) + 1e-15;
        return Math.Abs(p - q) <= slack
            || (quoted.Percent && !printed.Percent && Math.Abs(100 * p - q) <= slack);
    }

    /// <summary>The decimal numbers and percentages a markdown cell quotes (its marker, code and links left out).</summary>
    public static List<Number> Quoted(string markdown) =>
        Numbers(NotProse().Replace(markdown, " ")).Where(n => n.Percent || n.Text.Contains('.') || n.Text.Contains('e', StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The entries of a cell's <c>&lt;!-- numbers: … --&gt;</c> marker.</summary>
    public static List<MarkerEntry> Markers(string markdown, out string? problem)
    {
        problem = null;
        var entries = new List<MarkerEntry>();
        foreach (Match marker in Marker().Matches(markdown))
        {
            foreach (string part in marker.Groups["body"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0 || part[(eq + 1)..].Trim().Length == 0)
                {
                    problem = $"the marker entry \"{part}\" should read \"NUMBER = reason\".";
                    continue;
                }
                string reason = part[(eq + 1)..].Trim();
                Match day = DayReason().Match(reason);
                entries.Add(new MarkerEntry(part[..eq].Trim(), reason, day.Success ? int.Parse(day.Groups[1].Value, CultureInfo.InvariantCulture) : null));
            }
        }
        return entries;
    }

    /// <summary>Every number the run printed: text and HTML outputs, charts by their titles and labels.</summary>
    public static List<Number> Printed(NotebookFile executed)
    {
        var numbers = new List<Number>();
        foreach (InteractiveDocumentElement cell in executed.CodeCells)
        {
            foreach (InteractiveDocumentOutputElement output in cell.Outputs)
            {
                IEnumerable<string> texts = output is TextElement t
                    ? [t.Text]
                    : NotebookFile.DataOf(output)?.Values.Select(NotebookFile.MimeText) ?? [];
                foreach (string text in texts)
                {
                    numbers.AddRange(Numbers(Readable(text)));
                }
            }
        }
        return numbers;
    }

    // What a reader sees of an output: scripts (charts) reduced to their quoted labels, tags removed.
    private static string Readable(string output)
    {
        string labels = Script().Replace(output, m => string.Join(" ; ", ChartLabel().Matches(m.Value).Select(l => Regex.Unescape(l.Groups[1].Value))));
        return System.Net.WebUtility.HtmlDecode(Tag().Replace(labels, " "));
    }

    /// <summary>Every number written in <paramref name="text"/>: thousands separators, decimals, exponents, percentages.</summary>
    public static List<Number> Numbers(string text)
    {
        var numbers = new List<Number>();
        foreach (Match m in NumberPattern().Matches(text))
        {
            string digits = m.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
            string frac = m.Groups["frac"].Value;
            string exp = m.Groups["exp"].Value.Replace('−', '-');
            double value = double.Parse(digits + (frac.Length > 0 ? "." + frac : "") + (exp.Length > 0 ? "e" + exp : ""), CultureInfo.InvariantCulture);
            double half = 0.5 * Math.Pow(10, (exp.Length > 0 ? int.Parse(exp, CultureInfo.InvariantCulture) : 0) - frac.Length);
            numbers.Add(new Number(m.Value.Trim(), value, half, m.Groups["pct"].Success));
        }
        return numbers;
    }

    private static bool Same(string a, string b) => Normal(a) == Normal(b);

    private static string Normal(string number) => number.Replace(" ", "", StringComparison.Ordinal).Replace('−', '-').Replace(" ", "", StringComparison.Ordinal);

    private static string Uncommented(string code) => LineComment().Replace(code, "");

    private static string Context(string markdown, string quote)
    {
        string flat = string.Join(' ', markdown.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        int at = flat.IndexOf(quote, StringComparison.Ordinal);
        return at < 0 ? "" : "…" + flat[Math.Max(0, at - 50)..Math.Min(flat.Length, at + quote.Length + 30)] + "…";
    }

    [GeneratedRegex(@"(?<![\w.,])(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?:[eE](?<exp>[−+-]?\d+))?(?<pct>\s?%)?(?![\w])")]
    private static partial Regex NumberPattern();

    // Fenced code, code spans, HTML comments (the marker) and links' addresses are not quotes.
    [GeneratedRegex(@"```.*?```|`[^`]*`|<!--.*?-->|\]\([^)]*\)", RegexOptions.Singleline)]
    private static partial Regex NotProse();

    [GeneratedRegex(@"<!--\s*numbers:(?<body>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^day\s*(\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayReason();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex("\"(?:text|name)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ChartLabel();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("//[^\n]*")]
    private static partial Regex LineComment();
}
