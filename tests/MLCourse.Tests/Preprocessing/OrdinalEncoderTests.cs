using MLCourse.Preprocessing;

namespace MLCourse.Tests.Preprocessing;

public class OrdinalEncoderTests
{
    private static readonly string?[][] Owners = [["Second"], ["First"], ["Third"], ["First"]];

    [Fact]
    public void Without_an_order_categories_are_sorted()
    {
        var encoder = new OrdinalEncoder().Fit(Owners);

        Assert.Equal(["First", "Second", "Third"], encoder.Categories[0]);
        Assert.Equal([1.0, 0, 2, 0], encoder.Transform(Owners).Column(0).ToArray());
    }

    [Fact]
    public void A_given_order_is_kept_and_inverse_transform_restores_the_values()
    {
        var encoder = new OrdinalEncoder([["Third", "Second", "First"]]).Fit(Owners);
        var codes = encoder.Transform(Owners);

        Assert.Equal([1.0, 2, 0, 2], codes.Column(0).ToArray());
        Assert.Equal(Owners.Select(r => r[0]), encoder.InverseTransform(codes).Select(r => r[0]));
    }

    [Fact]
    public void Unknown_and_missing_categories_are_errors_naming_row_and_column()
    {
        var encoder = new OrdinalEncoder().Fit(Owners);

        var unknown = Assert.Throws<ArgumentException>(() => encoder.Transform([["First"], ["Fourth"]]));
        var missing = Assert.Throws<ArgumentException>(() => new OrdinalEncoder().Fit([["First"], [null]]));
        var uncovered = Assert.Throws<ArgumentException>(() => new OrdinalEncoder([["First", "Second"]]).Fit(Owners));

        Assert.Equal("OrdinalEncoder: rows has an unknown category 'Fourth' in column 0 at row 1 during transform; " +
            "the known categories are 'First', 'Second', 'Third'. (Parameter 'rows')", unknown.Message);
        Assert.Equal("OrdinalEncoder: column 0 has a missing value at row 1; impute it first. (Parameter 'rows')", missing.Message);
        Assert.StartsWith("OrdinalEncoder: rows has an unknown category 'Third' in column 0 at row 2",
            uncovered.Message);
    }
}
