using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;

namespace MLCourse.Tests.Data.Gathering;

public sealed class SqliteTablesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public void A_group_by_query_on_the_weather_matches_counts_made_without_SQL()
    {
        var weather = CsvTable.Read(DatasetDirectory.PathOf("seattle-weather.csv"), new Dictionary<string, ColumnKind> { ["date"] = ColumnKind.Date });
        SqliteTables.Write(weather, _path, "weather");

        var result = SqliteTables.Query(_path, "SELECT weather, COUNT(*) AS days, AVG(temp_max) AS mean_max FROM weather GROUP BY weather ORDER BY days DESC");

        Assert.Equal(new string?[] { "rain", "sun", "fog", "drizzle", "snow" }, result.Texts("weather").AsEnumerable());
        Assert.Equal([641.0, 640, 101, 53, 26], result.Numbers("days").Select(d => d!.Value));
        var texts = weather.Texts("weather");
        Assert.Equal(weather.Numbers("temp_max").Where((_, i) => texts[i] == "sun").Average()!.Value, result.Numbers("mean_max")[1]!.Value, 1e-9);
    }

    [Fact]
    public void Dates_are_stored_as_ISO_text_and_missing_values_as_NULL()
    {
        var table = new Table([
            new TableColumn("day", ColumnKind.Date, [new DateOnly(2012, 1, 2), null]),
            new TableColumn("x", ColumnKind.Number, [null, 2.5]),
        ]);
        SqliteTables.Write(table, _path, "t");

        var back = SqliteTables.Query(_path, "SELECT day, x FROM t WHERE day >= '2012-01-01' OR day IS NULL");

        Assert.Equal(new string?[] { "2012-01-02", null }, back.Texts("day").AsEnumerable());
        Assert.Equal([null, 2.5], back.Numbers("x"));
    }
}
