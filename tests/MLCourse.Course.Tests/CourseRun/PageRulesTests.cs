using MLCourse.CourseRunner;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>How the page rules read prose, markers, outputs and exercise cells, on small notebooks.</summary>
public sealed class PageRulesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlcourse-page-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Printed(string text) =>
        "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [" + System.Text.Json.JsonSerializer.Serialize(text) + "]}";

    private static string Html(string html) =>
        "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"text/html\": [" + System.Text.Json.JsonSerializer.Serialize(html) + "]}}";

    private int _notebooks;

    private (string Source, string Executed) Notebook(string prose, string code, params string[] outputs)
    {
        int n = ++_notebooks;
        string source = Path.Combine(_folder, $"day-98-x{n}.ipynb"), executed = Path.Combine(_folder, $"executed{n}.ipynb");
        TestNotebook.Write(source, TestNotebook.Markdown(prose), TestNotebook.Code(code));
        TestNotebook.Write(executed, TestNotebook.Markdown(prose), TestNotebook.Code(code, 1, outputs));
        return (source, executed);
    }

    private static IReadOnlyList<string> Numbers((string Source, string Executed) nb, Func<int, string?>? other = null) =>
        ProseNumbers.Problems(nb.Source, nb.Executed, other ?? (_ => null));

    [Fact]
    public void A_number_the_run_prints_passes_rounded_as_written()
    {
        Assert.Empty(Numbers(Notebook("The CNN reaches 82.9 % (loss 0.41, error 5.6e-17).", "var x = 1;",
            Printed("accuracy 0.8288, loss 0.4149\nerror 5.63e-17"))));
    }

    [Fact]
    public void A_number_the_run_does_not_print_fails_naming_the_cell_and_the_number()
    {
        var problems = Numbers(Notebook("The CNN reaches 82.9 %.", "var x = 1;", Printed("accuracy 0.826")));

        var problem = Assert.Single(problems);
        Assert.StartsWith("markdown cell 1: \"82.9 %\" is not printed by the run", problem);
    }

    [Fact]
    public void Numbers_the_code_sets_and_integers_need_no_print()
    {
        Assert.Empty(Numbers(Notebook("With η = 0.01 for 300 epochs on 1,461 days.", "var sgd = new Sgd(0.01, 300);")));
    }

    [Fact]
    public void Code_spans_links_and_chart_data_are_not_quotes_and_not_prints()
    {
        Assert.Empty(Numbers(Notebook("Call `Scale(0.37)`; see [the notes](notes.md#3.2).", "var x = 1;")));
        var chart = Html("<div></div><script>var data = [{\"y\": [0.91], \"name\": \"lr 0.5\"}]; var layout = {\"title\": {\"text\": \"loss 0.25\"}};</script>");

        Assert.Single(Numbers(Notebook("It ends at 0.91.", "var x = 1;", chart)));
        Assert.Empty(Numbers(Notebook("The title says 0.25, the legend 0.5.", "var x = 1;", chart)));
    }

    [Fact]
    public void A_marker_explains_a_constant_and_fails_when_stale()
    {
        Assert.Empty(Numbers(Notebook("The notes' threshold is 0.05.\n<!-- numbers: 0.05 = the notes' threshold -->", "var x = 1;")));

        var stale = Numbers(Notebook("Nothing here.\n<!-- numbers: 0.05 = the notes' threshold -->", "var x = 1;"));
        Assert.Equal(["markdown cell 1: the marker lists 0.05 (the notes' threshold), which the cell does not quote."], stale);
        Assert.Equal(["markdown cell 1: the marker entry \"0.05\" should read \"NUMBER = reason\"."],
            Numbers(Notebook("It is 0.05.\n<!-- numbers: 0.05 -->", "var x = 1;")).Take(1));
    }

    [Fact]
    public void A_quote_of_another_day_is_checked_against_that_days_run()
    {
        var other = Notebook("x", "var x = 1;", Printed("accuracy 79.4 %"));
        string otherDay = Path.Combine(_folder, "other.ipynb");
        File.Copy(other.Executed, otherDay);
        var nb = Notebook("Day 14 reached 79.4 %, day 13 0.5.\n<!-- numbers: 79.4 % = day 14's seq2seq; 0.5 = day 13 -->", "var x = 1;");

        var problems = Numbers(nb, day => day == 14 ? otherDay : null);

        Assert.Equal(["markdown cell 1: 0.5 quotes day 13, whose executed notebook is missing."], problems);
        File.WriteAllText(otherDay, File.ReadAllText(otherDay).Replace("79.4", "79.3"));
        Assert.Contains("markdown cell 1: 79.4 % quotes day 14, whose run does not print it.", Numbers(nb, day => day == 14 ? otherDay : null));
    }

    [Fact]
    public void History_and_missing_days_or_exercises_are_leftovers()
    {
        string path = Path.Combine(_folder, "day-98-x.ipynb");
        TestNotebook.Write(path,
            TestNotebook.Markdown("As this notebook used to do, see day 25 and exercise 3. From day 91 on, day 12's exercise 5."),
            TestNotebook.Code("// Exercise 1: x\nint F() => 0;"));

        var problems = PageRules.Leftovers(path, 22);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("\"as this notebook used to\" narrates", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(problems, p => p.Contains("\"day 25\" names a day", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"exercise 3\" names an exercise this day does not have (1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Exercise_texts_stay_off_the_page_in_tiers_and_prose_waits_for_the_check()
    {
        string path = Path.Combine(_folder, "day-98-x.ipynb"), texts = Path.Combine(_folder, "day-98-x.json");
        TestNotebook.Write(path,
            TestNotebook.Code("// Exercise 1: write f\nint F() => Exercise.Todo<int>();"),
            TestNotebook.Markdown("What F should return is 3."),
            TestNotebook.Code("Exercise.Check(\"1\", () => Exercise.Compare(\"f\", F(), 3), hint: \"return three\");"),
            TestNotebook.Code("// Exercise 2: predict\nstring? prediction2 = null;"),
            TestNotebook.Code("Exercise.Predict(\"2\", prediction2, \"up\"); // the learning rate trades lag against noise here"));
        File.WriteAllText(texts, """{ "1": { "hints": ["think of three"] }, "2": { "hints": ["x"] }, "3": { "why": "w" } }""");

        var problems = PageRules.ExerciseProblems(path, texts);

        Assert.Equal(
        [
            "code cell 2: \"hint: \"return three\" puts a hint or an explanation on the page; it belongs in day-98-x.json.",
            "exercise 1: needs hints in two tiers in day-98-x.json (a nudge first, then the formula or code), has 1.",
            "exercise 2: a prediction needs a \"why\" in day-98-x.json.",
            "exercise 3: day-98-x.json has texts for it, but no check uses them.",
            "exercise 1: prose stands between the exercise cell and its check; put it after the check.",
        ], problems);
    }

    [Fact]
    public void An_exercise_box_is_the_first_and_only_printed_thing_of_its_cell()
    {
        string box = "<div class=\"mlcourse-exercise\" data-exercise=\"3\" data-status=\"pending\">✎ Exercise 3 — not yet</div>";
        var printedFirst = Notebook("x", "Console.WriteLine(mae); Exercise.Predict(\"3\", p, o);", Html(box), Printed("MAE 2.35 °C"));
        var boxOnly = Notebook("x", "Exercise.Predict(\"3\", p, o, measured: m);", Html(box), Html("<div>a chart</div>"));

        Assert.Single(PageRules.BoxesFirst(printedFirst.Executed));
        Assert.Empty(PageRules.BoxesFirst(boxOnly.Executed));
    }
}
