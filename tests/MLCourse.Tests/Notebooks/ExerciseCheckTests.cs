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

    // The texts a day's JSON file would hold: a nudge, then the formula; a prediction's why.
    private static void UseTexts() => Exercise.Use("test", new Dictionary<string, ExerciseTexts>
    {
        ["1"] = new(["nudge"]),
        ["2"] = new(["nudge", "formula"]),
        ["3"] = new(["nudge", "formula"]),
        ["4"] = new([], "because"),
        ["5"] = new([], "w"),
        ["6"] = new(["h"]),
    });

    [Fact]
    public void A_placeholder_or_NotImplementedException_says_not_yet_with_the_first_hint_only()
    {
        UseTexts();
        Assert.Equal("✎ Exercise 2 — not yet: write your code in the exercise cell, run it, then run this cell. Hint: nudge",
            Printed(() => Exercise.Check("2", () => Exercise.Todo<string?>())));
        Assert.StartsWith("✎ Exercise 1 — not yet", Printed(() => Exercise.Check("1", () => throw new NotImplementedException())));
    }

    [Fact]
    public void Agreement_passes_and_a_wrong_attempt_names_what_differs_and_gives_every_hint()
    {
        UseTexts();
        Assert.StartsWith("✔ Exercise 2 — passed", Printed(() => Exercise.Check("2", () => Exercise.Compare("x", 1.0, 1.0 + 1e-12))));
        Assert.Equal("✘ Exercise 2 — not right yet: your loss differs from the reference by 0.5. Hint: nudge More help: formula",
            Printed(() => Exercise.Check("2", () => Exercise.Compare("your loss", 1.5, 1.0))));
    }

    [Fact]
    public void Any_other_exception_is_the_learners_error_not_a_crash()
    {
        UseTexts();
        string line = Printed(() => Exercise.Check("3", () => throw new IndexOutOfRangeException("Index was outside the bounds of the array.")));

        Assert.Equal("✘ Exercise 3 — error: your code threw IndexOutOfRangeException: Index was outside the bounds of the array. "
            + "Hint: nudge More help: formula", line);
    }

    [Fact]
    public void A_prediction_is_compared_with_the_outcome_and_the_why_shows_only_once_it_is_made()
    {
        UseTexts();
        Assert.Equal("✎ Exercise 4 — not yet: write your prediction in the exercise cell, then run this cell again.",
            Printed(() => Exercise.Predict("4", null, "up")));
        Assert.Equal("✔ Exercise 4 — passed: your prediction \"UP\" held. Why: because", Printed(() => Exercise.Predict("4", " UP ", "up")));
        Assert.Equal("✘ Exercise 4 — not right yet: you predicted \"down\"; the experiment says \"up\". Why: because",
            Printed(() => Exercise.Predict("4", "down", "up")));
        Assert.StartsWith("✔", Printed(() => Exercise.Predict("5", -4.0, -4.21, 0.5)));
        Assert.StartsWith("✘", Printed(() => Exercise.Predict("5", -3.0, -4.21, 0.5)));
        Assert.StartsWith("✎", Printed(() => Exercise.Predict("5", null, -4.21, 0.5)));
    }

    [Fact]
    public void The_measured_result_is_folded_until_a_prediction_is_made()
    {
        UseTexts();
        var pending = new ExerciseResult("4", ExerciseStatus.Pending, "x",
            [new ExerciseFold("The experiment's result (open it after you predict)", "MAE 2.42 C")]);
        Assert.Equal("✎ Exercise 4 — not yet: write your prediction in the exercise cell, then run this cell again. "
            + "The experiment's result (open it after you predict): MAE 2.42 °C", Printed(() => Exercise.Predict("4", null, "up", "MAE 2.42 °C")));
        Assert.Contains("<details><summary>The experiment&#39;s result (open it after you predict)</summary>MAE 2.42 C</details>", pending.Html());
        Assert.Equal("✔ Exercise 4 — passed: your prediction \"up\" held. Measured: MAE 2.42 °C Why: because",
            Printed(() => Exercise.Predict("4", "up", "up", "MAE 2.42 °C")));
    }

    [Fact]
    public void A_recall_answer_is_compared_by_hash()
    {
        UseTexts();
        string hash = Exercise.Hash("seven words")[..16];

        Assert.StartsWith("✔", Printed(() => Exercise.Recall("6", "  Seven   WORDS ", hash)));
        Assert.Equal("✘ Exercise 6 — not right yet: \"six\" is not it. Hint: h", Printed(() => Exercise.Recall("6", "six", hash)));
        Assert.StartsWith("✎", Printed(() => Exercise.Recall("6", null, hash)));
        Assert.Throws<ArgumentException>(() => Exercise.Recall("6", "x", "abc"));
    }

    [Fact]
    public void An_exercise_without_texts_is_an_error_box_naming_it()
    {
        UseTexts();
        Assert.Equal("✘ Exercise 9 — error: day test has no texts for exercise 9.", Printed(() => Exercise.Check("9", () => null)));
    }

    [Fact]
    public void Every_day_with_exercises_has_texts_the_library_can_load()
    {
        for (int day = 1; day <= 22; day++)
        {
            Exercise.ForDay(day);
        }
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.ForDay(23));
        Assert.StartsWith("Exercise.ForDay: argument 'day' should name a day with exercise texts (exercises/day-23-*.json), got 23.", missing.Message);
    }

    [Fact]
    public void Malformed_texts_are_a_format_error_naming_the_file_and_exercise()
    {
        using var empty = new MemoryStream("{ \"1\": {} }"u8.ToArray());
        using var broken = new MemoryStream("{ \"1\": "u8.ToArray());

        Assert.Equal("Exercise texts x.json: exercise 1 should have \"hints\" or \"why\", found neither.",
            Assert.Throws<FormatException>(() => Exercise.Parse(empty, "x.json")).Message);
        Assert.StartsWith("Exercise texts x.json: ", Assert.Throws<FormatException>(() => Exercise.Parse(broken, "x.json")).Message);
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
        var result = new ExerciseResult("1", ExerciseStatus.Pending, "a < b", [new ExerciseFold("Hint", "c > d")]);

        Assert.Equal("<div class=\"mlcourse-exercise\" data-exercise=\"1\" data-status=\"pending\">✎ Exercise 1 — not yet: a &lt; b"
            + "<details><summary>Hint</summary>c &gt; d</details></div>", result.Html());
    }
}
