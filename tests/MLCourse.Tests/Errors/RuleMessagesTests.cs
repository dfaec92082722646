using MathNet.Numerics.LinearAlgebra;
using MLCourse.Convolution;
using MLCourse.Data.Tables;
using MLCourse.Generative;
using MLCourse.Preprocessing;
using MLCourse.Sequence;
using MLCourse.Tensors;
using MLCourse.Text;
using TorchSharp;

namespace MLCourse.Tests.Errors;

/// <summary>
/// Messages that used to be written inline and are now built by <c>ErrorMessage.Must</c>: each names the
/// component, the argument, the rule and what was found.
/// </summary>
public class RuleMessagesTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    [Fact]
    public void Cosine_similarity_of_a_zero_or_NaN_vector_names_the_vector()
    {
        var zero = Assert.Throws<ArgumentException>(() => Similarity.Cosine(V(1, 2), V(0, 0)));
        var nan = Assert.Throws<ArgumentException>(() => Similarity.Cosine(V(double.NaN, 1), V(1, 2)));

        Assert.Equal("Similarity: b must have a direction for the cosine similarity (not all zeros, no NaN), "
            + "but is all zeros. (Parameter 'b')", zero.Message);
        Assert.Equal("Similarity: a must have a direction for the cosine similarity (not all zeros, no NaN), "
            + "but holds NaN. (Parameter 'a')", nan.Message);
    }

    [Fact]
    public void Torch_modules_without_biases_are_refused_by_name()
    {
        using var scope = torch.NewDisposeScope();
        using var conv = torch.nn.Conv2d(1, 1, 2, bias: false, dtype: torch.float64);
        using var gru = torch.nn.GRU(2, 3, bias: false, dtype: torch.float64);
        var layer = Conv2d.FromWeights(new ImageBatch(1, 1, 2, 2, [1, 2, 3, 4]), [0.5]);

        var convError = Assert.Throws<ArgumentException>(() => layer.CopyTo(conv));
        var gruError = Assert.Throws<ArgumentException>(() => Gru.CopyFrom(gru));

        Assert.Equal("Conv2d: module must have a bias to copy the layer's bias into (create it with bias: true), "
            + "but has none. (Parameter 'module')", convError.Message);
        Assert.Equal("Gru: gru must have biases (create it with bias: true), but has none. (Parameter 'gru')",
            gruError.Message);
    }

    [Fact]
    public void Settings_and_inputs_that_break_a_rule_say_which_and_what_was_found()
    {
        var fill = Assert.Throws<ArgumentException>(() => new SimpleImputer(ImputeStrategy.Constant));
        var code = Assert.Throws<ArgumentException>(() => new OrdinalEncoder().Fit([["a"], ["b"]])
            .InverseTransform(Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1.5 } })));
        var corpus = Assert.Throws<ArgumentException>(() => new SkipGram().Fit([3], 5));
        var grid = Assert.Throws<ArgumentException>(() => GanTheory.Trapezoid([0.0, 1.0, 1.0], x => x));
        var concat = Assert.Throws<ArgumentException>(() => Table.Concat(
            [new Table([new TableColumn("a", ColumnKind.Number, [1.0])]),
             new Table([new TableColumn("b", ColumnKind.Number, [1.0])])]));

        Assert.Equal("SimpleImputer: fillValue must be given for the Constant strategy, but is null. "
            + "(Parameter 'fillValue')", fill.Message);
        Assert.Equal("OrdinalEncoder: codes must hold whole-number positions 0 … 1 in column 0, but row 1 holds 1.5. "
            + "(Parameter 'codes')", code.Message);
        Assert.Equal("SkipGram: corpus must hold at least 2 tokens, but holds 1. (Parameter 'corpus')", corpus.Message);
        Assert.Equal("GanTheory: x must be a grid of at least 2 strictly increasing points, but is not strictly "
            + "increasing. (Parameter 'x')", grid.Message);
        Assert.Equal("Table: tables must have the same columns, but table 0 has (a: Number) and table 1 has "
            + "(b: Number). (Parameter 'tables')", concat.Message);
    }
}
