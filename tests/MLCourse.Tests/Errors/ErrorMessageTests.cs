using MLCourse.Errors;

namespace MLCourse.Tests.Errors;

public class ErrorMessageTests
{
    [Theory]
    [InlineData(new long[0], "()")]
    [InlineData(new long[] { 5 }, "(5,)")]
    [InlineData(new long[] { 3, 4 }, "(3, 4)")]
    public void Shapes_print_as_NumPy_and_PyTorch_print_them(long[] shape, string expected)
    {
        Assert.Equal(expected, ErrorMessage.FormatShape(shape));
    }

    [Fact]
    public void A_shape_error_names_component_argument_expected_and_actual()
    {
        var error = ErrorMessage.Shape("Lstm", "x", "(batch, 7, 4)", "(2, 7, 5)");

        Assert.Equal("Lstm: x must have shape (batch, 7, 4), but has shape (2, 7, 5). (Parameter 'x')", error.Message);
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void A_row_error_names_the_file_and_line()
    {
        Assert.Equal("Datasets: a.csv, line 7: expected 3 fields, found 2.", ErrorMessage.BadRow("Datasets", "a.csv", 7, "expected 3 fields, found 2").Message);
    }
}
