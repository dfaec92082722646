using MLCourse.Data;
using MLCourse.Text;

namespace MLCourse.Tests.Text;

public class VocabularyTests
{
    [Fact]
    public void Ids_are_padding_unknown_then_tokens_by_falling_frequency_ties_in_char_order()
    {
        // abracadabra: a ×5, b ×2, r ×2, c ×1, d ×1.
        var vocabulary = Vocabulary.Characters(["abracadabra"]);

        Assert.Equal(["<pad>", "<unk>", "a", "b", "r", "c", "d"], vocabulary.Tokens);
        Assert.Equal((0, 1), (vocabulary.PaddingId, vocabulary.UnknownId));
        Assert.Equal(TokenLevel.Character, vocabulary.Level);
        Assert.Equal([3, 2, 6, 2], vocabulary.Encode("bad!").Take(3).Append(vocabulary.Id("a")));
        Assert.Equal(1, vocabulary.Encode("bad!")[3]);   // '!' is unknown
    }

    [Fact]
    public void Characters_of_every_baby_name_round_trip()
    {
        var names = Datasets.BabyNames().Select(n => n.Name).ToList();

        var vocabulary = Vocabulary.Characters(names, unknownToken: null, specialTokens: ["."]);

        Assert.Equal(2 + 26, vocabulary.Count);   // <pad>, "." and the letters a–z
        Assert.Equal(".", vocabulary.Token(1));
        Assert.All(names.Take(2000), n => Assert.Equal(n, vocabulary.Decode(vocabulary.Encode(n))));
    }

    [Fact]
    public void Words_round_trip_to_the_lower_case_words_and_unknowns_read_as_the_unknown_token()
    {
        var vocabulary = Vocabulary.Words(["The cat sat. The cat ran!", "A dog sat."]);

        Assert.Equal(["<pad>", "<unk>", "cat", "sat", "the", "a", "dog", "ran"], vocabulary.Tokens);
        Assert.Equal("the cat sat", vocabulary.Decode(vocabulary.Encode("The CAT, sat")));
        Assert.Equal("the <unk> sat", vocabulary.Decode(vocabulary.Encode("The bird sat")));
        Assert.Equal([4, 1], vocabulary.Encode(["the", "bird"]));
    }

    [Fact]
    public void MinCount_and_MaxSize_leave_out_the_rarest_tokens()
    {
        string[] texts = ["the cat sat", "the cat ran", "the dog"];

        Assert.Equal(["<pad>", "<unk>", "the", "cat"], Vocabulary.Words(texts, minCount: 2).Tokens);
        Assert.Equal(["<pad>", "<unk>", "the"], Vocabulary.Words(texts, maxSize: 3).Tokens);
        Assert.Equal(["the", "cat", "dog"], Vocabulary.Words(texts, maxSize: 3, paddingToken: null, unknownToken: null).Tokens);
    }

    [Fact]
    public void A_special_tokens_string_in_the_text_encodes_as_that_special_token()
    {
        var vocabulary = Vocabulary.Characters(["a.b."], specialTokens: ["."]);

        Assert.Equal(["<pad>", "<unk>", ".", "a", "b"], vocabulary.Tokens);
        Assert.Equal([3, 2, 4, 2], vocabulary.Encode("a.b."));
    }

    [Fact]
    public void Decode_leaves_out_padding()
    {
        var vocabulary = Vocabulary.Characters(["emma"]);

        Assert.Equal("emma", vocabulary.Decode([.. vocabulary.Encode("emma"), 0, 0]));
    }

    [Fact]
    public void An_unknown_token_without_an_unknown_token_is_an_error_naming_it_and_its_position()
    {
        var vocabulary = Vocabulary.Words(["the cat sat"], unknownToken: null);

        var error = Assert.Throws<ArgumentException>(() => vocabulary.Encode("the dog sat"));

        Assert.Equal("Vocabulary: tokens has an unknown token 'dog' at position 1 during encode; the known tokens " +
            "are '<pad>', 'cat', 'sat', 'the'; the vocabulary has no unknown token: build it with an unknownToken " +
            "to map unseen tokens to it. (Parameter 'tokens')", error.Message);
        Assert.False(vocabulary.Contains("dog"));
    }

    [Fact]
    public void Bad_settings_and_empty_input_are_errors_naming_the_argument()
    {
        Assert.Equal("Vocabulary: texts must hold at least one word, but hold none. (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => Vocabulary.Words(["1813", ""])).Message);
        Assert.Equal("Vocabulary: texts must hold at least one character, but hold none. (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => Vocabulary.Characters([])).Message);
        Assert.StartsWith("Vocabulary: minCount must be at least 1, but is 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Words(["a"], minCount: 0)).Message);
        Assert.StartsWith("Vocabulary: maxSize must be at least 3 (the 2 special tokens and one more), but is 2.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Words(["a"], maxSize: 2)).Message);
        Assert.StartsWith("Vocabulary: special token names must be distinct, but '<pad>' appears 2 times.",
            Assert.Throws<ArgumentException>(() => Vocabulary.Words(["a"], specialTokens: ["<pad>"])).Message);
        Assert.StartsWith("Vocabulary: minCount must be at most how often the most frequent token is seen (2 " +
            "times), but is 3.",
            Assert.Throws<ArgumentException>(() => Vocabulary.Words(["a a b"], minCount: 3)).Message);
        Assert.StartsWith("Vocabulary: id must be between 0 and 2, but is 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Words(["a"]).Decode([3])).Message);
    }
}
