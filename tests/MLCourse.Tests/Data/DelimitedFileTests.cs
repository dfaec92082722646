using MLCourse.Data;

namespace MLCourse.Tests.Data;

/// <summary>Malformed rows are errors that name the file and line; nothing is dropped.</summary>
public sealed class DelimitedFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Rows_keep_their_line_numbers_and_quoted_fields()
    {
        File.WriteAllText(_path, "a,b\n1,\"x, y\"\n2,z\n");

        var file = DelimitedFile.Read(_path, headerLines: 1, fieldCount: 2);

        Assert.Equal([2L, 3L], file.Rows.Select(r => r.Line));
        Assert.Equal("x, y", file.Rows[0].Fields[1]);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_file_and_line()
    {
        File.WriteAllText(_path, "a,b\n1,2\n3\n4,5\n");

        var error = Assert.Throws<FormatException>(() => DelimitedFile.Read(_path, headerLines: 1, fieldCount: 2));

        Assert.Equal($"Datasets: {_path}, line 3: expected 2 fields, found 1.", error.Message);
    }

    [Fact]
    public void A_field_that_is_not_a_number_names_file_line_and_field()
    {
        File.WriteAllText(_path, "1,2\n3,abc\n");
        var file = DelimitedFile.Read(_path, headerLines: 0, fieldCount: 2);

        var error = Assert.Throws<FormatException>(() => file.Rows[1].Number(1));

        Assert.Equal($"Datasets: {_path}, line 2: field 2 should be a number, but is 'abc'.", error.Message);
    }

    [Fact]
    public void A_bad_date_names_file_line_and_field()
    {
        File.WriteAllText(_path, "2012-13-01,1\n");
        var file = DelimitedFile.Read(_path, headerLines: 0, fieldCount: 2);

        var error = Assert.Throws<FormatException>(() => file.Rows[0].Date(0));

        Assert.Equal($"Datasets: {_path}, line 1: field 1 should be a date (yyyy-MM-dd), but is '2012-13-01'.", error.Message);
    }

    [Fact]
    public void Unbalanced_quotes_are_an_error_naming_the_line()
    {
        File.WriteAllText(_path, "1,2\n3,\"4\n");

        var error = Assert.Throws<FormatException>(() => DelimitedFile.Read(_path, headerLines: 0, fieldCount: 2));

        Assert.StartsWith($"Datasets: {_path}, line 2: not valid CSV", error.Message);
    }
}
