using MLCourse.Errors;
using System.Text;

namespace MLCourse.Text;

/// <summary>
/// Splits text into lower-case words. The rule: a word is a maximal run of letters
/// (<see cref="char.IsLetter(char)"/>, so "é" counts); an apostrophe (' or ’) between two letters
/// stays inside the word and is written '; everything else — spaces, digits, hyphens, underscores,
/// other punctuation — separates words and is dropped. Text is lower-cased with the invariant culture.
/// </summary>
/// <example>
/// "Don't you think—Mr. Darcy's 'well-known' pride?" gives don't, you, think, mr, darcy's, well, known, pride.
/// A leading or trailing apostrophe is not part of the word: "'Tis the Bennets' house" gives tis, the, bennets, house.
/// </example>
/// <remarks>
/// The word-level counterpart of splitting a text into characters; used by <see cref="Vocabulary.Words"/>
/// and introduced with the word-embedding day. Simpler than a subword tokenizer (BPE, WordPiece) on
/// purpose: every token is a word a reader recognises.
/// </remarks>
public static class WordTokenizer
{
    private const string Component = "WordTokenizer";

    /// <summary>The words of <paramref name="text"/> in order; an empty list when it holds no letter.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        Require.NotNull(Component, nameof(text), text);
        var words = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (IsApostrophe(c) && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                word.Append('\'');   // inside a word: don't, darcy's
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';
}
