using System.Globalization;

namespace MLCourse.Notebooks;

/// <summary>
/// How a notebook proves what its text says: each check prints "✔ claim" when it holds and throws
/// <see cref="ClaimFailedException"/> when it does not, which fails the cell and the headless run.
/// </summary>
/// <remarks>Used by every notebook from day 01 on.</remarks>
public static class Claims
{
    /// <summary>Checks that <paramref name="holds"/> is true.</summary>
    /// <param name="holds">The outcome of the check.</param>
    /// <param name="claim">The claim in words, as the notebook's text states it.</param>
    /// <exception cref="ClaimFailedException">The claim is false.</exception>
    public static void Check(bool holds, string claim)
    {
        if (!holds)
        {
            throw new ClaimFailedException($"Claim failed: {claim}");
        }
        Console.WriteLine($"✔ {claim}");
    }

    /// <summary>Checks that |actual − expected| ≤ tolerance.</summary>
    /// <exception cref="ClaimFailedException">The values differ by more than the tolerance, or one is NaN.</exception>
    public static void Close(double actual, double expected, double tolerance, string claim)
    {
        double difference = Math.Abs(actual - expected);
        if (!(difference <= tolerance))
        {
            throw new ClaimFailedException(string.Create(CultureInfo.InvariantCulture,
                $"Claim failed: {claim} (expected {expected:G6} ± {tolerance:G3}, got {actual:G6})"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"✔ {claim} ({actual:G6}, expected {expected:G6} ± {tolerance:G3})"));
    }

    /// <summary>
    /// Reports an older-style exercise (a value compared in the check cell) without failing the notebook.
    /// </summary>
    /// <remarks>
    /// Kept for the days not yet rewritten to <see cref="MLCourse.Notebooks.Exercise"/>, whose checks never hold
    /// their answer. A false answer reports "not yet" (placeholders and wrong answers look alike here).
    /// </remarks>
    /// <returns>Whether the answer is right.</returns>
    public static bool Exercise(string name, bool correct)
    {
        string id = name.StartsWith("Exercise ", StringComparison.Ordinal) ? name["Exercise ".Length..] : name;
        MLCourse.Notebooks.Exercise.Report(new ExerciseResult(id,
            correct ? ExerciseStatus.Passed : ExerciseStatus.Pending, correct ? "correct." : "try again."));
        return correct;
    }
}

/// <summary>A claim made by a notebook turned out false.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
