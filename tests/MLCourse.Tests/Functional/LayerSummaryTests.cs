using MLCourse.Functional;

namespace MLCourse.Tests.Functional;

public class LayerSummaryTests
{
    [Fact]
    public void Format_prints_one_aligned_row_per_layer_and_the_total_in_Keras_layout()
    {
        LayerSummary[] rows =
        [
            new("numeric_input (Input)", "(None, 4)", 0, ""),
            new("numeric_dense (Linear)", "(None, 16)", 80, "numeric_input"),
            new("output (Linear)", "(None, 1)", 1234, "numeric_dense"),
        ];

        string[] lines = LayerSummary.Format(rows).Split(Environment.NewLine);

        Assert.Equal(7, lines.Length);
        Assert.Equal($"{"Layer (type)",-32}{"Output Shape",-16}{"Param #",10}  Connected to", lines[0]);
        Assert.Equal(new string('=', 82), lines[1]);
        Assert.Equal($"{"numeric_dense (Linear)",-32}{"(None, 16)",-16}{"80",10}  numeric_input", lines[3]);
        Assert.Equal($"{"output (Linear)",-32}{"(None, 1)",-16}{"1,234",10}  numeric_dense", lines[4]);
        Assert.Equal(new string('=', 82), lines[5]);
        Assert.Equal("Total params: 1,314", lines[6]);
    }
}
