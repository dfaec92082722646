using MLCourse.Data.Tables;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class DummiesTests
{
    private static readonly Table Cars = new([
        new TableColumn("price", ColumnKind.Number, [1.0, 2.0, 3.0, 4.0]),
        new TableColumn("fuel", ColumnKind.Text, ["Petrol", "Diesel", null, "CNG"]),
    ]);

    [Fact]
    public void Each_value_gets_a_sorted_0_1_column_appended_after_the_others()
    {
        var dummies = Dummies.GetDummies(Cars, ["fuel"]);

        Assert.Equal(["price", "fuel_CNG", "fuel_Diesel", "fuel_Petrol"], dummies.ColumnNames);
        Assert.Equal([0.0, 0, 0, 1], dummies.Numbers("fuel_CNG"));
        Assert.Equal([1.0, 0, 0, 0], dummies.Numbers("fuel_Petrol"));
    }

    [Fact]
    public void A_missing_value_gets_zeros_in_every_dummy_column()
    {
        var dummies = Dummies.GetDummies(Cars, ["fuel"]);

        Assert.All(dummies.Columns.Skip(1), c => Assert.Equal(0L, c.Values[2]));
    }

    [Fact]
    public void Drop_first_leaves_n_minus_1_columns()
    {
        Assert.Equal(["price", "fuel_Diesel", "fuel_Petrol"], Dummies.GetDummies(Cars, ["fuel"], dropFirst: true).ColumnNames);
    }

    [Fact]
    public void A_numeric_column_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Dummies.GetDummies(Cars, ["price"]));

        Assert.Equal("Table: column 'price' must be Text or Category, but is Number. (Parameter 'name')", error.Message);
    }
}
