namespace MLCourse.Data;

/// <summary>A review sentence labelled positive or negative by people (UCI "Sentiment Labelled Sentences").</summary>
/// <param name="Source">
/// Where the sentence comes from: "amazon" (product reviews), "imdb" (film reviews) or "yelp" (restaurant reviews).
/// </param>
/// <param name="Label">1 for positive, 0 for negative.</param>
/// <param name="Text">The sentence as written, e.g. "Good case, Excellent value.".</param>
/// <remarks>
/// Loaded by <see cref="Datasets.SentimentSentences"/>; the labelled text of the sequence-classification days.
/// </remarks>
public sealed record SentimentSentence(string Source, int Label, string Text)
{
    /// <summary>True for a positive sentence (<see cref="Label"/> 1).</summary>
    public bool IsPositive => Label == 1;
}
