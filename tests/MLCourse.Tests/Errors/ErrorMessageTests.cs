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

    [Fact]
    public void A_rule_message_names_component_argument_rule_and_what_was_found()
    {
        var error = ErrorMessage.Must("Table", "columns", "have equal lengths", "have 'a' 1, 'b' 2");
        var file = ErrorMessage.MustInFile("JsonTable: a.json", "record 3", "be an object", "is Number");

        Assert.Equal("Table: columns must have equal lengths, but have 'a' 1, 'b' 2. (Parameter 'columns')",
            error.Message);
        Assert.Equal("columns", error.ParamName);
        Assert.Equal("JsonTable: a.json: record 3 must be an object, but is Number.", file.Message);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = ErrorMessage.Unknown("Pipeline", "step", "scaler", ["imputer", "model"]);

        Assert.Equal("Pipeline: no step 'scaler'; the steps are 'imputer', 'model'.", error.Message);
    }

    [Fact]
    public void An_unknown_value_lists_at_most_ten_known_ones_and_says_how_many_there_are()
    {
        string[] many = [.. Enumerable.Range(0, 12).Select(i => $"w{i}")];

        var few = ErrorMessage.UnknownValue("Vocabulary", "tokens", "an unknown token 'dog'", "tokens", ["a", "b"]);
        var more = ErrorMessage.UnknownValue("Vocabulary", "tokens", "an unknown token 'dog'", "tokens", many,
            "add it");

        Assert.Equal("Vocabulary: tokens has an unknown token 'dog'; the known tokens are 'a', 'b'. (Parameter " +
            "'tokens')",
            few.Message);
        Assert.Equal("Vocabulary: tokens has an unknown token 'dog'; the known tokens are 'w0', 'w1', 'w2', 'w3', " +
            "'w4', "
            + "'w5', 'w6', 'w7', 'w8', 'w9', … (12 in all); add it. (Parameter 'tokens')", more.Message);
    }
}
