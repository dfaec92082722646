using MathNet.Numerics.LinearAlgebra;
using MLCourse.Evaluation;
using MLCourse.ModelSelection;
using MLCourse.Pipelines;
using MLCourse.Trees;

namespace MLCourse.Tests.ModelSelection;

public class GridSearchTests
{
    /// <summary>
    /// Predicts one label whatever the input; records the rows (column 0 holds the row index) it was fitted on.
    /// </summary>
    private sealed class Constant(string label, List<double[]>? seen = null) : IEstimator<string>, IPredictor<string>
    {
        public IPredictor<string> Fit(Matrix<double> x, IReadOnlyList<string> y)
        {
            seen?.Add(x.Column(0).ToArray());
            return this;
        }

        public string[] Predict(Matrix<double> x) => [.. Enumerable.Repeat(label, x.RowCount)];

        public double Score(Matrix<double> x, IReadOnlyList<string> y) => Scoring.Accuracy(y, Predict(x));
    }

    private static readonly Matrix<double> RowIds = Matrix<double>.Build.Dense(4, 1, (i, _) => i);

    [Fact]
    public void Cross_validation_fits_on_the_training_folds_only_and_scores_each_test_fold()
    {
        var seen = new List<double[]>();

        double[] scores = CrossValidation.Score(new Constant("a", seen), RowIds, ["a", "a", "a", "b"], new KFold(2));

        Assert.Equal([1.0, 0.5], scores);                 // test rows {0, 1}: both a; {2, 3}: one a
        Assert.Equal([[2.0, 3.0], [0.0, 1.0]], seen);     // fitted on the other fold each time
    }

    [Fact]
    public void Picks_the_best_mean_with_ties_to_the_first_in_grid_order_and_refits_it_on_all_rows()
    {
        var seen = new List<double[]>();
        var search = new GridSearch<string, string>(["c", "a", "a"], s => new Constant(s, seen), new KFold(2));

        var result = search.Fit(RowIds, ["a", "a", "a", "b"]);

        Assert.Equal([0.0, 0.75, 0.75], result.MeanScores);
        Assert.Equal([0.0, 0.25, 0.25], result.StdScores);   // population SD of (1, 0.5)
        Assert.Equal(1, result.BestIndex);
        Assert.Equal("a", result.BestSetting);
        Assert.Equal([0.0, 1, 2, 3], seen[^1]);            // the refit sees every row
        Assert.Equal(7, seen.Count);                         // 3 settings × 2 folds + 1 refit
    }

    [Fact]
    public void Chooses_the_tree_depth_that_the_data_needs()
    {
        // Label = which of three well-separated bands x falls in (0–19, 100–119, 200–219): a stump
        // can get only two bands right, depth 2 all three.
        var x = Matrix<double>.Build.Dense(60, 1, (i, _) => i / 20 * 100 + i % 20);
        string[] y = [.. Enumerable.Range(0, 60).Select(i => i < 20 ? "low" : i < 40 ? "mid" : "high")];

        var result = new GridSearch<int, string>([1, 2, 3], d => new DecisionTreeClassifier(maxDepth: d),
            new StratifiedKFold(5)).Fit(x, y);

        Assert.Equal(2, result.BestSetting);
        Assert.Equal(1.0, result.BestScore);
        Assert.True(result.MeanScores[0] < 0.8);
    }

    [Fact]
    public void An_empty_grid_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new GridSearch<int, string>([], d => new Constant("a"), new KFold()));

        Assert.Equal("GridSearch: grid must not be empty. (Parameter 'grid')", error.Message);
    }
}
