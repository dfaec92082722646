using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

/// <summary>Series over calendar days are drawn on a date axis, at each date's place.</summary>
public class DateAxisTests
{
    [Fact]
    public void A_series_over_dates_is_drawn_on_a_date_axis_at_milliseconds_since_1970()
    {
        var dates = new[] { new DateOnly(1970, 1, 1), new DateOnly(1970, 1, 2), new DateOnly(2012, 1, 1) };
        var chart = Charts.Lines("error", "date", "MAE (°C)", Series.OverDates("online", dates, [1.0, 2.0, 3.0]));

        var x = ChartJson.Layout(chart).GetProperty("xaxis");
        Assert.Equal("date", x.GetProperty("type").GetString());
        Assert.Equal("date", x.GetProperty("title").GetProperty("text").GetString());
        // plotly.js reads numbers on a date axis as milliseconds since 1970-01-01 UTC.
        Assert.Equal([0, 86_400_000, 1_325_376_000_000],
            ChartJson.Doubles(ChartJson.Traces(chart)[0].GetProperty("x")));
    }

    [Fact]
    public void A_date_series_beside_a_numeric_one_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Lines("t", "x", "y",
            Series.OverDates("dated", [new DateOnly(2012, 1, 1)], [1.0]), new Series("plain", [1.0], [1.0])));

        Assert.StartsWith("Charts: series must all be over dates or none, but 'plain' is not and 'dated' is.",
            error.Message);
    }

    [Fact]
    public void Dates_and_values_of_other_lengths_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Series.OverDates("s", [new DateOnly(2012, 1, 1), new DateOnly(2012, 1, 2)], [1.0]));

        Assert.StartsWith("Series: y must have shape (2,) (one per date), but has shape (1,).", error.Message);
    }
}
