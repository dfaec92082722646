using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;

namespace MLCourse.Notebooks;

/// <summary>
/// The course's exercises: the learner writes code or commits to a prediction in an exercise cell,
/// and the cell below checks it with one call. A check never holds its answer: it compares the
/// learner's code with the library or TorchSharp on fresh inputs (<see cref="Check"/>), runs the
/// experiment and compares its outcome with the prediction (<see cref="Predict(string, string?, string, string)"/>),
/// or compares a hash (<see cref="Recall"/>). It reports one of four states and never fails the notebook.
/// </summary>
/// <remarks>
/// The cell pattern, used from day 01 on:
/// <code>
/// // Exercise 1: one online SGD step            ← the exercise cell; its first line names it
/// double[] SgdStep(double[] w, double[] x, double y, double eta) =&gt; Exercise.Todo&lt;double[]&gt;();
///
/// Exercise.Check("1", () =&gt; Exercise.Compare("w after one step", SgdStep(...), reference), hint: "…");
/// </code>
/// Placeholders (<see cref="Todo{T}"/>, a <c>null</c> prediction) make a check report "not yet".
/// Every exercise cell has a reference solution in <c>notebooks/solutions/</c>; the course's tests run
/// each notebook with its solutions substituted (every check must pass) and as committed (every check
/// must say "not yet").
/// </remarks>
public static class Exercise
{
    /// <summary>Stands for code the learner has not written yet; a check that meets it reports "not yet".</summary>
    /// <exception cref="ExerciseNotDoneException">Always.</exception>
    public static T Todo<T>() => throw new ExerciseNotDoneException();

    /// <summary>
    /// Stands for statements the learner has not written yet; a check that meets it reports "not yet".
    /// </summary>
    /// <exception cref="ExerciseNotDoneException">Always.</exception>
    public static void Todo() => throw new ExerciseNotDoneException();

    /// <summary>
    /// Implement-and-check: runs <paramref name="check"/>, which calls the learner's code on fresh
    /// inputs and compares it with a reference (see the <c>Compare</c> helpers); null means it agrees,
    /// a text says what differs.
    /// </summary>
    /// <param name="id">The exercise's number or name, as the exercise cell's first line gives it.</param>
    /// <param name="check">Returns null when the learner's code agrees with the reference, else what differs.</param>
    /// <param name="hint">Shown when the code does not agree yet.</param>
    public static void Check(string id, Func<string?> check, string hint)
    {
        ArgumentNullException.ThrowIfNull(check);
        ExerciseResult result;
        try
        {
            string? problem = check();
            result = problem is null
                ? new ExerciseResult(id, ExerciseStatus.Passed, "your code agrees with the reference on fresh inputs.")
                : new ExerciseResult(id, ExerciseStatus.Wrong, $"{problem}. Hint: {hint}");
        }
        catch (Exception e) when (IsNotDone(e))
        {
            result = new ExerciseResult(id, ExerciseStatus.Pending,
                $"write your code in the exercise cell, run it, then run this cell. Hint: {hint}");
        }
        catch (Exception e)
        {
            Exception inner = e is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : e;
            result = new ExerciseResult(id, ExerciseStatus.Error,
                $"your code threw {inner.GetType().Name}: {inner.Message} Hint: {hint}");
        }
        Report(result);
    }

