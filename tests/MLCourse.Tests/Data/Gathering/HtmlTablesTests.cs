using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;

namespace MLCourse.Tests.Data.Gathering;

public sealed class HtmlTablesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.html");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_R_datasets_index_yields_every_dataset_with_its_title()
    {
        var tables = HtmlTables.Read(DatasetDirectory.PathOf("r-datasets-index.html"));
        var index = Table.Concat(tables);

        Assert.Equal(22, tables.Count);
        Assert.Equal(109, index.RowCount);
        int mtcars = Array.IndexOf(index.Texts("0"), "mtcars");
        Assert.Equal("Motor Trend Car Road Tests", index.Texts("1")[mtcars]);
    }

    [Fact]
    public void A_header_row_names_columns_and_cells_get_kinds()
    {
        File.WriteAllText(_path, "<table><tr><th>name</th><th>count</th></tr><tr><td> a </td><td>3</td></tr><tr><td>b</td><td>4</td></tr></table>");

        var table = HtmlTables.Read(_path).Single();

        Assert.Equal(new string?[] { "a", "b" }, table.Texts("name").AsEnumerable());
        Assert.Equal(ColumnKind.Integer, table["count"].Kind);
    }

    [Fact]
    public void A_row_with_a_missing_cell_is_an_error_naming_table_and_row()
    {
        File.WriteAllText(_path, "<table><tr><td>a</td><td>1</td></tr><tr><td>b</td></tr></table>");

        var error = Assert.Throws<FormatException>(() => HtmlTables.Read(_path));

        Assert.Equal($"HtmlTables: {_path}, table 0: row 1 must have 2 cells (one per column), but has 1.",
            error.Message);
    }

    [Fact]
    public void A_nested_table_is_a_table_of_its_own()
    {
        File.WriteAllText(_path, "<table><tr><th>x</th><th>detail</th></tr>"
            + "<tr><td>1</td><td><table><tr><td>i</td></tr><tr><td>j</td></tr></table></td></tr>"
            + "<tr><td>2</td><td>none</td></tr></table>");

        var tables = HtmlTables.Read(_path);

        Assert.Equal(2, tables.Count);
        Assert.Equal(2, tables[0].RowCount);   // its own rows only; the nested i and j used to be added (and fail as short rows)
        Assert.Equal(new string?[] { "i", "j" }, tables[1].Texts("0").AsEnumerable());
    }

    [Fact]
    public void A_page_without_a_table_is_an_error()
    {
        File.WriteAllText(_path, "<html><body><p>no data here</p></body></html>");

        var error = Assert.Throws<FormatException>(() => HtmlTables.Read(_path));   // used to return an empty list

        Assert.Equal($"HtmlTables: {_path}: the page must have at least one <table> element, but has none.",
            error.Message);
    }
}
