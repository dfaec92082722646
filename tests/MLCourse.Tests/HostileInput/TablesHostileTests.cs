using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Hostile input to <see cref="Table"/> and <see cref="TableColumn"/>: out-of-range and negative row numbers, no
/// columns, unknown, repeated and null names, columns of other lengths or kinds, missing values.
/// </summary>
public class TablesHostileTests : HostileSuite<TablesHostileTests>, IHostileSuite
{
    private static Table Small() => new([
        new TableColumn("a", ColumnKind.Number, [1.0, 2.0, null]),
        new TableColumn("b", ColumnKind.Text, ["x", "y", "z"]),
    ]);

    private static Table Empty() => new([new TableColumn("a", ColumnKind.Number, [])]);

    public static HostileCases Build()
    {
        var cases = new HostileCases();
        foreach (int index in new[] { -1, 3, 4, int.MaxValue, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"Rows([{index}])", () => Small().Rows([index]),
                "Table: indices must be row numbers between 0 and 2", $"but is {index} (entry 0)");
        }
        cases.Refused<ArgumentOutOfRangeException>("Rows with a bad second index", () => Small().Rows([0, -5]),
            "Table: indices must be row numbers between 0 and 2", "but is -5 (entry 1)");
        cases.Refused<ArgumentOutOfRangeException>("Rows of a table without rows", () => Empty().Rows([0]),
            "Table: indices must be absent, since the table has no rows", "but is 0");
        cases.Refused<ArgumentNullException>("Rows(null)", () => Small().Rows(null!),
            "Table: indices must not be null.");
        cases.Answered("Rows with a repeated index repeats the row, as pandas' iloc", () =>
            Assert.Equal(new string?[] { "y", "y" }, Small().Rows([1, 1]).Texts("b")));
        cases.Answered("Rows([]) keeps the columns with no rows", () =>
        {
            Table none = Small().Rows([]);
            Assert.Equal(["a", "b"], none.ColumnNames);
            Assert.Equal(0, none.RowCount);
        });
        cases.Refused<ArgumentNullException>("Where(null)", () => Small().Where(null!),
            "Table: keep must not be null.");
        cases.Refused<ArgumentException>("Select() names no column", () => Small().Select(),
            "Table: names must name at least one column", "cannot keep its 3 rows", "none is named");
        cases.Refused<KeyNotFoundException>("Select of an unknown column", () => Small().Select("nope"),
            "Table: no column 'nope'; the columns are 'a', 'b'.");
        cases.Refused<ArgumentException>("Select of a column twice", () => Small().Select("a", "a"),
            "Table: column names must be distinct, but 'a' appears 2 times.");
        cases.Refused<ArgumentException>("Select of a null name", () => Small().Select("a", null!),
            "Table: names must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentNullException>("Select(null)", () => Small().Select(null!),
            "Table: names must not be null.");
        cases.Refused<KeyNotFoundException>("indexer of an unknown column", () => _ = Small()["A"],
            "Table: no column 'A'; the columns are 'a', 'b'.");
        cases.Refused<ArgumentException>("Numbers of a text column", () => Small().Numbers("b"),
            "Table: column 'b' must be Number or Integer, but is Text.");
        cases.Refused<ArgumentException>("Texts of a number column", () => Small().Texts("a"),
            "Table: column 'a' must be Text or Category, but is Number.");
        cases.Refused<ArgumentException>("Dates of a text column", () => Small().Dates("b"),
            "Table: column 'b' must be Date, but is Text.");
        cases.Refused<ArgumentException>("ToMatrix with a missing value", () => Small().ToMatrix("a"),
            "Table: names must name columns without missing values", "column 'a' has a missing value at row 2");
        cases.Refused<ArgumentException>("ToMatrix of a text column", () => Small().ToMatrix("b"),
            "Table: column 'b' must be Number or Integer, but is Text.");
        cases.Refused<ArgumentException>("ToMatrix() names no column", () => Small().ToMatrix(),
            "Table: names must name at least one column of a table with rows", "0 names and 3 rows");
        cases.Refused<ArgumentException>("ToMatrix of a table without rows", () => Empty().ToMatrix("a"),
            "Table: names must name at least one column of a table with rows", "1 names and 0 rows");
        cases.Refused<ArgumentException>("TextRows of a number column", () => Small().TextRows("a"),
            "Table: column 'a' must be Text or Category, but is Number.");
        cases.Refused<ArgumentException>("With a column of another length",
            () => Small().With(new TableColumn("c", ColumnKind.Number, [1.0])),
            "Table: column must have shape (3,), but has shape (1,).");
        cases.Answered("With a column of the same name replaces it in place", () =>
        {
            Table t = Small().With(new TableColumn("a", ColumnKind.Integer, [1L, 2L, 3L]));
            Assert.Equal(["a", "b"], t.ColumnNames);
            Assert.Equal(ColumnKind.Integer, t["a"].Kind);
        });
        cases.Refused<ArgumentException>("columns of different lengths", () => _ = new Table([
                new TableColumn("a", ColumnKind.Number, [1.0]), new TableColumn("b", ColumnKind.Number, [])]),
            "Table: columns must have equal lengths, but have 'a' 1, 'b' 0.");
        cases.Refused<ArgumentException>("two columns of one name", () => _ = new Table([
                new TableColumn("a", ColumnKind.Number, [1.0]), new TableColumn("a", ColumnKind.Number, [2.0])]),
            "Table: column names must be distinct, but 'a' appears 2 times.");
        cases.Refused<ArgumentException>("a null column", () => _ = new Table([null!]),
            "Table: columns must hold no null, but entry 0 is null.");
        cases.Refused<ArgumentNullException>("null columns", () => _ = new Table(null!),
            "Table: columns must not be null.");
        cases.Refused<ArgumentException>("FromMatrix with too few names",
            () => Table.FromMatrix(["a"], Matrix<double>.Build.Dense(2, 2)),
            "Table: names must have shape (2,), but has shape (1,).");
        cases.Refused<ArgumentException>("FromMatrix with a repeated name",
            () => Table.FromMatrix(["a", "a"], Matrix<double>.Build.Dense(2, 2)),
            "Table: column names must be distinct, but 'a' appears 2 times.");
        cases.Answered("FromMatrix keeps NaN and ∞ as numbers (only null is missing)", () =>
        {
            Table t = Table.FromMatrix(["a"], Matrix<double>.Build.DenseOfArray(new[,] { { double.NaN }, { 1e308 } }));
            Assert.True(double.IsNaN(t.Numbers("a")[0]!.Value));
            Assert.Equal(1e308, t.Numbers("a")[1]);
        });
        cases.Refused<ArgumentException>("Concat of no tables", () => Table.Concat([]),
            "Table: tables must not be empty.");
        cases.Refused<ArgumentException>("Concat of tables with other columns", () => Table.Concat([Small(), Empty()]),
            "Table: tables must have the same columns", "table 1 has (a: Number)");
        cases.Refused<ArgumentException>("Concat with kinds that differ",
            () => Table.Concat([Empty(), new Table([new TableColumn("a", ColumnKind.Integer, [])])]),
            "table 0 has (a: Number) and table 1 has (a: Integer)");
        foreach ((ColumnKind kind, object value, string type) in new (ColumnKind, object, string)[]
        {
            (ColumnKind.Number, 1, "Int32"), (ColumnKind.Number, "1", "String"), (ColumnKind.Integer, 1.0, "Double"),
            (ColumnKind.Integer, 1, "Int32"), (ColumnKind.Text, 1.0, "Double"), (ColumnKind.Date, "2020-01-01", "String"),
            (ColumnKind.DateTime, new DateOnly(2020, 1, 1), "DateOnly"), (ColumnKind.Category, 'c', "Char"),
        })
        {
            cases.Refused<ArgumentException>($"a {type} in a {kind} column",
                () => _ = new TableColumn("c", kind, [null, value]),
                $"TableColumn: values must be {TableColumn.StorageType(kind).Name} values for column 'c' of kind {kind}",
                $"row 1 is a {type}");
        }
        cases.Refused<ArgumentNullException>("a column without a name",
            () => _ = new TableColumn(null!, ColumnKind.Number, []), "TableColumn: name must not be null.");
        cases.Refused<ArgumentNullException>("a column without values",
            () => _ = new TableColumn("a", ColumnKind.Number, null!), "TableColumn: values must not be null.");
        cases.Refused<ArgumentOutOfRangeException>("a column of an undefined kind",
            () => _ = new TableColumn("a", (ColumnKind)42, []), "TableColumn: kind must be a ColumnKind, but is 42.");
        cases.Answered("a column of NaN numbers counts no missing value (NaN is a value in a Table)", () =>
            Assert.Equal(0, new TableColumn("a", ColumnKind.Number, [double.NaN]).MissingCount));
        return cases;
    }
}