    /// <summary>
    /// Predict-then-run with a word: compares the learner's <paramref name="prediction"/> (case and
    /// surrounding spaces ignored; null = not made yet) with the <paramref name="outcome"/> the
    /// experiment just measured, and explains it.
    /// </summary>
    /// <param name="id">The exercise's number or name.</param>
    /// <param name="prediction">The learner's prediction, made before running the
    /// experiment; null while not made.</param>
    /// <param name="outcome">What the experiment measured, in the same words as the choices offered.</param>
    /// <param name="why">Why it comes out so: shown once a prediction is made, right or wrong.</param>
    public static void Predict(string id, string? prediction, string outcome, string why)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (prediction is null)
        {
            Report(new ExerciseResult(id, ExerciseStatus.Pending,
                "write your prediction in the exercise cell before you run the experiment."));
            return;
        }
        bool held = string.Equals(prediction.Trim(), outcome.Trim(), StringComparison.OrdinalIgnoreCase);
        Report(new ExerciseResult(id, held ? ExerciseStatus.Passed : ExerciseStatus.Wrong,
            held ? $"your prediction \"{prediction.Trim()}\" held. Why: {why}"
                 : $"you predicted \"{prediction.Trim()}\"; the experiment says \"{outcome}\". Why: {why}"));
    }

    /// <summary>
    /// Predict-then-run with a number: the prediction holds when it is within
    /// <paramref name="tolerance"/> of the measured <paramref name="outcome"/>.
    /// </summary>
    /// <param name="id">The exercise's number or name.</param>
    /// <param name="prediction">The learner's number; null while not made.</param>
    /// <param name="outcome">The measured value.</param>
    /// <param name="tolerance">How far off a prediction may be and still hold (absolute).</param>
    /// <param name="why">Why it comes out so: shown once a prediction is made.</param>
    public static void Predict(string id, double? prediction, double outcome, double tolerance, string why)
    {
        if (prediction is not { } p)
        {
            Report(new ExerciseResult(id, ExerciseStatus.Pending,
                "write your prediction in the exercise cell before you run the experiment."));
            return;
        }
        bool held = Math.Abs(p - outcome) <= tolerance;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"you predicted {p:G4}; the experiment measured {outcome:G4} "
            + $"(a prediction within {tolerance:G3} holds). Why: {why}");
        Report(new ExerciseResult(id, held ? ExerciseStatus.Passed : ExerciseStatus.Wrong,
            (held ? "held: " : "") + text));
    }

    /// <summary>
    /// A recall question: compares the SHA-256 of the normalised <paramref name="answer"/> (see
    /// <see cref="Hash"/>) with <paramref name="sha256"/>, so the notebook does not hold the answer.
    /// </summary>
    /// <param name="id">The exercise's number or name.</param>
    /// <param name="answer">The learner's answer; null while not given.</param>
    /// <param name="sha256">The first 16 or more hex digits of <see cref="Hash"/> of the right answer.</param>
    /// <param name="hint">Shown while the answer is not right.</param>
    public static void Recall(string id, string? answer, string sha256, string hint)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length < 16)
        {
            throw new ArgumentException(
                $"Exercise.Recall: argument 'sha256' should have at least 16 hex digits, got {sha256.Length}.",
                nameof(sha256));
        }
        if (answer is null)
        {
            Report(new ExerciseResult(id, ExerciseStatus.Pending,
                $"write your answer in the exercise cell. Hint: {hint}"));
            return;
        }
        bool right = Hash(answer).StartsWith(sha256, StringComparison.OrdinalIgnoreCase);
        Report(new ExerciseResult(id, right ? ExerciseStatus.Passed : ExerciseStatus.Wrong,
            right ? "right." : $"\"{answer}\" is not it. Hint: {hint}"));
    }

    /// <summary>
    /// The SHA-256 (hex) of an answer after normalising it: trimmed, lower case, runs of white space
    /// made one space. How a recall question's expected hash is made.
    /// </summary>
    public static string Hash(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        string normal = string.Join(' ',
            answer.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }

    /// <summary>
    /// Compares a learner's number with the reference: null when within <paramref name="tolerance"/>,
    /// else the difference.
    /// </summary>
    /// <param name="what">What the number is, in the learner's words ("the loss").</param>
    /// <param name="yours">The learner's value.</param>
    /// <param name="reference">The library's or TorchSharp's value on the same inputs.</param>
    /// <param name="tolerance">Largest absolute difference that agrees.</param>
    public static string? Compare(string what, double yours, double reference, double tolerance = 1e-9) =>
        Math.Abs(yours - reference) <= tolerance ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{what} differs from the reference by {yours - reference:G3}");

    /// <summary>
    /// Compares two lists element by element: null when every element is within <paramref name="tolerance"/>, else the
    /// shape or the worst element.
    /// </summary>
    public static string? Compare(string what, IReadOnlyList<double> yours,
        IReadOnlyList<double> reference, double tolerance = 1e-9)
    {
        if (yours is null)
        {
            return $"{what} is null";
        }
        if (yours.Count != reference.Count)
        {
            return $"{what} has {yours.Count} values; expected {reference.Count}";
        }
        if (yours.Count == 0)
        {
            return null;
        }
        int worst = WorstIndex(yours, reference);
        double largest = Gap(yours[worst], reference[worst]);
        return largest <= tolerance ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{what} differs from the reference by {yours[worst] - reference[worst]:G3} at index {worst}");
    }

    /// <summary>Compares two arrays element by element (see the list overload).</summary>
    public static string? Compare(string what, double[] yours, double[] reference, double tolerance = 1e-9) =>
        Compare(what, (IReadOnlyList<double>)yours, reference, tolerance);

    /// <summary>Compares two vectors element by element (see the list overload).</summary>
    public static string? Compare(string what, Vector<double> yours,
        Vector<double> reference, double tolerance = 1e-9) =>
        yours is null ? $"{what} is null" : Compare(what, yours.ToArray(), reference.ToArray(), tolerance);

    /// <summary>Compares two matrices: the shape first, then the worst element, named by (row, column).</summary>
    public static string? Compare(string what, Matrix<double> yours, Matrix<double> reference, double tolerance = 1e-9)
    {
        if (yours is null)
        {
            return $"{what} is null";
        }
        if (yours.RowCount != reference.RowCount || yours.ColumnCount != reference.ColumnCount)
        {
            return $"{what} has shape ({yours.RowCount}, {yours.ColumnCount}); "
                + $"expected ({reference.RowCount}, {reference.ColumnCount})";
        }
        double[] a = yours.ToColumnMajorArray(), b = reference.ToColumnMajorArray();
        if (Compare(what, a, b, tolerance) is null)
        {
            return null;
        }
        int flat = WorstIndex(a, b);
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} differs from the reference by {a[flat] - b[flat]:G3} "
            + $"at ({flat % yours.RowCount}, {flat / yours.RowCount})");
    }

    /// <summary>Compares two tensors: the shape first, then the worst element, named by its index.</summary>
    public static string? Compare(string what, torch.Tensor yours, torch.Tensor reference, double tolerance = 1e-6)
    {
        if (yours is null)
        {
            return $"{what} is null";
        }
        if (!yours.shape.SequenceEqual(reference.shape))
        {
            return $"{what} has shape ({string.Join(", ", yours.shape)}); "
                + $"expected ({string.Join(", ", reference.shape)})";
        }
        using var scope = torch.NewDisposeScope();
        double[] a = yours.detach().to(torch.float64).cpu().contiguous().data<double>().ToArray();
        double[] b = reference.detach().to(torch.float64).cpu().contiguous().data<double>().ToArray();
        string? problem = Compare(what, a, b, tolerance);
        if (problem is null || yours.shape.Length < 2)
        {
            return problem;
        }
        int flat = WorstIndex(a, b);
        long[] index = new long[yours.shape.Length];
        long rest = flat;
        for (int d = index.Length - 1; d >= 0; d--)
        {
            index[d] = rest % yours.shape[d];
            rest /= yours.shape[d];
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} differs from the reference by {a[flat] - b[flat]:G3} at index ({string.Join(", ", index)})");
    }

    // The index of the largest absolute difference; NaN counts as the largest.
    private static int WorstIndex(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        Enumerable.Range(0, a.Count).MaxBy(i => Gap(a[i], b[i]));

    private static double Gap(double a, double b) => double.IsNaN(a - b) ? double.PositiveInfinity : Math.Abs(a - b);

    private static bool IsNotDone(Exception e) => e switch
    {
        ExerciseNotDoneException or NotImplementedException => true,
        System.Reflection.TargetInvocationException { InnerException: { } inner } => IsNotDone(inner),
        AggregateException { InnerExceptions: [var only] } => IsNotDone(only),
        _ => false,
    };

    // Displays the result (a box in a notebook, a line of text elsewhere); a check is a statement, so it shows once.
    internal static void Report(ExerciseResult result) => Display.Show(result);
}

