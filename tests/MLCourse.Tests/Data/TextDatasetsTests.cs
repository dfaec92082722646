using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MLCourse.Data;

namespace MLCourse.Tests.Data;

/// <summary>The text sets: baby names, Jane Austen's novels, the labelled sentiment sentences.</summary>
public class TextDatasetsTests
{
    [Fact]
    public void BabyNames_has_29669_lower_case_names_most_frequent_first()
    {
        var names = Datasets.BabyNames();

        Assert.Equal(29669, names.Count);
        Assert.Equal(new BabyName("james", 23826, 5238570), names[0]);
        Assert.Equal('M', names[0].Sex);
        Assert.Equal('F', names.First(n => n.Name == "mary").Sex);
        Assert.All(names, n => Assert.Matches("^[a-z]{2,15}$", n.Name));
        Assert.All(names, n => Assert.True(n.Count >= 200, $"{n.Name} has {n.Count} births"));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct().Count());
        Assert.True(names.Zip(names.Skip(1)).All(p => p.First.Count >= p.Second.Count), "not ordered by count");
        Assert.Equal(8724, names.Count(n => n.FemaleCount > 0 && n.MaleCount > 0));
        Assert.Equal(18097, names.Count(n => n.Sex == 'F'));
    }

    [Fact]
    public void JaneAusten_has_six_novels_of_four_million_characters()
    {
        var books = Datasets.JaneAusten();

        Assert.Equal(["Sense and Sensibility", "Pride and Prejudice", "Mansfield Park", "Emma", "Northanger Abbey", "Persuasion"],
            books.Select(b => b.Title));
        Assert.Equal([673688, 684768, 883279, 883028, 433411, 466854], books.Select(b => b.Text.Length));
        Book pride = books[1];
        Assert.Equal(1813, pride.Year);
        Assert.StartsWith("PRIDE AND PREJUDICE\n\nBy Jane Austen\n", pride.Text);
        Assert.Contains("It is a truth universally acknowledged, that a single man in possession\nof a good fortune, must be in want of a wife.", pride.Text);
        Assert.DoesNotContain('\r', string.Concat(books.Select(b => b.Text)));
    }

    [Fact]
    public void SentimentSentences_has_500_positive_and_500_negative_per_source()
    {
        var sentences = Datasets.SentimentSentences();

        Assert.Equal(3000, sentences.Count);
        Assert.Equal(new SentimentSentence("amazon", 0, "So there is no way for me to plug it in here in the US unless I go by a converter."), sentences[0]);
        Assert.Equal("Good case, Excellent value.", sentences[1].Text);
        Assert.True(sentences[1].IsPositive);
        foreach (string source in new[] { "amazon", "imdb", "yelp" })
        {
            Assert.Equal(500, sentences.Count(s => s.Source == source && s.Label == 1));
            Assert.Equal(500, sentences.Count(s => s.Source == source && s.Label == 0));
        }
        Assert.All(sentences, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        Assert.DoesNotContain(sentences, s => Regex.IsMatch(s.Text, "[\u0080-\u009f]") || s.Text != s.Text.Trim());
        Assert.Contains(sentences, s => s.Text == "I'll even say it again – this is torture.");
    }

    [Theory]
    [InlineData("us-baby-names.csv.gz", "779a349d27481e5ec129600a986105ccee41751e5f2d48fbab4e6a108f5b2da2")]
    [InlineData("sentiment-sentences.csv.gz", "db5c89fc4f0a0302506e714a12c6dbf612ba49be704dbdb71d21c903ead05c82")]
    [InlineData("jane-austen/sense-and-sensibility.txt.gz", "527578ae998ca6385f06699c4f71fc0aca6c0e50a0d73ac093a65848a45e8610")]
    [InlineData("jane-austen/pride-and-prejudice.txt.gz", "e018082b6cfa6b3cceab21d6d237ec34247ebf843544625a874f641ec91b86e8")]
    [InlineData("jane-austen/mansfield-park.txt.gz", "d25fd8dbc873f8ce8f51624bf769dc0bca00199c8fa1b442cff54561af52775e")]
    [InlineData("jane-austen/emma.txt.gz", "0faa883a413fcaf5387f150bc763238227c936e60870dd7713483ae10e67acf1")]
    [InlineData("jane-austen/northanger-abbey.txt.gz", "8f2e4eaea76730955e0dcc253fd5a99e6b97b82ada9d2f5becbfc49ca2b09d89")]
    [InlineData("jane-austen/persuasion.txt.gz", "f9e3e1c0a4dd995f560e2e66e286a2d1fd52c0b78e081c897a2178dad62a00d7")]
    public void Committed_text_files_have_the_SHA256_that_datasets_README_gives(string file, string sha256)
    {
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(DatasetDirectory.PathOf(file)))));
        Assert.Contains(sha256, File.ReadAllText(DatasetDirectory.PathOf("README.md")));
    }
}
