namespace MLCourse.Errors;

/// <summary>
/// Builds the library's error messages in one shape: the component, the argument, what was
/// expected and what was found, so every message reads the same way.
/// </summary>
/// <remarks>Every component's input checks use it; notebook day 10 introduces it, days 11 and 14 use it too.</remarks>
public static class ErrorMessage
{
    /// <summary>"Component: argument must have shape (…), but has shape (…)."</summary>
    public static ArgumentException Shape(string component, string argument, string expected, string actual) =>
        new($"{component}: {argument} must have shape {expected}, but has shape {actual}.", argument);

    /// <summary>"Component: argument must not be empty."</summary>
    public static ArgumentException Empty(string component, string argument) =>
        new($"{component}: {argument} must not be empty.", argument);

    /// <summary>"Component: argument must not be null." as an <see cref="ArgumentNullException"/>.</summary>
    public static ArgumentNullException Null(string component, string argument) =>
        new(argument, $"{component}: {argument} must not be null.");

    /// <summary>
    /// "Component: argument must be at most limit (what), but is actual." for a size computed from other sizes
    /// (a product of dimensions, a padded length) that does not fit the type holding it.
    /// </summary>
    public static ArgumentOutOfRangeException TooLarge(string component, string argument, string what, long limit,
        string actual) =>
        new(argument, $"{component}: {argument} must be at most {limit} ({what}), but is {actual}.");

    /// <summary>"Component: argument must be finite, but … is NaN."</summary>
    public static ArgumentException NotFinite(string component, string argument, string where, double value) =>
        new($"{component}: {argument} must be finite, but {where} is {value}.", argument);

    /// <summary>"Component: argument must be …, but is …."</summary>
    public static ArgumentOutOfRangeException OutOfRange(string component,
        string argument, string expected, object actual) =>
        new(argument, actual, $"{component}: {argument} must be {expected}, but is {actual}.");

    /// <summary>"Component: file, line N: problem." for malformed rows of a data file.</summary>
    public static FormatException BadRow(string component, string file, long line, string problem) =>
        new($"{component}: {file}, line {line}: {problem}.");

    /// <summary>"Component: file: problem." for a data file that is malformed as a whole (header, length).</summary>
    public static FormatException BadFile(string component, string file, string problem) =>
        new($"{component}: {file}: {problem}.");

    /// <summary>
    /// "Component: argument must rule, but found." for an argument that breaks a rule other than a range or a
    /// shape: <c>Must("Table", "columns", "have equal lengths", "have 'a' 1, 'b' 2")</c>.
    /// </summary>
    public static ArgumentException Must(string component, string argument, string rule, string found) =>
        new(MustText(component, argument, rule, found), argument);

    /// <summary>
    /// The text of <see cref="Must"/>, "Component: subject must rule, but found.", for an exception of another
    /// type (an <see cref="InvalidOperationException"/> about the object's own state).
    /// </summary>
    public static string MustText(string component, string subject, string rule, string found) =>
        $"{component}: {subject} must {rule}, but {found}.";

    /// <summary>
    /// "Component: file[, where]: subject must rule, but found." as a <see cref="FormatException"/>, for a data
    /// file: <paramref name="where"/> names the component and the file (and the line or table), e.g.
    /// "JsonTable: data.json"; <paramref name="subject"/> what breaks the rule, e.g. "record 3".
    /// </summary>
    public static FormatException MustInFile(string where, string subject, string rule, string found) =>
        new(MustText(where, subject, rule, found));

    /// <summary>
    /// "Component: no what 'x'; the whats are 'a', 'b'." as a <see cref="KeyNotFoundException"/>, for a name
    /// (a column, a step) that is not one of the known ones.
    /// </summary>
    public static KeyNotFoundException Unknown(string component, string what, string name, IEnumerable<string> known) =>
        new(UnknownText(component, what, name, known));

    /// <summary>
    /// "Component: argument has found; the known knownWhat are 'a', 'b', … (n in all)[; remedy]." for a value
    /// (a category, a token) that was not seen when fitting: <c>found</c> says which and where, e.g.
    /// "an unknown category 'x' in column 0 at row 1". At most <see cref="ListedNames"/> known names are listed.
    /// </summary>
    public static ArgumentException UnknownValue(string component, string argument, string found, string knownWhat,
        IReadOnlyCollection<string> known, string? remedy = null) =>
        new($"{component}: {argument} has {found}; the known {knownWhat} are {QuotedFew(known)}"
            + $"{(remedy is null ? "" : $"; {remedy}")}.", argument);

    /// <summary>How many names <see cref="UnknownValue"/> lists before it says how many there are in all.</summary>
    public const int ListedNames = 10;

    /// <summary>
    /// "Component: no what 'x'; the whats are 'a', 'b'." for a name that is not one of the known ones.
    /// </summary>
    public static string UnknownText(string component, string what, string name, IEnumerable<string> known) =>
        $"{component}: no {what} '{name}'; the {what}s are {Quoted(known)}.";

    /// <summary>
    /// "Component: what 'x' must be expected, but is actual." for a value of the wrong kind (a text column where
    /// numbers are needed).
    /// </summary>
    public static ArgumentException WrongKind(string component, string argument,
        string what, string name, string expected, object actual) =>
        new($"{component}: {what} '{name}' must be {expected}, but is {actual}.", argument);

    /// <summary>
    /// The first <see cref="ListedNames"/> names quoted and comma-separated, then "… (n in all)" if there are more.
    /// </summary>
    public static string QuotedFew(IReadOnlyCollection<string> names) =>
        names.Count <= ListedNames ? Quoted(names) : $"{Quoted(names.Take(ListedNames))}, … ({names.Count} in all)";

    /// <summary>The names quoted and comma-separated: <c>'a', 'b'</c>.</summary>
    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>Formats a shape the way NumPy and PyTorch print it: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string FormatShape(params long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
