using MathNet.Numerics.LinearAlgebra;
using MLCourse.Notebooks;
using TorchSharp;

namespace MLCourse.Tests.Notebooks;

/// <summary>
/// The exercise checks: placeholders say "not yet", agreement passes, a difference names what differs
/// and gives the hint, any other exception is the learner's error — and none of them throws.
/// </summary>
public class ExerciseCheckTests
{
    // Outside a notebook a check prints its result as one line.
    private static string Printed(Action check)
    {
        TextWriter original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            check();
        }
        finally
        {
            Console.SetOut(original);
        }
        return captured.ToString().Trim();
    }

    [Fact]
    public void A_placeholder_or_NotImplementedException_says_not_yet_with_the_hint()
    {
        Assert.Equal("✎ Exercise 1 — not yet: write your code in the exercise cell, run it, then run this cell. Hint: h",
            Printed(() => Exercise.Check("1", () => Exercise.Todo<string?>(), "h")));
        Assert.StartsWith("✎ Exercise 1 — not yet", Printed(() => Exercise.Check("1", () => throw new NotImplementedException(), "h")));
    }

    [Fact]
    public void Agreement_passes_and_a_difference_names_what_differs_and_hints()
    {
        Assert.StartsWith("✔ Exercise 2 — passed", Printed(() => Exercise.Check("2", () => Exercise.Compare("x", 1.0, 1.0 + 1e-12), "h")));
        Assert.Equal("✘ Exercise 2 — not right yet: your loss differs from the reference by 0.5. Hint: halve it",
            Printed(() => Exercise.Check("2", () => Exercise.Compare("your loss", 1.5, 1.0), "halve it")));
    }

    [Fact]
    public void Another_exception_is_reported_as_the_learners_error_not_thrown()
    {
        string line = Printed(() => Exercise.Check("3", () => throw new IndexOutOfRangeException("Index was outside the bounds of the array."), "h"));

        Assert.Equal("✘ Exercise 3 — error: your code threw IndexOutOfRangeException: Index was outside the bounds of the array. Hint: h", line);
    }

    [Fact]
    public void A_prediction_is_pending_until_made_then_held_or_not_with_the_reason()
    {
        Assert.StartsWith("✎ Exercise 4 — not yet", Printed(() => Exercise.Predict("4", null, "up", "because")));
        Assert.Equal("✔ Exercise 4 — passed: your prediction \"UP\" held. Why: because", Printed(() => Exercise.Predict("4", " UP ", "up", "because")));
        Assert.Equal("✘ Exercise 4 — not right yet: you predicted \"down\"; the experiment says \"up\". Why: because",
            Printed(() => Exercise.Predict("4", "down", "up", "because")));
        Assert.StartsWith("✔", Printed(() => Exercise.Predict("5", -4.0, -4.21, 0.5, "w")));
        Assert.StartsWith("✘", Printed(() => Exercise.Predict("5", -3.0, -4.21, 0.5, "w")));
        Assert.StartsWith("✎", Printed(() => Exercise.Predict("5", null, -4.21, 0.5, "w")));
    }

    [Fact]
    public void A_recall_answer_is_compared_by_its_normalised_hash()
    {
        string hash = Exercise.Hash("seven words")[..16];

        Assert.StartsWith("✔", Printed(() => Exercise.Recall("6", "  Seven   WORDS ", hash, "h")));
        Assert.Equal("✘ Exercise 6 — not right yet: \"six\" is not it. Hint: h", Printed(() => Exercise.Recall("6", "six", hash, "h")));
        Assert.StartsWith("✎", Printed(() => Exercise.Recall("6", null, hash, "h")));
        Assert.Throws<ArgumentException>(() => Exercise.Recall("6", "x", "abc", "h"));
    }

    [Fact]
    public void Compare_reports_shape_then_the_worst_element_and_never_accepts_NaN()
    {
        Assert.Equal("v has 2 values; expected 3", Exercise.Compare("v", new[] { 1.0, 2 }, new[] { 1.0, 2, 3 }));
        Assert.Equal("v differs from the reference by -0.5 at index 2", Exercise.Compare("v", new[] { 1.0, 2.1, 2.5 }, new[] { 1.0, 2, 3 }));
        Assert.Equal("v differs from the reference by NaN at index 1", Exercise.Compare("v", new[] { 1.0, double.NaN }, new[] { 1.0, 2 }));
        Assert.Null(Exercise.Compare("v", new[] { 1.0, 2 }, new[] { 1.0, 2 + 1e-12 }));

        var reference = Matrix<double>.Build.Dense(2, 3);
        var yours = reference.Clone();
        yours[1, 2] = 0.25;
        Assert.Equal("m differs from the reference by 0.25 at (1, 2)", Exercise.Compare("m", yours, reference));
        Assert.Equal("m has shape (3, 2); expected (2, 3)", Exercise.Compare("m", reference.Transpose(), reference));
    }

    [Fact]
    public void Compare_names_a_tensors_worst_element_by_its_index()
    {
        using var reference = torch.zeros(2, 3, 4, dtype: torch.float64);
        using var yours = reference.clone();
        yours[1, 2, 3] = torch.tensor(0.5, dtype: torch.float64);

        Assert.Equal("t differs from the reference by 0.5 at index (1, 2, 3)", Exercise.Compare("t", yours, reference));
        Assert.Equal("t has shape (2, 12); expected (2, 3, 4)", Exercise.Compare("t", yours.reshape(2, 12), reference));
    }

    [Fact]
    public void A_result_shows_as_a_box_the_site_and_the_tests_can_read()
    {
        var result = new ExerciseResult("1", ExerciseStatus.Pending, "a < b");

        Assert.Equal("<div class=\"mlcourse-exercise\" data-exercise=\"1\" data-status=\"pending\">✎ Exercise 1 — not yet: a &lt; b</div>", result.Html());
    }
}
