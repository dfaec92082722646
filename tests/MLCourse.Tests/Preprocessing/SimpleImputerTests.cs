using MLCourse.Data.Tables;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class SimpleImputerTests
{
    private static readonly Table Data = new([
        new TableColumn("x", ColumnKind.Integer, [1L, null, 4L, 5L]),
        new TableColumn("sex", ColumnKind.Text, ["M", null, "F", "F"]),
    ]);

    [Theory]
    [InlineData(ImputeStrategy.Mean, 10.0 / 3)]
    [InlineData(ImputeStrategy.Median, 4.0)]
    [InlineData(ImputeStrategy.MostFrequent, 1.0)]   // all tie once: the smallest
    public void Numeric_columns_are_filled_with_the_learned_statistic(ImputeStrategy strategy, double fill)
    {
        var filled = new SimpleImputer(strategy).Fit(Data.Select("x")).Transform(Data.Select("x"));

        Assert.Equal(ColumnKind.Number, filled["x"].Kind);
        Assert.Equal(fill, filled.Numbers("x")[1]!.Value, 1e-12);
        Assert.Equal(4.0, filled.Numbers("x")[2]);
    }

    [Fact]
    public void Text_is_filled_with_the_most_frequent_value_or_a_constant()
    {
        var frequent = new SimpleImputer(ImputeStrategy.MostFrequent).Fit(Data).Transform(Data);
        var constant = new SimpleImputer(ImputeStrategy.Constant, "unknown").Fit(Data.Select("sex")).Transform(Data.Select("sex"));

        Assert.Equal("F", frequent.Texts("sex")[1]);
        Assert.Equal("unknown", constant.Texts("sex")[1]);
    }

    [Fact]
    public void The_statistic_comes_from_the_fitted_table_not_the_transformed_one()
    {
        var imputer = new SimpleImputer(ImputeStrategy.Mean).Fit(Data.Select("x"));
        var other = new Table([new TableColumn("x", ColumnKind.Integer, [null, 100L])]);

        Assert.Equal(10.0 / 3, imputer.Transform(other).Numbers("x")[0]!.Value, 1e-12);
    }

    [Fact]
    public void Mean_of_text_and_an_empty_column_are_refused()
    {
        var text = Assert.Throws<ArgumentException>(() => new SimpleImputer(ImputeStrategy.Mean).Fit(Data));
        var empty = Assert.Throws<ArgumentException>(() => new SimpleImputer().Fit(new Table([new TableColumn("z", ColumnKind.Number, [null, null])])));

        Assert.Equal("SimpleImputer: column 'sex' must be numeric for the Mean strategy, but is Text. (Parameter 'x')",
            text.Message);
        Assert.Equal("SimpleImputer: x must have a value in column 'z' to learn a Mean from, but it has none. " +
            "(Parameter 'x')", empty.Message);
    }

    [Fact]
    public void A_NaN_number_counts_as_missing_as_in_scikit_learn()
    {
        var x = new Table([new TableColumn("a", ColumnKind.Number, [1.0, double.NaN, 3.0, null])]);

        var imputer = new SimpleImputer().Fit(x);

        Assert.Equal(2.0, imputer.Statistics["a"]);
        Assert.Equal([1.0, 2.0, 3.0, 2.0], imputer.Transform(x).Numbers("a"));
    }
}
