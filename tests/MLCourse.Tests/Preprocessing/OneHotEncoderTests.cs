using MathNet.Numerics.LinearAlgebra;
using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class OneHotEncoderTests
{
    private static readonly string?[][] Cars =
    [
        ["Petrol", "First"],
        ["Diesel", "Second"],
        ["CNG", "First"],
        ["Diesel", "First"],
    ];

    private static readonly string[] Names = ["fuel", "owner"];

    [Fact]
    public void Categories_are_sorted_per_feature_and_name_the_output_columns()
    {
        var encoder = new OneHotEncoder().Fit(Cars, Names);

        Assert.Equal(["CNG", "Diesel", "Petrol"], encoder.Categories[0]);
        Assert.Equal(["fuel_CNG", "fuel_Diesel", "fuel_Petrol", "owner_First", "owner_Second"], encoder.FeatureNamesOut);
        Assert.Equal(new double[,] { { 0, 0, 1, 1, 0 }, { 0, 1, 0, 0, 1 }, { 1, 0, 0, 1, 0 }, { 0, 1, 0, 1, 0 } }, encoder.Transform(Cars).ToArray());
    }

    [Fact]
    public void Without_names_features_are_called_x0_x1_as_in_scikit_learn()
    {
        Assert.Equal("x1_Second", new OneHotEncoder().Fit(Cars).FeatureNamesOut[^1]);
    }

    [Fact]
    public void Dropping_the_first_category_leaves_n_minus_1_columns_per_feature()
    {
        var first = new OneHotEncoder(OneHotDrop.First).Fit(Cars, Names);
        var ifBinary = new OneHotEncoder(OneHotDrop.IfBinary).Fit(Cars, Names);

        Assert.Equal(["fuel_Diesel", "fuel_Petrol", "owner_Second"], first.FeatureNamesOut);
        Assert.Equal(["fuel_CNG", "fuel_Diesel", "fuel_Petrol", "owner_Second"], ifBinary.FeatureNamesOut);
        Assert.Equal([0, 0, 0], first.Transform(Cars).Row(2).ToArray());   // CNG, First: both dropped
    }

    [Fact]
    public void All_columns_plus_an_intercept_are_collinear_and_dropping_one_removes_it()
    {
        var rows = Cars.Concat([["Petrol", "Second"]]).ToArray();
        Matrix<double> WithIntercept(Matrix<double> x) => Matrix<double>.Build.Dense(x.RowCount, 1, 1.0).Append(x);

        var full = WithIntercept(new OneHotEncoder().Fit(rows).Transform(rows));
        var dropped = WithIntercept(new OneHotEncoder(OneHotDrop.First).Fit(rows).Transform(rows));

        Assert.Equal(full.ColumnCount - 2, full.Rank());   // one dependency per feature
        Assert.Equal(dropped.ColumnCount, dropped.Rank());
    }

    [Fact]
    public void An_unknown_category_is_an_error_naming_it_and_its_column()
    {
        var encoder = new OneHotEncoder().Fit(Cars, Names);

        var error = Assert.Throws<ArgumentException>(() => encoder.Transform([["LPG", "First"], ["Petrol", "Third"]]));

        Assert.Equal("OneHotEncoder: rows has unknown categories ['LPG'] in column 0 (fuel) during transform; the " +
            "known categories are 'CNG', 'Diesel', 'Petrol'; or build the encoder with handleUnknown: " +
            "OneHotUnknown.Ignore. (Parameter 'rows')", error.Message);
    }

    [Fact]
    public void Ignored_unknown_categories_encode_as_zeros_and_invert_to_null()
    {
        var encoder = new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore).Fit(Cars, Names);

        var encoded = encoder.Transform([["LPG", "Second"]]);

        Assert.Equal([0, 0, 0, 0, 1], encoded.Row(0).ToArray());
        Assert.Equal(new string?[] { null, "Second" }, encoder.InverseTransform(encoded)[0].AsEnumerable());
    }

    [Theory]
    [InlineData(OneHotDrop.None)]
    [InlineData(OneHotDrop.First)]
    [InlineData(OneHotDrop.IfBinary)]
    public void Inverse_transform_gives_the_rows_back(OneHotDrop drop)
    {
        var encoder = new OneHotEncoder(drop).Fit(Cars, Names);

        Assert.Equal(Cars, encoder.InverseTransform(encoder.Transform(Cars)));
    }

    [Fact]
    public void A_missing_value_is_its_own_category_sorted_last_and_named_None()
    {
        string?[][] rows = [["b"], [null], ["a"]];

        var encoder = new OneHotEncoder().Fit(rows);

        Assert.Equal(new string?[] { "a", "b", null }, encoder.Categories[0].AsEnumerable());
        Assert.Equal(["x0_a", "x0_b", "x0_None"], encoder.FeatureNamesOut);
        Assert.Equal(rows, encoder.InverseTransform(encoder.Transform(rows)));
    }

    [Fact]
    public void Rows_of_the_wrong_length_and_empty_input_are_refused()
    {
        var encoder = new OneHotEncoder().Fit(Cars, Names);

        var width = Assert.Throws<ArgumentException>(() => encoder.Transform([["Petrol", "First"], ["Petrol"]]));
        var empty = Assert.Throws<ArgumentException>(() => new OneHotEncoder().Fit([]));
        var allZero = Assert.Throws<ArgumentException>(() => encoder.InverseTransform(Matrix<double>.Build.Dense(1, 5)));

        Assert.Equal("OneHotEncoder: rows[1] must have shape (2,), but has shape (1,). (Parameter 'rows[1]')", width.Message);
        Assert.Equal("OneHotEncoder: rows must not be empty. (Parameter 'rows')", empty.Message);
        Assert.StartsWith("OneHotEncoder: encoded must have a 1 in every column's block when no category is dropped " +
            "and unknown categories are errors, but row 0 has all zeros for column 0 (fuel), which cannot be " +
            "inverted. (Parameter 'encoded')", allZero.Message);
    }
}
