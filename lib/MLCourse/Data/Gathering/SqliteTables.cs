using System.Globalization;
using Microsoft.Data.Sqlite;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Data.Gathering;

/// <summary>
/// SQL as a data source: writes a <see cref="Table"/> into a SQLite database file and reads the
/// result of any query back as a <see cref="Table"/> — the counterpart of pandas' <c>to_sql</c>
/// and <c>read_sql</c>, through Microsoft.Data.Sqlite.
/// </summary>
/// <remarks>
/// Kinds map to SQLite's storage classes: Integer → INTEGER, Number → REAL, Text and Category →
/// TEXT, Date and DateTime → ISO 8601 TEXT (SQLite has no date type, and ISO text sorts and
/// compares correctly). Reading infers Integer, Number or Text from the values SQLite returns
/// (a column mixing INTEGER and REAL values reads as Number). A BLOB has no Table kind and is refused, naming
/// the column and row (pandas would return the bytes; select <c>hex(column)</c> to read them as text).
/// Introduced in notebook day 03.
/// </remarks>
public static class SqliteTables
{
    private const string Component = "SqliteTables";

    /// <summary>
    /// Creates (or replaces) the table <paramref name="tableName"/> in the database file and fills it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="table"/> has no columns (SQL has no table without
    /// columns), or <paramref name="tableName"/> is empty.</exception>
    public static void Write(Table table, string databasePath, string tableName)
    {
        Require.NotNull(Component, nameof(table), table);
        Require.NotNull(Component, nameof(databasePath), databasePath);
        Require.NotNull(Component, nameof(tableName), tableName);
        if (table.Columns.Count == 0)
        {
            throw ErrorMessage.Must(Component, nameof(table), "have at least one column (SQL has no table without "
                + "columns)", "it has none");
        }
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw ErrorMessage.Empty(Component, nameof(tableName));
        }
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        string columns = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {SqlType(c.Kind)}"));
        Execute(connection, $"DROP TABLE IF EXISTS {Quote(tableName)}");
        Execute(connection, $"CREATE TABLE {Quote(tableName)} ({columns})");
        using SqliteCommand insert = connection.CreateCommand();
        string placeholders = string.Join(", ", table.Columns.Select((_, j) => $"$p{j}"));   // $p0, $p1, …
        insert.CommandText = $"INSERT INTO {Quote(tableName)} VALUES ({placeholders})";
        SqliteParameter[] parameters =
            table.Columns.Select((_, j) => insert.Parameters.Add(new SqliteParameter($"$p{j}", null))).ToArray();
        for (int i = 0; i < table.RowCount; i++)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                parameters[j].Value = ToSql(table.Columns[j].Values[i]);
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Runs <paramref name="sql"/> against the database file and returns its rows.</summary>
    /// <exception cref="SqliteException">The query is not valid SQL for that database; SQLite's message says
    /// why.</exception>
    /// <exception cref="FormatException">A value is a BLOB; the message names the column and row.</exception>
    public static Table Query(string databasePath, string sql)
    {
        Require.NotNull(Component, nameof(databasePath), databasePath);
        Require.NotNull(Component, nameof(sql), sql);
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        string[] names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var cells = names.Select(_ => new List<object?>()).ToArray();
        while (reader.Read())
        {
            for (int j = 0; j < names.Length; j++)
            {
                object? value = reader.IsDBNull(j) ? null : reader.GetValue(j);
                if (value is byte[] bytes)
                {
                    throw ErrorMessage.MustInFile($"{Component}: {databasePath}", $"column '{names[j]}'",
                        "hold INTEGER, REAL or TEXT values (a Table has no kind for bytes)",
                        $"row {cells[j].Count} is a BLOB of {bytes.Length} bytes; select hex({names[j]}) to read "
                        + "it as text");
                }
                cells[j].Add(value);
            }
        }
        return new Table(names.Select((name, j) => Column(name, cells[j])).ToArray());
    }

    private static TableColumn Column(string name, List<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count > 0 && present.All(v => v is long))
        {
            return new TableColumn(name, ColumnKind.Integer, values);
        }
        if (present.Count > 0 && present.All(v => v is long or double))
        {
            return new TableColumn(name, ColumnKind.Number,
                values.Select(v => v is null ? null : (object)Convert.ToDouble(v, CultureInfo.InvariantCulture))
                .ToArray());
        }
        return new TableColumn(name, ColumnKind.Text,
            values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray());
    }

    private static object ToSql(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Number => "REAL",
        _ => "TEXT",
    };

    // SQL identifiers in double quotes, with embedded quotes doubled, so any column name is safe.
    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
