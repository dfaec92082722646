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
    public void Digits_has_1797_images_of_8_by_8_pixels_with_labels()
    {
        var digits = Datasets.Digits();

        Assert.Equal(1797, digits.Count);
        Assert.Equal((1797, 64), (digits.Pixels.RowCount, digits.Pixels.ColumnCount));
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal(Enumerable.Range(0, 10), digits.Labels.Distinct().Order());
        Assert.Equal(13.0, digits.Image(0)[0, 3]);   // first image, row 0: 0,0,5,13,9,1,0,0
        Assert.InRange(digits.Pixels.Enumerate().Max(), 16, 16);
    }

    [Fact]
    public void Iris_and_wine_follow_scikit_learns_layout()
    {
        var iris = Datasets.Iris();
        var wine = Datasets.Wine();

        Assert.Equal((150, 4), (iris.Features.RowCount, iris.Features.ColumnCount));
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal(5.1, iris.Features[0, 0]);
        Assert.Equal((178, 13), (wine.Features.RowCount, wine.Features.ColumnCount));
        Assert.Equal(1065, wine.Features[0, 12]);
        Assert.Equal(3, wine.Labels.Distinct().Count());
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

    [Fact]
    public void Penguins_keep_missing_values_as_null()
    {
        var penguins = Datasets.Penguins();

        Assert.Equal(344, penguins.Count);
        Assert.Equal(2, penguins.Count(p => p.BodyMassG is null));
        Assert.Equal(11, penguins.Count(p => p.Sex is null));
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], penguins.Select(p => p.Species).Distinct().Order());
    }
}
