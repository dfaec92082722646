using MLCourse.Text;

namespace MLCourse.Tests.Text;

public class WordTokenizerTests
{
    [Theory]
    [InlineData("Don't you think—Mr. Darcy's 'well-known' pride?", "don't|you|think|mr|darcy's|well|known|pride")]
    [InlineData("'Tis the Bennets' house", "tis|the|bennets|house")]
    [InlineData("It’s _very_ fine, in 1813!", "it's|very|fine|in")]
    [InlineData("Crema Café's crêpe", "crema|café's|crêpe")]
    [InlineData("rock'n'roll", "rock'n'roll")]
    public void Words_are_lower_case_letter_runs_with_inner_apostrophes(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), WordTokenizer.Tokenize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1813 -- ... 42")]
    [InlineData("'")]
    public void Text_without_letters_has_no_words(string text)
    {
        Assert.Empty(WordTokenizer.Tokenize(text));
    }
}
