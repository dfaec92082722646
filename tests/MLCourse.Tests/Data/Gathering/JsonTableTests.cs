using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;

namespace MLCourse.Tests.Data.Gathering;

public sealed class JsonTableTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Cars_records_become_typed_columns_with_nulls_missing()
    {
        var cars = JsonTable.Read(DatasetDirectory.PathOf("cars.json"), dtypes: new Dictionary<string, ColumnKind> { ["Year"] = ColumnKind.Date, ["Origin"] = ColumnKind.Category });

        Assert.Equal(406, cars.RowCount);
        Assert.Equal(ColumnKind.Number, cars["Miles_per_Gallon"].Kind);
        Assert.Equal(ColumnKind.Integer, cars["Cylinders"].Kind);
        Assert.Equal(8, cars["Miles_per_Gallon"].MissingCount);
        Assert.Equal(["Europe", "Japan", "USA"], cars["Origin"].Categories);
        Assert.Equal(new DateOnly(1970, 1, 1), cars.Dates("Year")[0]);
    }

    [Fact]
    public void An_API_payload_is_read_from_the_property_that_holds_the_records()
    {
        var resources = JsonTable.Read(DatasetDirectory.PathOf("vega-datasets-datapackage.json"), recordsProperty: "resources");

        Assert.Equal(73, resources.RowCount);
        Assert.Equal(ColumnKind.Integer, resources["bytes"].Kind);
        Assert.Contains("\"title\": \"GNU Lesser General Public License\"", resources.Texts("licenses")[0]);   // nested arrays keep their JSON text
    }

    [Fact]
    public void A_missing_records_property_and_a_non_object_record_are_named()
    {
        File.WriteAllText(_path, """{"items": [{"a": 1}, 2]}""");

        var property = Assert.Throws<FormatException>(() => JsonTable.Read(_path, "rows"));
        var record = Assert.Throws<FormatException>(() => JsonTable.Read(_path, "items"));

        Assert.Equal($"JsonTable: {_path}: the top level must be an object with a property 'rows', but is an object " +
            $"without it.", property.Message);
        Assert.Equal($"JsonTable: {_path}: record 1 must be an object, but is Number.", record.Message);
    }
}
