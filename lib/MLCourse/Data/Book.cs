namespace MLCourse.Data;

/// <summary>A public-domain book as plain text.</summary>
/// <param name="Title">The title, e.g. "Pride and Prejudice".</param>
/// <param name="Year">The year of first publication.</param>
/// <param name="Text">
/// The whole text, lines separated by "\n" (Project Gutenberg's line breaks, about 70 characters
/// a line; paragraphs separated by an empty line), title and chapter headings included.
/// </param>
/// <remarks>
/// Loaded by <see cref="Datasets.JaneAusten"/>; the text of the word-embedding and language-model days.
/// </remarks>
public sealed record Book(string Title, int Year, string Text);
