using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Data.Gathering;

public sealed class CsvTableTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Kinds_are_inferred_and_dates_stay_text_until_asked_for()
    {
        var weather = CsvTable.Read(DatasetDirectory.PathOf("seattle-weather.csv"));

        Assert.Equal(1461, weather.RowCount);
        Assert.Equal([ColumnKind.Text, ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Text], weather.Columns.Select(c => c.Kind));
    }

    [Fact]
    public void Dtypes_parse_dates_and_make_categories()
    {
        var weather = CsvTable.Read(DatasetDirectory.PathOf("seattle-weather.csv"),
            new Dictionary<string, ColumnKind> { ["date"] = ColumnKind.Date, ["weather"] = ColumnKind.Category });

        Assert.Equal(new DateOnly(2012, 1, 1), weather.Dates("date")[0]);
        Assert.Equal(["drizzle", "fog", "rain", "snow", "sun"], weather["weather"].Categories);
    }

    [Fact]
    public void Empty_fields_are_missing_values()
    {
        File.WriteAllText(_path, "a,b\n1,\n,y\n");

        var table = CsvTable.Read(_path);

        Assert.Equal([1.0, null], table.Numbers("a"));
        Assert.Equal(new string?[] { null, "y" }, table.Texts("b").AsEnumerable());
    }

    [Fact]
    public void A_float_column_read_as_Integer_fails_on_the_first_fraction_naming_file_and_line()
    {
        File.WriteAllText(_path, "a\n2\n2.5\n");

        var error = Assert.Throws<FormatException>(() => CsvTable.Read(_path, new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Integer }));

        Assert.Equal($"CsvTable: {_path}, line 3: column 'a' must hold whole numbers (Integer), but has '2.5'.",
            error.Message);
    }

    [Fact]
    public void A_malformed_row_is_an_error_naming_file_and_line()
    {
        File.WriteAllText(_path, "a,b\n1,2\n3\n");

        var error = Assert.Throws<FormatException>(() => CsvTable.Read(_path));

        Assert.Equal($"CsvTable: {_path}, line 3: expected 2 fields, found 1.", error.Message);
    }

    [Fact]
    public void A_dtype_for_a_missing_column_is_refused()
    {
        File.WriteAllText(_path, "a\n1\n");

        var error = Assert.Throws<ArgumentException>(() => CsvTable.Read(_path, new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Date }));

        Assert.StartsWith($"CsvTable: dtypes has an unknown column 'b'; the known columns of {_path} are 'a'.",
            error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_our_format_error_with_file_and_line()
    {
        File.WriteAllText(_path, "a,b\n1,x\n2,\"never closed\n3,z\n");

        var error = Assert.Throws<FormatException>(() => CsvTable.Read(_path));   // was CsvHelper's BadDataException

        Assert.StartsWith($"CsvTable: {_path}, line 3: a quoted field is not closed", error.Message);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_our_format_error_with_file_and_line()
    {
        File.WriteAllText(_path, "a,b\n1,x\n2,ab\"c\"d\n");

        var error = Assert.Throws<FormatException>(() => CsvTable.Read(_path));

        Assert.StartsWith($"CsvTable: {_path}, line 3: a quoted field is not closed properly", error.Message);
    }

    [Fact]
    public void Pandas_default_missing_markers_are_missing_not_NaN_numbers()
    {
        File.WriteAllText(_path, "a,b\n1,x\nNaN,NA\n,null\n4,N/A\n");

        var table = CsvTable.Read(_path);

        Assert.Equal([1.0, null, null, 4.0], table.Numbers("a"));   // "NaN" used to be a NaN value
        Assert.Equal(new string?[] { "x", null, null, null }, table.Texts("b").AsEnumerable());
    }

    [Fact]
    public void NaN_markers_no_longer_poison_the_imputers_mean()
    {
        File.WriteAllText(_path, "a\n1\nNaN\n3\n");

        var filled = new SimpleImputer().Fit(CsvTable.Read(_path)).Transform(CsvTable.Read(_path));

        Assert.Equal([1.0, 2.0, 3.0], filled.Numbers("a"));   // was mean = NaN, gaps filled with NaN
    }

    [Fact]
    public void Given_na_values_replace_the_defaults_and_empty_stays_missing()
    {
        File.WriteAllText(_path, "a,b\n-999,NA\n2,\n");

        var table = CsvTable.Read(_path, naValues: ["-999"]);

        Assert.Equal([null, 2.0], table.Numbers("a"));
        Assert.Equal(new string?[] { "NA", null }, table.Texts("b").AsEnumerable());   // NA is a value here (North America)
    }

    [Fact]
    public void A_semicolon_file_reads_with_its_delimiter()
    {
        File.WriteAllText(_path, "a;b\n1,5;x\n2,5;y\n");

        var table = CsvTable.Read(_path, delimiter: ';');

        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(new string?[] { "1,5", "2,5" }, table.Texts("a").AsEnumerable());
    }

    [Fact]
    public void A_quote_cannot_be_the_delimiter()
    {
        File.WriteAllText(_path, "a\n1\n");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CsvTable.Read(_path, delimiter: '"'));

        Assert.StartsWith("CsvTable: delimiter must be a character other than a quote or a line break, but is '\"'.", error.Message);
    }
}
