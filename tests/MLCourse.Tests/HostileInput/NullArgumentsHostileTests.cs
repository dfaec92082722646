using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Convolution;
using MLCourse.Data.Tables;
using MLCourse.Evaluation;
using MLCourse.Generative;
using MLCourse.Preprocessing;
using MLCourse.Sequence;
using MLCourse.Tensors;
using MLCourse.Text;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Null given where data is expected, across the public API: each is an <see cref="ArgumentNullException"/> with the
/// house message "Component: argument must not be null.", never a NullReferenceException or .NET's "Value cannot be
/// null".
/// </summary>
public class NullArgumentsHostileTests : HostileSuite<NullArgumentsHostileTests>, IHostileSuite
{
    public static HostileCases Build()
    {
        var cases = new HostileCases();
        foreach ((string component, string argument, Action call) in new (string, string, Action)[]
        {
            ("Scoring", "actual", () => Scoring.Accuracy<string>(null!, [])),
            ("Scoring", "predicted", () => Scoring.Accuracy<string>(["a"], null!)),
            ("Scoring", "actual", () => Scoring.R2(null!, [1.0])),
            ("RegressionMetrics", "actual", () => RegressionMetrics.MeanSquaredError(null!, V(1))),
            ("RegressionMetrics", "predicted", () => RegressionMetrics.MeanAbsoluteError(V(1), null!)),
            ("Similarity", "a", () => Similarity.Cosine(null!, V(1))),
            ("Similarity", "b", () => Similarity.Cosine(V(1), null!)),
            ("AvgPool2d", "x", () => new AvgPool2d().Forward(null!)),
            ("Conv2d", "x", () => new Conv2d(1, 1, 1).Forward(null!)),
            ("Conv2d", "x", () => new Conv2d(1, 1, 1).OutputShape(null!)),
            ("Lstm", "sequence", () => new Lstm(1, 1, new Random(1)).Forward(null!)),
            ("Gru", "sequence", () => new Gru(1, 1, new Random(1)).Forward(null!)),
            ("SimpleRnn", "sequence", () => new SimpleRnn(1, 1, new Random(1)).Forward(null!)),
            ("LayerNorm", "x", () => new LayerNorm(2).Forward(null!)),
            ("GanTheory", "x", () => GanTheory.Trapezoid(null!, t => t)),
            ("GanTheory", "f", () => GanTheory.Trapezoid([0.0, 1], null!)),
            ("SlidingWindows", "series", () => SlidingWindows.Create(null!, 1)),
            ("Dummies", "table", () => Dummies.GetDummies(null!, ["a"])),
            ("Dummies", "columns", () => Dummies.GetDummies(new Table([]), null!)),
            ("StandardScaler", "x", () => new StandardScaler().Fit((Matrix<double>)null!)),
            ("KBinsDiscretizer", "x", () => new KBinsDiscretizer().Fit((Matrix<double>)null!)),
            ("Binarizer", "x", () => new Binarizer().Transform(null!)),
            ("GaussianKl", "mean", () => GaussianKl.DiagonalToStandardNormal(null!, V(1))),
            ("GaussianKl", "logVariance", () => GaussianKl.DiagonalToStandardNormal(V(1), null!)),
            ("GaussianKl", "covariance", () => GaussianKl.LogDensity(V(1), V(1), null!)),
            ("Divergence", "q", () => Divergence.JensenShannon([1.0], null!)),
            ("Table", "indices", () => new Table([]).Rows(null!)),
            ("TableColumn", "values", () => _ = new TableColumn("a", ColumnKind.Text, null!)),
            ("WordTokenizer", "text", () => WordTokenizer.Tokenize(null!)),
            ("PaddedBatch", "sequences", () => PaddedBatch.Create(null!, 0)),
            ("Softmax", "scores", () => Softmax.Rows(null!)),
            ("ImageBatch", "tensor", () => ImageBatch.FromTensor(null!)),
        })
        {
            cases.Refused<ArgumentNullException>($"{component}: {argument} = null ({cases.Count})", call,
                $"{component}: {argument} must not be null.");
        }
        return cases;
    }
}
