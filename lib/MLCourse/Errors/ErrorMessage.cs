namespace MLCourse.Errors;

/// <summary>
/// Builds the library's error messages in one shape: the component, the argument, what was
/// expected and what was found, so every message reads the same way.
/// </summary>
/// <remarks>Introduced with the foundation of the course (notebooks day 01 and day 02).</remarks>
public static class ErrorMessage
{
    /// <summary>"Component: argument must have shape (…), but has shape (…)."</summary>
    public static ArgumentException Shape(string component, string argument, string expected, string actual) =>
        new($"{component}: {argument} must have shape {expected}, but has shape {actual}.", argument);

    /// <summary>"Component: argument must not be empty."</summary>
    public static ArgumentException Empty(string component, string argument) =>
        new($"{component}: {argument} must not be empty.", argument);

    /// <summary>"Component: argument must be finite, but … is NaN."</summary>
    public static ArgumentException NotFinite(string component, string argument, string where, double value) =>
        new($"{component}: {argument} must be finite, but {where} is {value}.", argument);

    /// <summary>"Component: argument must be …, but is …."</summary>
    public static ArgumentOutOfRangeException OutOfRange(string component, string argument, string expected, object actual) =>
        new(argument, actual, $"{component}: {argument} must be {expected}, but is {actual}.");

    /// <summary>"Component: file, line N: problem." for malformed rows of a data file.</summary>
    public static FormatException BadRow(string component, string file, long line, string problem) =>
        new($"{component}: {file}, line {line}: {problem}.");

    /// <summary>"Component: file: problem." for a data file that is malformed as a whole (header, length).</summary>
    public static FormatException BadFile(string component, string file, string problem) =>
        new($"{component}: {file}: {problem}.");

    /// <summary>"Component: no what 'x'; the whats are 'a', 'b'." for a name that is not one of the known ones.</summary>
    public static string UnknownText(string component, string what, string name, IEnumerable<string> known) =>
        $"{component}: no {what} '{name}'; the {what}s are {Quoted(known)}.";

    /// <summary>"Component: what 'x' must be expected, but is actual." for a value of the wrong kind (a text column where numbers are needed).</summary>
    public static ArgumentException WrongKind(string component, string argument, string what, string name, string expected, object actual) =>
        new($"{component}: {what} '{name}' must be {expected}, but is {actual}.", argument);

    /// <summary>The names quoted and comma-separated: <c>'a', 'b'</c>.</summary>
    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>Formats a shape the way NumPy and PyTorch print it: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string FormatShape(params long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
