namespace MLCourse.Text;

/// <summary>What a <see cref="Vocabulary"/>'s tokens are.</summary>
public enum TokenLevel
{
    /// <summary>
    /// Each character of a text is a token (a UTF-16 code unit: every text in <c>datasets/</c> fits).
    /// </summary>
    Character,

    /// <summary>Each word of a text, as <see cref="WordTokenizer"/> splits it, is a token.</summary>
    Word,
}
