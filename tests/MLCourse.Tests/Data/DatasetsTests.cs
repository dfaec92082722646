using MLCourse.Data;

namespace MLCourse.Tests.Data;

/// <summary>The loaders return the real files' contents, typed, with missing values kept.</summary>
public class DatasetsTests
{
    [Fact]
    public void SeattleWeather_has_every_day_of_2012_to_2015_with_typed_fields()
    {
        var days = Datasets.SeattleWeather();

        Assert.Equal(1461, days.Count);
        Assert.Equal(new WeatherDay(new DateOnly(2012, 1, 1), 0.0, 12.8, 5.0, 4.7, "drizzle"), days[0]);
        Assert.Equal(new DateOnly(2015, 12, 31), days[^1].Date);
        Assert.Equal(["drizzle", "fog", "rain", "snow", "sun"], days.Select(d => d.Weather).Distinct().Order());
    }

    [Fact]
    public void Iris_follows_scikit_learns_layout()
    {
        var iris = Datasets.Iris();

        Assert.Equal((150, 4), (iris.Features.RowCount, iris.Features.ColumnCount));
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal(5.1, iris.Features[0, 0]);
        Assert.Equal(3, iris.Labels.Distinct().Count());
    }

    [Fact]
    public void Cars_keep_missing_values_as_null()
    {
        var cars = Datasets.Cars();

        Assert.Equal(406, cars.Count);
        Assert.Equal(8, cars.Count(c => c.MilesPerGallon is null));
        Assert.Equal(6, cars.Count(c => c.Horsepower is null));
        Assert.Equal(new Car("chevrolet chevelle malibu", 18, 8, 307, 130, 3504, 12, new DateOnly(1970, 1, 1), "USA"), cars[0]);
    }
}