/// <summary>Where an exercise stands.</summary>
public enum ExerciseStatus
{
    /// <summary>Not attempted yet: a placeholder is still in place.</summary>
    Pending,

    /// <summary>The learner's code or prediction agrees.</summary>
    Passed,

    /// <summary>An attempt that does not agree yet.</summary>
    Wrong,

    /// <summary>The learner's code threw an exception other than the placeholder's.</summary>
    Error,
}

/// <summary>
/// The outcome of one exercise check: shown as a coloured box in a notebook and on the site,
/// as one line of text elsewhere.
/// </summary>
/// <param name="Id">The exercise's number or name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Message">What to do next, or why it came out so.</param>
public sealed record ExerciseResult(string Id, ExerciseStatus Status, string Message)
{
    /// <summary>The status as the HTML attribute <c>data-status</c> and the course's tests write it.</summary>
    public string StatusName => Status switch
    {
        ExerciseStatus.Pending => "pending",
        ExerciseStatus.Passed => "passed",
        ExerciseStatus.Wrong => "wrong",
        _ => "error",
    };

    /// <summary>One line: a mark, the exercise, the status in words, the message.</summary>
    public string Text() => Status switch
    {
        ExerciseStatus.Pending => $"✎ Exercise {Id} — not yet: {Message}",
        ExerciseStatus.Passed => $"✔ Exercise {Id} — passed: {Message}",
        ExerciseStatus.Wrong => $"✘ Exercise {Id} — not right yet: {Message}",
        _ => $"✘ Exercise {Id} — error: {Message}",
    };

    /// <summary>
    /// The box shown in a notebook: <c>&lt;div class="mlcourse-exercise" data-exercise="…" data-status="…"&gt;</c>.
    /// </summary>
    public string Html() =>
        $"<div class=\"mlcourse-exercise\" data-exercise=\"{System.Net.WebUtility.HtmlEncode(Id)}\" "
        + $"data-status=\"{StatusName}\">"
        + $"{System.Net.WebUtility.HtmlEncode(Text())}</div>";

    /// <inheritdoc />
    public override string ToString() => Text();
}

/// <summary>Thrown by <see cref="Exercise.Todo{T}"/>: the learner has not written this code yet.</summary>
public sealed class ExerciseNotDoneException()
    : Exception("Exercise not done yet: replace Exercise.Todo with your code.");
