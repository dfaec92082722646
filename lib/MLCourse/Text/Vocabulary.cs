using MLCourse.Errors;

namespace MLCourse.Text;

/// <summary>
/// A fixed list of tokens (characters or words), each with an integer id: the map between text and
/// the integers an embedding layer looks up. Built from texts by <see cref="Characters"/> or
/// <see cref="Words"/>; <see cref="Encode(string)"/> turns a text into ids and <see cref="Decode"/>
/// turns ids back into text.
/// </summary>
/// <remarks>
/// <para>
/// Ids are deterministic: the padding token (id 0, so it matches <c>nn.Embedding(padding_idx: 0)</c>),
/// then the unknown token, then any extra special tokens in the order given, then the texts' tokens
/// from most to least frequent, ties in ordinal (char-code) order.
/// </para>
/// <para>
/// Policy: a token rarer than <c>minCount</c>, or beyond <c>maxSize</c>, is not in the vocabulary
/// and encodes as the unknown token; without an unknown token, encoding it is an error. A token in a
/// text that equals a special token's string encodes as that special token. Introduced with the
/// sequence days (character-level names, word embeddings on Jane Austen).
/// </para>
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The padding token unless another is given: "&lt;pad&gt;".</summary>
    public const string DefaultPaddingToken = "<pad>";

    /// <summary>The unknown token unless another is given: "&lt;unk&gt;".</summary>
    public const string DefaultUnknownToken = "<unk>";

    private const string Component = "Vocabulary";
    private readonly Dictionary<string, int> ids;
    private readonly string[] tokens;

    private Vocabulary(TokenLevel level, string[] tokens, string? paddingToken, string? unknownToken)
    {
        Level = level;
        this.tokens = tokens;
        ids = tokens.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id, StringComparer.Ordinal);
        PaddingToken = paddingToken;
        UnknownToken = unknownToken;
    }

    /// <summary>Whether the tokens are characters or words.</summary>
    public TokenLevel Level { get; }

    /// <summary>The number of tokens, special ones included: the <c>num_embeddings</c> of an embedding layer.</summary>
    public int Count => tokens.Length;

    /// <summary>Every token in id order: <c>Tokens[id]</c> is the token with that id.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>The padding token, or <c>null</c> when the vocabulary has none.</summary>
    public string? PaddingToken { get; }

    /// <summary>The unknown token, or <c>null</c> when the vocabulary has none.</summary>
    public string? UnknownToken { get; }

    /// <summary>The padding token's id (0), or <c>null</c> when the vocabulary has none.</summary>
    public int? PaddingId => PaddingToken is null ? null : ids[PaddingToken];

    /// <summary>The unknown token's id, or <c>null</c> when the vocabulary has none.</summary>
    public int? UnknownId => UnknownToken is null ? null : ids[UnknownToken];

    /// <summary>
    /// A vocabulary of the characters of <paramref name="texts"/>: every character is a token, spaces
    /// and line breaks included.
    /// </summary>
    /// <param name="texts">The texts to count characters in, e.g. the baby names.</param>
    /// <param name="minCount">Keep only characters seen at least this often (≥ 1).</param>
    /// <param name="maxSize">The most tokens, special ones included; the rarest are left out. <c>null</c>:
    /// no limit.</param>
    /// <param name="paddingToken">The padding token (id 0), or <c>null</c> for none.</param>
    /// <param name="unknownToken">
    /// The token for anything not in the vocabulary, or <c>null</c> for none (then encoding it is an error).
    /// </param>
    /// <param name="specialTokens">More reserved tokens after padding and unknown, e.g. "." as a name's start/end
    /// marker.</param>
    /// <exception cref="ArgumentException">The texts hold no character; a special token is empty or given
    /// twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="minCount"/> is below 1, or <paramref name="maxSize"/> leaves no room for
    /// a token after the special ones.
    /// </exception>
    public static Vocabulary Characters(IEnumerable<string> texts, int minCount = 1, int? maxSize = null,
        string? paddingToken = DefaultPaddingToken, string? unknownToken = DefaultUnknownToken,
        IReadOnlyList<string>? specialTokens = null) =>
        Build(TokenLevel.Character, texts, minCount, maxSize, paddingToken, unknownToken, specialTokens);

    /// <summary>A vocabulary of the words of <paramref name="texts"/>, split by <see cref="WordTokenizer"/>.</summary>
    /// <param name="texts">The texts to count words in, e.g. the novels' paragraphs.</param>
    /// <param name="minCount">Keep only words seen at least this often (≥ 1).</param>
    /// <param name="maxSize">The most tokens, special ones included; the rarest are left out. <c>null</c>:
    /// no limit.</param>
    /// <param name="paddingToken">The padding token (id 0), or <c>null</c> for none.</param>
    /// <param name="unknownToken">
    /// The token for anything not in the vocabulary, or <c>null</c> for none (then encoding it is an error).
    /// </param>
    /// <param name="specialTokens">More reserved tokens after padding and unknown, e.g. "&lt;bos&gt;",
    /// "&lt;eos&gt;".</param>
    /// <exception cref="ArgumentException">The texts hold no word; a special token is empty or given twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="minCount"/> is below 1, or <paramref name="maxSize"/> leaves no room for
    /// a token after the special ones.
    /// </exception>
    public static Vocabulary Words(IEnumerable<string> texts, int minCount = 1, int? maxSize = null,
        string? paddingToken = DefaultPaddingToken, string? unknownToken = DefaultUnknownToken,
        IReadOnlyList<string>? specialTokens = null) =>
        Build(TokenLevel.Word, texts, minCount, maxSize, paddingToken, unknownToken, specialTokens);

    /// <summary>
    /// Splits <paramref name="text"/> into this vocabulary's kind of tokens (characters or words), before any lookup.
    /// </summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        Require.NotNull(Component, nameof(text), text);
        return Level == TokenLevel.Character ? text.Select(c => c.ToString()).ToArray() : WordTokenizer.Tokenize(text);
    }

    /// <summary>Whether <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => ids.ContainsKey(token);

    /// <summary>The id of <paramref name="token"/>; the unknown id when it is not in the vocabulary.</summary>
    /// <exception cref="ArgumentException">The token is not in the vocabulary and there is no unknown
    /// token.</exception>
    public int Id(string token) => IdAt(token, null);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not between 0 and <c>Count -
    /// 1</c>.</exception>
    public string Token(int id) =>
        (uint)id < (uint)tokens.Length
            ? tokens[id]
            : throw ErrorMessage.OutOfRange(Component, nameof(id), $"between 0 and {tokens.Length - 1}", id);

    /// <summary>
    /// The ids of <paramref name="text"/>'s tokens (see <see cref="Tokenize"/>); an empty array for an empty text.
    /// </summary>
    /// <exception cref="ArgumentException">A token is not in the vocabulary and there is no unknown token; the message
    /// names it and its position.</exception>
    public int[] Encode(string text) => Encode(Tokenize(text));

    /// <summary>The ids of <paramref name="tokens"/>, already split.</summary>
    /// <exception cref="ArgumentException">A token is not in the vocabulary and there is no unknown token; the message
    /// names it and its position.</exception>
    public int[] Encode(IEnumerable<string> tokens)
    {
        Require.NotNull(Component, nameof(tokens), tokens);
        return tokens.Select((token, position) => IdAt(token, position)).ToArray();
    }

    /// <summary>
    /// The text of <paramref name="ids"/>: characters joined as they are, words joined by single
    /// spaces; padding is left out. Encoding then decoding gives back the text when every token is
    /// known (for words: the lower-case words, punctuation dropped).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not between 0 and <c>Count - 1</c>.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        Require.NotNull(Component, nameof(ids), ids);
        var kept = ids.Where(id => PaddingToken is null || id != PaddingId).Select(Token);
        return string.Join(Level == TokenLevel.Character ? "" : " ", kept);
    }

    /// <summary>
    /// Encodes each of <paramref name="texts"/> and pads them with <see cref="PaddingId"/> to the longest.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vocabulary has no padding token.</exception>
    /// <exception cref="ArgumentException"><paramref name="texts"/> is empty, or a token is unknown and there is no
    /// unknown token.</exception>
    public PaddedBatch EncodeBatch(IEnumerable<string> texts)
    {
        Require.NotNull(Component, nameof(texts), texts);
        if (PaddingId is not int padding)
        {
            throw new InvalidOperationException(ErrorMessage.MustText(Component, "this vocabulary",
                "have a padding token for EncodeBatch", "it was built with paddingToken: null"));
        }
        return PaddedBatch.Create(texts.Select(Encode).ToArray(), padding);
    }

    /// <summary>"Vocabulary of 29 characters: &lt;pad&gt;, &lt;unk&gt;, a, e, …".</summary>
    public override string ToString() =>
        $"Vocabulary of {Count} {(Level == TokenLevel.Character ? "characters" : "words")}: " +
        string.Join(", ", tokens.Take(10).Select(t => t == "\n" ? "\\n" : t)) + (Count > 10 ? ", …" : "");

    private int IdAt(string token, int? position)
    {
        if (ids.TryGetValue(token, out int id))
        {
            return id;
        }
        return UnknownToken is null
            ? throw ErrorMessage.UnknownValue(Component, position is null ? nameof(token) : "tokens",
                $"an unknown token '{token}'{(position is null ? "" : $" at position {position}")} during encode",
                    "tokens",
                tokens, "the vocabulary has no unknown token: build it with an unknownToken to map unseen tokens to it")
            : ids[UnknownToken];
    }

    private static Vocabulary Build(TokenLevel level, IEnumerable<string> texts, int minCount, int? maxSize,
        string? paddingToken, string? unknownToken, IReadOnlyList<string>? specialTokens)
    {
        Require.NotNull(Component, nameof(texts), texts);
        string[] specials = new[] { paddingToken, unknownToken }.Concat(specialTokens ?? []).OfType<string>().ToArray();
        if (specials.Any(s => s.Length == 0))
        {
            throw ErrorMessage.Empty(Component, "a special token");
        }
        Require.DistinctNames(Component, nameof(specialTokens), "special token", specials);
        if (minCount < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(minCount), "at least 1", minCount);
        }
        if (maxSize is int size && size <= specials.Length)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(maxSize),
                $"at least {specials.Length + 1} (the {specials.Length} special tokens and one more)", size);
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool anyToken = false;
        foreach (string text in texts)
        {
            if (text is null)
            {
                throw ErrorMessage.Must(Component, nameof(texts), "hold no null text", "one is null");
            }
            foreach (string token in level == TokenLevel.Character
                ? text.Select(c => c.ToString()) : WordTokenizer.Tokenize(text))
            {
                anyToken = true;
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }
        if (!anyToken)
        {
            string unit = level == TokenLevel.Character ? "character" : "word";
            throw ErrorMessage.Must(Component, nameof(texts), $"hold at least one {unit}", "hold none");
        }
        var frequent = counts
            .Where(p => p.Value >= minCount && !specials.Contains(p.Key))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key)
            .Take((maxSize ?? int.MaxValue) - specials.Length)
            .ToArray();
        if (frequent.Length == 0)
        {
            throw ErrorMessage.Must(Component, nameof(minCount),
                $"be at most how often the most frequent token is seen ({counts.Values.Max()} times)",
                    $"is {minCount}");
        }
        return new Vocabulary(level, [.. specials, .. frequent], paddingToken, unknownToken);
    }
}
