using Microsoft.Data.Sqlite;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Hostile files given to the readers (<see cref="CsvTable"/>, <see cref="JsonTable"/>, <see cref="HtmlTables"/>,
/// <see cref="SqliteTables"/>): malformed files, numbers a double would change (∞, a rounded 20-digit id), names that
/// are empty or repeated, another delimiter, a BLOB. Each is refused naming file and line (or record, table, row),
/// or read unchanged; no reader changes data without a word.
/// </summary>
public class ReadersHostileTests : HostileSuite<ReadersHostileTests>, IHostileSuite
{
    private static string Csv(string text) => Hostile.File(text, "csv");

    private static string Json(string text) => Hostile.File(text, "json");

    private static string Html(string text) => Hostile.File(text, "html");

    private static Dictionary<string, ColumnKind> As(string column, ColumnKind kind) => new() { [column] = kind };

    public static HostileCases Build()
    {
        var cases = new HostileCases();
        Csvs(cases);
        Jsons(cases);
        Htmls(cases);
        Sqlite(cases);
        return cases;
    }

    private static void Csvs(HostileCases cases)
    {
        cases.Refused<FormatException>("CSV: an empty file", () => CsvTable.Read(Csv("")),
            "CsvTable: ", ".csv, line 1: the file is empty; expected a header row.");
        cases.Answered("CSV: a header alone gives columns without rows", () =>
        {
            Table t = CsvTable.Read(Csv("a,b\n"));
            Assert.Equal(["a", "b"], t.ColumnNames);
            Assert.Equal(0, t.RowCount);
        });
        cases.Refused<FormatException>("CSV: a row with too few fields", () => CsvTable.Read(Csv("a,b\n1,2\n3\n")),
            ".csv, line 3: expected 2 fields, found 1.");
        cases.Refused<FormatException>("CSV: a row with too many fields", () => CsvTable.Read(Csv("a,b\n1,2,3\n")),
            ".csv, line 2: expected 2 fields, found 3.");
        cases.Refused<FormatException>("CSV: a quote never closed", () => CsvTable.Read(Csv("a,b\n1,\"x\n2,3\n")),
            "CsvTable: ", ".csv, line 2:");
        cases.Refused<FormatException>("CSV: an empty header name", () => CsvTable.Read(Csv("a,,c\n1,2,3\n")),
            ".csv, line 1: every column must have a name, but column 1 has none (pandas would call it 'Unnamed: 1')");
        cases.Refused<FormatException>("CSV: a blank header name", () => CsvTable.Read(Csv("a, \n1,2\n")),
            ".csv, line 1: every column must have a name, but column 1 has none");
        cases.Refused<FormatException>("CSV: a repeated header name", () => CsvTable.Read(Csv("a,b,a\n1,2,3\n")),
            ".csv, line 1: column names must be distinct, but 'a' names 2 columns");
        foreach ((string name, char separator, string word) in new[]
            { ("semicolon", ';', "semicolons"), ("tab", '\t', "tabs"), ("bar", '|', "bars") })
        {
            string text = $"a{separator}b{separator}c\n1{separator}2{separator}3\n";
            cases.Refused<FormatException>($"CSV: a {name}-separated file read with the default delimiter",
                () => CsvTable.Read(Csv(text)),
                $".csv, line 1: the header 'a{separator}b{separator}c' is one field holding {word}",
                "or delimiter: ',' to read one column");
            cases.Answered($"CSV: a {name}-separated file read with its delimiter has 3 columns", () =>
                Assert.Equal(["a", "b", "c"], CsvTable.Read(Csv(text), delimiter: separator).ColumnNames));
            cases.Answered($"CSV: a {name}-separated file read with delimiter ',' on purpose is one column", () =>
                Assert.Single(CsvTable.Read(Csv(text), delimiter: ',').Columns));
        }
        foreach (char bad in new[] { '"', '\n', '\r' })
        {
            cases.Refused<ArgumentOutOfRangeException>($"CSV: delimiter U+{(int)bad:X4}",
                () => CsvTable.Read(Csv("a\n1\n"), delimiter: bad),
                "CsvTable: delimiter must be a character other than a quote or a line break");
        }
        foreach (string huge in new[] { "1e309", "-1e309", "1e99999", "2e308", "1.8e308" })
        {
            cases.Refused<FormatException>($"CSV: the number {huge[..Math.Min(12, huge.Length)]}… overflows",
                () => CsvTable.Read(Csv($"x\n1\n{huge}\n")),
                ".csv, line 3: column 'x' must hold numbers within ±1.8e308", "read the column as Text (dtypes)");
            cases.Refused<FormatException>($"CSV: the number {huge[..Math.Min(12, huge.Length)]}… as Number overflows",
                () => CsvTable.Read(Csv($"x\n{huge}\n"), As("x", ColumnKind.Number)),
                ".csv, line 2: column 'x' must hold numbers within ±1.8e308");
        }
        foreach (string word in new[] { "Infinity", "-Infinity", "infinity" })
        {
            cases.Answered($"CSV: '{word}' is infinity written out, read as ∞", () =>
                Assert.True(double.IsInfinity(CsvTable.Read(Csv($"x\n1.5\n{word}\n")).Numbers("x")[1]!.Value)));
        }
        foreach (string word in new[] { "inf", "-inf", "∞" })
        {
            // pandas reads "inf" as ∞; .NET does not parse it, so the column stays Text, every value kept as written
            cases.Answered($"CSV: '{word}' is not a .NET number, so the column is Text, unchanged", () =>
                Assert.Equal(new string?[] { "1.5", word }, CsvTable.Read(Csv($"x\n1.5\n{word}\n")).Texts("x")));
        }
        cases.Refused<FormatException>("CSV: two 20-digit ids a double would make equal",
            () => CsvTable.Read(Csv("id\n12345678901234567890\n12345678901234567891\n")),
            ".csv, line 2: column 'id' must hold whole numbers a double keeps exactly, or within Int64",
            "'12345678901234567890', which as a Number would round to 1.2345678901234567E+19",
            "read the column as Text (dtypes) to keep the digits, or as Number to accept the rounding");
        cases.Refused<FormatException>("CSV: a negative 20-digit id",
            () => CsvTable.Read(Csv("id\n-98765432109876543210\n")), "column 'id' must hold whole numbers");
        cases.Answered("CSV: 20-digit ids read as Text keep their digits", () =>
            Assert.Equal(new string?[] { "12345678901234567890", "12345678901234567891" },
                CsvTable.Read(Csv("id\n12345678901234567890\n12345678901234567891\n"), As("id", ColumnKind.Text))
                    .Texts("id")));
        cases.Answered("CSV: 20-digit ids read as Number on purpose are rounded, as asked", () =>
            Assert.Equal(1.2345678901234567E+19,
                CsvTable.Read(Csv("id\n12345678901234567890\n"), As("id", ColumnKind.Number)).Numbers("id")[0]));
        cases.Answered("CSV: 2^64 is a whole number a double keeps exactly", () =>
            Assert.Equal(18446744073709551616.0, CsvTable.Read(Csv("id\n18446744073709551616\n")).Numbers("id")[0]));
        cases.Answered("CSV: Int64's extremes stay Integer", () =>
            Assert.Equal([long.MaxValue, long.MinValue],
                CsvTable.Read(Csv($"id\n{long.MaxValue}\n{long.MinValue}\n"))["id"].Values.Cast<long>()));
        cases.Answered("CSV: NaN in the file is missing, as pandas' na_values", () =>
            Assert.Equal([1.0, null, null], CsvTable.Read(Csv("x,y\n1,a\nNaN,b\n,c\n")).Numbers("x")));
        cases.Refused<ArgumentException>("CSV: dtypes name a column the file lacks",
            () => CsvTable.Read(Csv("a\n1\n"), As("b", ColumnKind.Integer)),
            "CsvTable: dtypes has an unknown column 'b'; the known columns of", "are 'a'");
        cases.Refused<FormatException>("CSV: a fraction asked for as Integer",
            () => CsvTable.Read(Csv("a\n1\n1.5\n"), As("a", ColumnKind.Integer)),
            ".csv, line 3: column 'a' must hold whole numbers (Integer), but has '1.5'.");
        cases.Refused<FormatException>("CSV: a bad date asked for as Date",
            () => CsvTable.Read(Csv("d\n2020-02-30\n"), As("d", ColumnKind.Date)),
            ".csv, line 2: column 'd' must hold dates yyyy-MM-dd (Date), but has '2020-02-30'.");
        cases.Refused<FormatException>("CSV: an Int64 overflow asked for as Integer",
            () => CsvTable.Read(Csv("a\n9223372036854775808\n"), As("a", ColumnKind.Integer)),
            "column 'a' must hold whole numbers (Integer), but has '9223372036854775808'.");
        cases.Refused<ArgumentNullException>("CSV: a null path", () => CsvTable.Read(null!),
            "CsvTable: path must not be null.");
    }

    private static void Jsons(HostileCases cases)
    {
        foreach ((string name, string text, string line) in new[]
        {
            ("an unclosed array", "[{\"a\": 1}", "line 1"), ("a trailing comma", "[{\"a\": 1},]", "line 1"),
            ("an empty file", "", "line 1"), ("a bare word", "hello", "line 1"), ("a bad second line", "[\n{a: 1}]", "line 2"),
        })
        {
            cases.Refused<FormatException>($"JSON: {name}", () => JsonTable.Read(Json(text)),
                "JsonTable: ", $".json, {line}: not valid JSON");
        }
        cases.Refused<FormatException>("JSON: a number at the top level", () => JsonTable.Read(Json("42")),
            ".json: the top level must be an array of records, but is Number.");
        cases.Refused<FormatException>("JSON: a record that is a number", () => JsonTable.Read(Json("[{\"a\": 1}, 2]")),
            ".json: record 1 must be an object, but is Number.");
        cases.Refused<FormatException>("JSON: a missing records property",
            () => JsonTable.Read(Json("{\"data\": []}"), recordsProperty: "items"),
            ".json: the top level must be an object with a property 'items', but is an object without it.");
        cases.Refused<FormatException>("JSON: a records property that is not an array",
            () => JsonTable.Read(Json("{\"items\": 3}"), recordsProperty: "items"),
            ".json: property 'items' must be an array of records, but is Number.");
        cases.Refused<FormatException>("JSON: a key given twice in a record",
            () => JsonTable.Read(Json("[{\"a\": 1, \"a\": 2}]")),
            ".json: record 0 must have distinct, non-empty keys, but has the key 'a' twice.");
        cases.Refused<FormatException>("JSON: an empty key", () => JsonTable.Read(Json("[{\"a\": 1}, {\"\": 2}]")),
            ".json: record 1 must have distinct, non-empty keys, but has an empty key.");
        cases.Refused<ArgumentException>("JSON: dtypes name a column no record has",
            () => JsonTable.Read(Json("[{\"a\": 1}]"), dtypes: As("b", ColumnKind.Text)),
            "JsonTable: dtypes has an unknown column 'b'; the known columns of", "are 'a'");
        cases.Refused<FormatException>("JSON: a number that overflows", () => JsonTable.Read(Json("[{\"x\": 1e400}]")),
            ".json, record 0: column 'x' must hold numbers within ±1.8e308");
        cases.Refused<FormatException>("JSON: a negative number that overflows",
            () => JsonTable.Read(Json("[{\"x\": 1}, {\"x\": -2e308}]")), ".json, record 1: column 'x' must hold numbers");
        cases.Refused<FormatException>("JSON: two 20-digit ids",
            () => JsonTable.Read(Json("[{\"id\": 12345678901234567890}, {\"id\": 12345678901234567891}]")),
            ".json, record 0: column 'id' must hold whole numbers a double keeps exactly");
        cases.Answered("JSON: 20-digit ids as Text keep their digits", () =>
            Assert.Equal(new string?[] { "12345678901234567891" }, JsonTable.Read(Json("[{\"id\": 12345678901234567891}]"),
                dtypes: As("id", ColumnKind.Text)).Texts("id")));
        cases.Answered("JSON: strings of digits stay Text", () =>
            Assert.Equal(ColumnKind.Text, JsonTable.Read(Json("[{\"id\": \"12\"}, {\"id\": 3}]"))["id"].Kind));
        cases.Answered("JSON: an empty array is a table without columns or rows", () =>
            Assert.Empty(JsonTable.Read(Json("[]")).Columns));
        cases.Answered("JSON: a missing property and null are missing values", () =>
            Assert.Equal([1L, null, null], JsonTable.Read(Json("[{\"a\": 1}, {\"a\": null}, {}]"))["a"].Values));
        cases.Refused<FormatException>("JSON: text asked for as Integer",
            () => JsonTable.Read(Json("[{\"a\": \"x\"}]"), dtypes: As("a", ColumnKind.Integer)),
            ".json, record 0: column 'a' must hold whole numbers (Integer), but has 'x'.");
        cases.Refused<ArgumentNullException>("JSON: a null path", () => JsonTable.Read(null!),
            "JsonTable: path must not be null.");
    }

    private static void Htmls(HostileCases cases)
    {
        cases.Refused<FormatException>("HTML: a page without tables", () => HtmlTables.Read(Html("<p>hi</p>")),
            ".html: the page must have at least one <table> element, but has none.");
        cases.Refused<FormatException>("HTML: a table without rows",
            () => HtmlTables.Read(Html("<table><tr><td>1</td></tr></table><table></table>")),
            ".html, table 1: the table must have at least one row of cells", "but has none.");
        cases.Answered("HTML: a header row alone gives named columns without rows", () =>
        {
            Table t = HtmlTables.Read(Html("<table><tr><th>a</th><th>b</th></tr></table>"))[0];
            Assert.Equal(["a", "b"], t.ColumnNames);
            Assert.Equal(0, t.RowCount);
        });
        cases.Refused<FormatException>("HTML: a row with another number of cells",
            () => HtmlTables.Read(Html("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td></tr></table>")),
            ".html, table 0: row 1 must have 2 cells (one per column), but has 1.");
        cases.Refused<FormatException>("HTML: an empty header cell",
            () => HtmlTables.Read(Html("<table><tr><th>a</th><th> </th></tr><tr><td>1</td><td>2</td></tr></table>")),
            ".html, table 0, row 0: every column must have a name, but column 1 has none");
        cases.Refused<FormatException>("HTML: a repeated header cell",
            () => HtmlTables.Read(Html("<table><tr><th>a</th><th>a</th></tr><tr><td>1</td><td>2</td></tr></table>")),
            ".html, table 0, row 0: column names must be distinct, but 'a' names 2 columns");
        cases.Refused<FormatException>("HTML: a cell number that overflows",
            () => HtmlTables.Read(Html("<table><tr><th>a</th></tr><tr><td>1e999</td></tr></table>")),
            ".html, table 0, row 1: column 'a' must hold numbers within ±1.8e308");
        cases.Refused<ArgumentNullException>("HTML: a null path", () => HtmlTables.Read(null!),
            "HtmlTables: path must not be null.");
    }

    private static void Sqlite(HostileCases cases)
    {
        string Database() => Hostile.File("", "db");
        Table numbers = new([new TableColumn("x", ColumnKind.Number, [1.5, double.PositiveInfinity, null])]);
        cases.Refused<ArgumentException>("SQLite: writing a table without columns",
            () => SqliteTables.Write(new Table([]), Database(), "t"),
            "SqliteTables: table must have at least one column (SQL has no table without columns), but it has none.");
        cases.Refused<ArgumentException>("SQLite: writing under an empty table name",
            () => SqliteTables.Write(numbers, Database(), " "), "SqliteTables: tableName must not be empty.");
        cases.Refused<ArgumentNullException>("SQLite: writing a null table",
            () => SqliteTables.Write(null!, Database(), "t"), "SqliteTables: table must not be null.");
        cases.Refused<ArgumentNullException>("SQLite: a null query", () => SqliteTables.Query(Database(), null!),
            "SqliteTables: sql must not be null.");
        cases.Refused<FormatException>("SQLite: a BLOB", () =>
        {
            string path = Database();
            SqliteTables.Write(numbers, path, "t");
            SqliteTables.Query(path, "SELECT x, x'00FF10' AS b FROM t");
        }, "SqliteTables: ", ".db: column 'b' must hold INTEGER, REAL or TEXT values (a Table has no kind for bytes)",
            "row 0 is a BLOB of 3 bytes; select hex(b) to read it as text.");
        cases.Answered("SQLite: numbers, ∞ and missing values come back unchanged", () =>
        {
            string path = Database();
            SqliteTables.Write(numbers, path, "t");
            Assert.Equal([1.5, double.PositiveInfinity, null], SqliteTables.Query(path, "SELECT x FROM t").Numbers("x"));
        });
        cases.Answered("SQLite: a column name with quotes and spaces is written and read back", () =>
        {
            string path = Database();
            SqliteTables.Write(new Table([new TableColumn("a \"b\"; DROP", ColumnKind.Integer, [1L])]), path, "t t");
            Assert.Equal(["a \"b\"; DROP"], SqliteTables.Query(path, "SELECT * FROM \"t t\"").ColumnNames);
        });
    }
}
