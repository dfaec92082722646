using MLCourse.Data.Tables;

namespace MLCourse.Tests.Data.Tables;

public class TableTests
{
    private static readonly Table People = new([
        new TableColumn("age", ColumnKind.Integer, [30L, null, 45L]),
        new TableColumn("city", ColumnKind.Category, ["Oslo", "Lima", "Oslo"]),
        new TableColumn("height", ColumnKind.Number, [1.8, 1.6, 1.7]),
    ]);

    [Fact]
    public void Typed_accessors_keep_missing_values_as_null()
    {
        Assert.Equal([30.0, null, 45.0], People.Numbers("age"));
        Assert.Equal(["Lima", "Oslo"], People["city"].Categories);
        Assert.Equal(1, People["age"].MissingCount);
    }

    [Fact]
    public void A_missing_value_cannot_become_a_matrix_entry()
    {
        var error = Assert.Throws<ArgumentException>(() => People.ToMatrix("height", "age"));

        Assert.Equal("Table: names must name columns without missing values (impute or drop them first), but column " +
            "'age' " +
            "has a missing value at row 1. (Parameter 'names')", error.Message);
        Assert.Equal(1.7, People.ToMatrix("height")[2, 0]);
    }

    [Fact]
    public void Unknown_columns_and_wrong_kinds_are_named()
    {
        var unknown = Assert.Throws<KeyNotFoundException>(() => People["weight"]);
        var kind = Assert.Throws<ArgumentException>(() => People.Texts("age"));

        Assert.Equal("Table: no column 'weight'; the columns are 'age', 'city', 'height'.", unknown.Message);
        Assert.Equal("Table: column 'age' must be Text or Category, but is Integer. (Parameter 'name')", kind.Message);
    }

    [Fact]
    public void Columns_must_agree_in_length_and_values_in_type()
    {
        var lengths = Assert.Throws<ArgumentException>(() => new Table([new TableColumn("a", ColumnKind.Number, [1.0]), new TableColumn("b", ColumnKind.Number, [1.0, 2.0])]));
        var type = Assert.Throws<ArgumentException>(() => new TableColumn("a", ColumnKind.Integer, [1.5]));

        Assert.Equal("Table: columns must have equal lengths, but have 'a' 1, 'b' 2. (Parameter 'columns')", lengths.Message);
        Assert.Equal("TableColumn: values must be Int64 values for column 'a' of kind Integer, but row 0 is a " +
            "Double (1.5). " +
            "(Parameter 'values')", type.Message);
    }

    [Fact]
    public void Rows_select_and_concat_keep_kinds_and_order()
    {
        var older = People.Where(i => People.Numbers("age")[i] > 40);
        var both = Table.Concat([People.Rows([2, 0]), older]);

        Assert.Equal(new string?[] { "Oslo", "Oslo", "Oslo" }, both.Texts("city").AsEnumerable());
        Assert.Equal([45.0, 30.0, 45.0], both.Numbers("age"));
        Assert.Equal(["height", "age"], People.Select("height", "age").ColumnNames);
        Assert.Throws<ArgumentException>(() => Table.Concat([People, People.Select("age")]));
    }

    [Fact]
    public void A_matrix_becomes_named_number_columns_and_back()
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });

        var table = Table.FromMatrix(["a", "b"], m);

        Assert.Equal(m, table.ToMatrix("a", "b"));
        Assert.Throws<ArgumentException>(() => Table.FromMatrix(["a"], m));
    }

    [Fact]
    public void ToString_is_aligned_text_with_a_caption_a_typed_header_and_missing_values_named()
    {
        var table = new Table([
            new TableColumn("city", ColumnKind.Text, ["Oslo", null]),
            new TableColumn("max", ColumnKind.Number, [21.5, null]),
        ]);

        Assert.Equal(
            "Table 2 rows × 2 columns\n"
            + "   city (Text)  max (Number)\n"
            + "0         Oslo          21.5\n"
            + "1         None           NaN",
            table.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToString_of_a_long_table_shows_its_first_and_last_rows_around_an_ellipsis()
    {
        var table = new Table([new TableColumn("n", ColumnKind.Integer, Enumerable.Range(0, 100).Select(i => (object?)(long)i).ToArray())]);

        string[] lines = table.ToString().ReplaceLineEndings("\n").Split('\n');

        Assert.Equal("Table 100 rows × 1 columns", lines[0]);
        Assert.Equal(2 + 2 * Table.TextEdgeRows + 1, lines.Length);
        Assert.Equal(" ⋮", lines[2 + Table.TextEdgeRows]);
        Assert.Equal("99           99", lines[^1]);
    }
}
