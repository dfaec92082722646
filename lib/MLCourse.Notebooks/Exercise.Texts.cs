using System.Reflection;
using System.Text.Json;

namespace MLCourse.Notebooks;

public static partial class Exercise
{
    private static DayTexts? _day;

    /// <summary>
    /// Loads the hints and explanations of day <paramref name="day"/>'s exercises, which the checks
    /// below show. They are kept out of the notebook (in <c>notebooks/solutions/day-NN-….json</c>, next
    /// to the reference solutions, compiled into this library), so the page does not give the answers
    /// away before the learner has tried. Called once, in each notebook's setup cell.
    /// </summary>
    /// <param name="day">The day, 1 to 22.</param>
    /// <exception cref="ArgumentOutOfRangeException">The course has no exercise texts for that day.</exception>
    public static void ForDay(int day)
    {
        string prefix = $"exercises/day-{day:00}-";
        Assembly library = typeof(Exercise).Assembly;
        string? resource = library.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal)
                && n.EndsWith(".json", StringComparison.Ordinal));
        if (resource is null)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day,
                $"Exercise.ForDay: argument 'day' should name a day with exercise texts ({prefix}*.json), got {day}.");
        }
        using Stream stream = library.GetManifestResourceStream(resource)!;
        Use(day.ToString("00", System.Globalization.CultureInfo.InvariantCulture), Parse(stream, resource));
    }

    /// <summary>
    /// Uses <paramref name="texts"/> (by exercise id) as the hints and explanations of the checks that
    /// follow: what <see cref="ForDay"/> does with a day's file, for exercises of your own.
    /// </summary>
    /// <param name="name">What the texts belong to, named in messages ("01", "my course").</param>
    /// <param name="texts">Each exercise's texts, by id.</param>
    public static void Use(string name, IReadOnlyDictionary<string, ExerciseTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(texts);
        _day = new DayTexts(name, texts);
    }

    /// <summary>
    /// Reads a day's exercise texts: <c>{ "1": { "hints": ["nudge", "more"] }, "3": { "why": "…" } }</c>.
    /// </summary>
    /// <param name="json">The file's contents.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="FormatException">The JSON is malformed, or an entry has neither hints nor why.</exception>
    public static IReadOnlyDictionary<string, ExerciseTexts> Parse(Stream json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var texts = new Dictionary<string, ExerciseTexts>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                string[] hints = entry.Value.TryGetProperty("hints", out JsonElement h)
                    ? h.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                    : [];
                string? why = entry.Value.TryGetProperty("why", out JsonElement w) ? w.GetString() : null;
                if (hints.Length == 0 && why is null)
                {
                    throw new FormatException(
                        $"Exercise texts {source}: exercise {entry.Name} should have \"hints\" or \"why\", "
                        + "found neither.");
                }
                texts[entry.Name] = new ExerciseTexts(hints, why);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"Exercise texts {source}: {e.Message}", e);
        }
        return texts;
    }

    // The texts of exercise id, or null after reporting (as an error box, never a throw) why there are none.
    private static ExerciseTexts? TextsOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_day is null)
        {
            Report(new ExerciseResult(id, ExerciseStatus.Error,
                "this check has no hints to show: run the notebook's setup cell (Exercise.ForDay) first."));
            return null;
        }
        if (!_day.Texts.TryGetValue(id, out ExerciseTexts? texts))
        {
            Report(new ExerciseResult(id, ExerciseStatus.Error, $"day {_day.Name} has no texts for exercise {id}."));
            return null;
        }
        return texts;
    }

    private sealed record DayTexts(string Name, IReadOnlyDictionary<string, ExerciseTexts> Texts);
}

/// <summary>
/// An exercise's hints and explanation, kept out of the notebook. Hints come in tiers: the first
/// nudges and is shown while the exercise is not tried; the rest (the formula, the code's shape)
/// only after a wrong attempt. The explanation ("why") is shown once a prediction is made.
/// </summary>
/// <param name="Hints">The hints, the gentlest first.</param>
/// <param name="Why">Why the experiment comes out as it does; for predict exercises.</param>
public sealed record ExerciseTexts(IReadOnlyList<string> Hints, string? Why = null)
{
    /// <summary>What a learner who has not tried yet may unfold: the first hint.</summary>
    public IReadOnlyList<ExerciseFold> BeforeAttempt() => Hints.Count == 0 ? [] : [new ExerciseFold("Hint", Hints[0])];

    /// <summary>What a learner whose attempt was wrong may unfold: every hint, in order.</summary>
    public IReadOnlyList<ExerciseFold> AfterAttempt() =>
        Hints.Select((h, i) => new ExerciseFold(i == 0 ? "Hint" : i == 1 ? "More help" : $"More help ({i})", h))
            .ToList();

    /// <summary>What is shown once the learner has answered: the explanation, if there is one.</summary>
    public IReadOnlyList<ExerciseFold> Explained() => Why is null ? [] : [new ExerciseFold("Why", Why)];
}
