using System.IO.Compression;
using System.Text;
using MLCourse.Errors;

namespace MLCourse.Data;

public static partial class Datasets
{
    private static readonly (string File, string Title, int Year)[] AustenNovels =
    [
        ("sense-and-sensibility", "Sense and Sensibility", 1811),
        ("pride-and-prejudice", "Pride and Prejudice", 1813),
        ("mansfield-park", "Mansfield Park", 1814),
        ("emma", "Emma", 1815),
        ("northanger-abbey", "Northanger Abbey", 1817),
        ("persuasion", "Persuasion", 1817),
    ];

    /// <summary>
    /// 29,669 US first names (every name given to at least 200 babies 1880–2024), most frequent first
    /// ("james", "john", "robert", …), with the number of girls and boys given each.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A row is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<BabyName> BabyNames()
    {
        var file = DelimitedFile.Read(DatasetDirectory.PathOf("us-baby-names.csv.gz"), headerLines: 1, fieldCount: 3);
        return file.Rows.Select(r => new BabyName(r.Fields[0], r.Integer(1), r.Integer(2))).ToList();
    }

    /// <summary>
    /// Jane Austen's six novels in order of publication (Sense and Sensibility, Pride and Prejudice,
    /// Mansfield Park, Emma, Northanger Abbey, Persuasion): about 4.0 million characters of
    /// public-domain English.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A file is not valid gzip or UTF-8; the message names it.</exception>
    public static IReadOnlyList<Book> JaneAusten() =>
        AustenNovels.Select(n => new Book(n.Title, n.Year,
            ReadGzipText(Path.Combine("jane-austen", n.File + ".txt.gz")))).ToList();

    /// <summary>
    /// 3,000 review sentences labelled positive (1) or negative (0): 1,000 each from Amazon, IMDb and
    /// Yelp, 500 of each label per source, in that order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A row is malformed or a label is not 0 or 1; the message names the file and
    /// line.</exception>
    public static IReadOnlyList<SentimentSentence> SentimentSentences()
    {
        var file = DelimitedFile.Read(DatasetDirectory.PathOf("sentiment-sentences.csv.gz"),
            headerLines: 1, fieldCount: 3);
        return file.Rows.Select(r => r.Integer(1) is 0 or 1
                ? new SentimentSentence(r.Fields[0], r.Integer(1), r.Fields[2])
                : throw ErrorMessage.BadRow(Component, r.File, r.Line,
                    $"the label must be 0 or 1, but is {r.Fields[1]}"))
            .ToList();
    }

    private static string ReadGzipText(string fileName)
    {
        string path = DatasetDirectory.PathOf(fileName);
        try
        {
            using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            throw ErrorMessage.BadFile(Component, path, $"not gzip-compressed UTF-8 text ({e.Message})");
        }
    }
}
