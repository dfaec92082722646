using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Decomposition;
using MLCourse.Evaluation;
using MLCourse.Linear;
using MLCourse.ModelSelection;
using MLCourse.Preprocessing;
using MLCourse.Trees;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Hostile input to the classic estimators (scaler, bins, encoders, imputer, PCA, trees, linear models, metrics,
/// splitters): NaN and ±∞, values near ±1e308, constant data, null rows and labels, repeated categories, wrong
/// shapes. Each is refused naming component, argument, rule and what was found, or answered as scikit-learn does.
/// </summary>
public class EstimatorsHostileTests : HostileSuite<EstimatorsHostileTests>, IHostileSuite
{
    private static Matrix<double> Good() => M(new double[,] { { 1, 10 }, { 2, 20 }, { 4, 15 }, { 8, 30 }, { 3, 12 } });

    private static Matrix<double> With(double value)
    {
        Matrix<double> x = Good();
        x[1, 0] = value;
        return x;
    }

    private static readonly string[] Labels = ["a", "b", "a", "b", "a"];
    private static readonly double[] Targets = [1, 2, 3, 4, 5];

    // Every entry point that takes a (samples, features) matrix of numbers, by component and name.
    private static (string Component, string Name, Action<Matrix<double>> Call)[] MatrixEntryPoints() =>
    [
        ("StandardScaler", "Fit", x => new StandardScaler().Fit(x)),
        ("StandardScaler", "Transform", x => new StandardScaler().Fit(Good()).Transform(x)),
        ("KBinsDiscretizer", "Fit (uniform)", x => new KBinsDiscretizer(3, BinStrategy.Uniform).Fit(x)),
        ("KBinsDiscretizer", "Fit (quantile)", x => new KBinsDiscretizer(3, BinStrategy.Quantile).Fit(x)),
        ("KBinsDiscretizer", "Fit (k-means)", x => new KBinsDiscretizer(3, BinStrategy.KMeans).Fit(x)),
        ("KBinsDiscretizer", "Transform", x => new KBinsDiscretizer(3).Fit(Good()).Transform(x)),
        ("Binarizer", "Transform", x => new Binarizer().Transform(x)),
        ("Pca", "Fit", x => new Pca(1).Fit(x)),
        ("Pca", "Transform", x => new Pca(1).Fit(Good()).Transform(x)),
        ("DecisionTreeClassifier", "Fit", x => new DecisionTreeClassifier().Fit(x, Labels)),
        ("DecisionTreeRegressor", "Fit", x => new DecisionTreeRegressor().Fit(x, Targets)),
        ("DecisionTreeClassifier", "Predict", x => new DecisionTreeClassifier().Fit(Good(), Labels).Predict(x)),
        ("DecisionTreeRegressor", "Predict", x => new DecisionTreeRegressor().Fit(Good(), Targets).Predict(x)),
        ("DecisionTreeBinning", "Fit", x => new DecisionTreeBinning().Fit(x, Targets)),
        ("BatchLinearRegression", "Fit", x => new BatchLinearRegression(epochs: 2).Fit(x, V(Targets))),
    ];

    public static HostileCases Build()
    {
        var cases = new HostileCases();
        foreach ((string component, string name, Action<Matrix<double>> call) in MatrixEntryPoints())
        {
            foreach ((string bad, double value) in Hostile.NonFinite)
            {
                cases.Refused<ArgumentException>($"{component}.{name} with {bad}", () => call(With(value)),
                    $"{component}: x must be finite, but the entry at row 1, column 0 is {value}.");
            }
            cases.Refused<ArgumentNullException>($"{component}.{name} of null", () => call(null!),
                $"{component}: x must not be null.");
        }
        foreach ((string component, string name, Action<Matrix<double>> call) in MatrixEntryPoints()
            .Where(e => e.Name is "Transform" or "Predict" && e.Component != "Binarizer"))
        {
            cases.Refused<ArgumentException>($"{component}.{name} with 3 columns for 2",
                () => call(Matrix<double>.Build.Dense(2, 3)), $"{component}: x must have shape", "(2, 3)");
        }
        Scaler(cases);
        Bins(cases);
        Encoders(cases);
        Imputer(cases);
        Decomposition(cases);
        Trees(cases);
        Linear(cases);
        Metrics(cases);
        Splitters(cases);
        return cases;
    }

    private static void Scaler(HostileCases cases)
    {
        foreach (double big in new[] { 1e308, 1.7976931348623157e308, 1e200, 1e160 })
        {
            cases.Answered($"StandardScaler: ±{big:G3} standardises to ±1", () =>
            {
                var x = M(new[,] { { -big }, { big } });
                Assert.Equal([-1.0, 1.0], new StandardScaler().Fit(x).Transform(x).Column(0).ToArray());
            });
        }
        cases.Answered("StandardScaler: 1e308 three times is constant: scale 1, zeros", () =>
        {
            var x = M(new[,] { { 1e308 }, { 1e308 }, { 1e308 } });
            FittedStandardScaler s = new StandardScaler().Fit(x);
            Assert.Equal(1e308, s.Mean[0]);
            Assert.Equal(1.0, s.Scale[0]);
            Assert.Equal([0.0, 0, 0], s.Transform(x).Column(0).ToArray());
        });
        cases.Answered("StandardScaler: a new value far from huge data still standardises", () =>
        {
            FittedStandardScaler s = new StandardScaler().Fit(M(new[,] { { -1e308 }, { 1e308 } }));
            Assert.Equal(-1.0, s.Transform(M(new[,] { { -1e308 } }))[0, 0]);
        });
        cases.Answered("StandardScaler: ±1.7e308 twice each standardises to ±1", () =>
        {
            var x = M(new[,] { { -1.7e308 }, { -1.7e308 }, { 1.7e308 }, { 1.7e308 } });
            Assert.Equal([-1.0, -1, 1, 1], new StandardScaler().Fit(x).Transform(x).Column(0).ToArray());
        });
        cases.Answered("StandardScaler: subnormal values keep their order", () =>
        {
            var x = M(new[,] { { 5e-324 }, { 1e-323 } });
            Assert.True(new StandardScaler().Fit(x).Transform(x).Column(0).All(double.IsFinite));
        });
        cases.Refused<ArgumentException>("StandardScaler: a table with a text column",
            () => new StandardScaler().Fit(new Table([new TableColumn("t", ColumnKind.Text, ["x"])])),
            "Table: column 't' must be Number or Integer, but is Text.");
    }

    private static void Bins(HostileCases cases)
    {
        foreach (BinStrategy strategy in new[] { BinStrategy.Uniform, BinStrategy.Quantile })
        {
            cases.Answered($"KBinsDiscretizer ({strategy}): edges of ±1e308 are finite and increasing", () =>
            {
                var x = M(new[,] { { -1e308 }, { -5e307 }, { 0 }, { 5e307 }, { 1e308 } });
                double[] edges = new KBinsDiscretizer(4, strategy).Fit(x).BinEdges[0];
                Assert.All(edges, e => Assert.True(double.IsFinite(e)));
                Assert.Equal(edges.Order(), edges);
                Assert.Equal(5, edges.Length);
            });
        }
        cases.Answered("KBinsDiscretizer (k-means): edges of ±1e308 are finite and increasing", () =>
        {
            var x = M(new[,] { { -1e308 }, { -9e307 }, { 0 }, { 1e307 }, { 9e307 }, { 1e308 } });
            double[] edges = new KBinsDiscretizer(3, BinStrategy.KMeans).Fit(x).BinEdges[0];
            Assert.All(edges, e => Assert.True(double.IsFinite(e)));
            Assert.Equal(edges.Order(), edges);
        });
        cases.Answered("KBinsDiscretizer (uniform): ±max double bins each value", () =>
        {
            var x = M(new[,] { { -double.MaxValue }, { 0 }, { double.MaxValue } });
            var fitted = new KBinsDiscretizer(2, BinStrategy.Uniform, BinEncoding.Ordinal).Fit(x);
            Assert.Equal([0.0, 1, 1], fitted.Transform(x).Column(0).ToArray());
        });
        cases.Answered("KBinsDiscretizer: a constant feature gets one bin, as scikit-learn", () =>
            Assert.Equal(2, new KBinsDiscretizer(3).Fit(M(new[,] { { 7.0 }, { 7.0 } })).BinEdges[0].Length));
        foreach (int bins in new[] { 1, 0, -1, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"KBinsDiscretizer with {bins} bins",
                () => _ = new KBinsDiscretizer(bins), $"KBinsDiscretizer: bins must be at least 2, but is {bins}.");
        }
        cases.Refused<ArgumentException>("KBinsDiscretizer (k-means): fewer values than bins",
            () => new KBinsDiscretizer(4, BinStrategy.KMeans).Fit(M(new[,] { { 1.0 }, { 2 } })),
            "KBinsDiscretizer: x must hold at least as many values as bins (4) for k-means binning", "feature 0 has 2");
    }

    private static void Encoders(HostileCases cases)
    {
        string?[][] rows = [["a", "x"], ["b", "y"]];
        cases.Refused<ArgumentException>("OneHotEncoder.Fit with a null row", () => new OneHotEncoder().Fit([["a"], null!]),
            "OneHotEncoder: rows must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentException>("OneHotEncoder.Fit with a null first row", () => new OneHotEncoder().Fit([null!]),
            "OneHotEncoder: rows must hold no null, but entry 0 is null.");
        cases.Refused<ArgumentNullException>("OneHotEncoder.Fit(null)", () => new OneHotEncoder().Fit((string?[][])null!),
            "OneHotEncoder: rows must not be null.");
        cases.Refused<ArgumentException>("OneHotEncoder.Fit of no rows", () => new OneHotEncoder().Fit([]),
            "OneHotEncoder: rows must not be empty.");
        cases.Refused<ArgumentException>("OneHotEncoder.Fit of ragged rows", () => new OneHotEncoder().Fit([["a"], ["b", "c"]]),
            "OneHotEncoder: rows[1] must have shape (1,), but has shape (2,).");
        cases.Refused<ArgumentException>("OneHotEncoder.Fit with too few names", () => new OneHotEncoder().Fit(rows, ["f"]),
            "OneHotEncoder: featureNames must have shape (2,), but has shape (1,).");
        cases.Refused<ArgumentException>("OneHotEncoder.Transform with a null row",
            () => new OneHotEncoder().Fit(rows).Transform([null!]), "OneHotEncoder: rows must hold no null, but entry 0 is null.");
        cases.Refused<ArgumentException>("OneHotEncoder.Transform of an unknown category",
            () => new OneHotEncoder().Fit(rows).Transform([["c", "x"]]),
            "OneHotEncoder: rows has unknown categories ['c'] in column 0 (x0) during transform");
        cases.Refused<ArgumentException>("OneHotEncoder.Transform of an unseen missing value",
            () => new OneHotEncoder().Fit(rows).Transform([[null, "x"]]), "unknown categories [None] in column 0");
        cases.Answered("OneHotEncoder: a category spelled like the old missing-value key is its own category", () =>
        {
            FittedOneHotEncoder fitted = new OneHotEncoder().Fit([["\0<missing>"], [null], ["a"]]);
            Assert.Equal(["\0<missing>", "a", null], fitted.Categories[0]);
            Assert.Equal([[1.0, 0, 0], [0.0, 0, 1]], fitted.Transform([["\0<missing>"], [null]]).ToRowArrays());
        });
        cases.Refused<ArgumentException>("OneHotEncoder.InverseTransform of NaN",
            () => new OneHotEncoder().Fit(rows).InverseTransform(M(new[,] { { double.NaN, 1, 1, 0 } })),
            "OneHotEncoder: encoded must be finite, but the entry at row 0, column 0 is NaN.");
        cases.Refused<ArgumentException>("OrdinalEncoder.Fit with a null row", () => new OrdinalEncoder().Fit([["a"], null!]),
            "OrdinalEncoder: rows must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentException>("OrdinalEncoder.Fit with a missing value", () => new OrdinalEncoder().Fit([["a"], [null]]),
            "OrdinalEncoder: column 0 has a missing value at row 1; impute it first.");
        cases.Refused<ArgumentException>("OrdinalEncoder with a category twice",
            () => _ = new OrdinalEncoder([["low", "high", "low"]]),
            "OrdinalEncoder: feature 0's category names must be distinct, but 'low' appears 2 times.");
        cases.Refused<ArgumentException>("OrdinalEncoder with a null category",
            () => _ = new OrdinalEncoder([["low", null!]]), "OrdinalEncoder: categories[0] must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentException>("OrdinalEncoder with a null feature", () => _ = new OrdinalEncoder([null!]),
            "OrdinalEncoder: categories must hold no null, but entry 0 is null.");
        cases.Refused<ArgumentException>("OrdinalEncoder with a feature without categories",
            () => _ = new OrdinalEncoder([[]]), "OrdinalEncoder: categories[0] must not be empty.");
        cases.Refused<ArgumentException>("OrdinalEncoder with categories for 2 features fitted on 1",
            () => new OrdinalEncoder([["a"], ["b"]]).Fit([["a"]]), "OrdinalEncoder: categories must have shape (1,), but has shape (2,).");
        cases.Refused<ArgumentException>("OrdinalEncoder.Fit of a value outside the given categories",
            () => new OrdinalEncoder([["a"]]).Fit([["b"]]), "OrdinalEncoder: rows has an unknown category 'b' in column 0 at row 0");
        foreach (double code in new[] { double.NaN, -1, 1.5, 2, double.PositiveInfinity })
        {
            cases.Refused<ArgumentException>($"OrdinalEncoder.InverseTransform of {code}",
                () => new OrdinalEncoder().Fit([["a"], ["b"]]).InverseTransform(M(new[,] { { code } })),
                "OrdinalEncoder: codes must hold whole-number positions 0 … 1 in column 0", $"row 0 holds {code}");
        }
        cases.Refused<KeyNotFoundException>("Dummies of an unknown column",
            () => Dummies.GetDummies(new Table([new TableColumn("a", ColumnKind.Text, ["x"])]), ["b"]),
            "Table: no column 'b'; the columns are 'a'.");
    }

    private static void Imputer(HostileCases cases)
    {
        Table numbers = new([new TableColumn("n", ColumnKind.Number, [1.0, null, 3.0])]);
        Table texts = new([new TableColumn("t", ColumnKind.Text, ["x", null])]);
        cases.Refused<ArgumentException>("SimpleImputer (constant): a text fill for a number column",
            () => new SimpleImputer(ImputeStrategy.Constant, "zero").Fit(numbers),
            "SimpleImputer: fillValue must be a number to fill numeric column 'n', but it is a String (zero).");
        cases.Refused<ArgumentException>("SimpleImputer (constant): a NaN fill",
            () => new SimpleImputer(ImputeStrategy.Constant, double.NaN).Fit(numbers),
            "SimpleImputer: fillValue must be finite, but the fill for column 'n' is NaN.");
        cases.Refused<ArgumentException>("SimpleImputer (constant) without a fill value",
            () => _ = new SimpleImputer(ImputeStrategy.Constant),
            "SimpleImputer: fillValue must be given for the Constant strategy, but is null.");
        cases.Refused<ArgumentException>("SimpleImputer (mean): a text column",
            () => new SimpleImputer().Fit(texts), "SimpleImputer: column 't' must be numeric for the Mean strategy, but is Text.");
        cases.Refused<ArgumentException>("SimpleImputer (median): a column without values",
            () => new SimpleImputer(ImputeStrategy.Median).Fit(new Table([new TableColumn("n", ColumnKind.Number, [null, null])])),
            "SimpleImputer: x must have a value in column 'n' to learn a Median from, but it has none.");
        cases.Refused<ArgumentNullException>("SimpleImputer.Fit(null)", () => new SimpleImputer().Fit(null!),
            "SimpleImputer: x must not be null.");
    }

    private static void Decomposition(HostileCases cases)
    {
        cases.Refused<ArgumentException>("Pca: constant data has no components",
            () => new Pca(1).Fit(M(new[,] { { 3.0, 1 }, { 3, 1 }, { 3, 1 } })),
            "Pca: x must have a finite total variance above 0", "but the total variance is 0.");
        cases.Refused<ArgumentException>("Pca: variance that overflows",
            () => new Pca(1).Fit(M(new[,] { { -1e300, 0 }, { 1e300, 1 } })), "Pca: x must deviate from its column means by at most 1E+150", "a deviation is 1E+300.");
        cases.Refused<ArgumentException>("Pca: one sample", () => new Pca(1).Fit(M(new[,] { { 1.0, 2 } })),
            "Pca: x must have shape (at least 2 samples, features), but has shape (1, 2).");
        cases.Refused<ArgumentOutOfRangeException>("Pca: more components than features", () => new Pca(3).Fit(Good()),
            "Pca: components must be at most min(samples, features) = 2, but is 3.");
        foreach (int k in Hostile.BadCounts)
        {
            cases.Refused<ArgumentOutOfRangeException>($"Pca with {k} components", () => _ = new Pca(k),
                $"Pca: components must be at least 1, but is {k}.");
        }
        cases.Refused<ArgumentException>("Pca.InverseTransform with NaN",
            () => new Pca(1).Fit(Good()).InverseTransform(M(new[,] { { double.NaN } })),
            "Pca: h must be finite, but the entry at row 0, column 0 is NaN.");
        cases.Refused<ArgumentException>("Pca.InverseTransform with 2 columns for 1",
            () => new Pca(1).Fit(Good()).InverseTransform(M(new[,] { { 1.0, 2 } })), "Pca: h must have shape (rows, 1)");
        cases.Answered("Pca: data at 1e150 still has a ratio of 1 for all components", () =>
        {
            var x = M(new[,] { { 1e150, 0 }, { -1e150, 1 }, { 0, 2 } });
            Assert.Equal(1.0, new Pca(2).Fit(x).ExplainedVarianceRatio.Sum(), 12);
        });
    }

    private static void Trees(HostileCases cases)
    {
        foreach (double huge in new[] { 1e200, -1e200, 1e151, double.MaxValue })
        {
            cases.Refused<ArgumentException>($"DecisionTreeRegressor: a target of {huge:G3}",
                () => new DecisionTreeRegressor().Fit(Good(), [1, 2, huge, 4, 5]),
                "DecisionTreeRegressor: y must lie within ±1E+150", $"entry 2 is {huge:G}.");
        }
        cases.Answered("DecisionTreeRegressor: targets of 1e150 still split", () =>
        {
            var tree = new DecisionTreeRegressor(maxDepth: 1).Fit(Good(), [-1e150, -1e150, 1e150, 1e150, -1e150]);
            Assert.Equal([-1e150, 1e150], tree.Predict(M(new[,] { { 1.0, 10 }, { 8, 30 } })));
        });
        foreach ((string bad, double value) in Hostile.NonFinite)
        {
            cases.Refused<ArgumentException>($"DecisionTreeRegressor: a target of {bad}",
                () => new DecisionTreeRegressor().Fit(Good(), [1, value, 3, 4, 5]),
                $"DecisionTreeRegressor: y must be finite, but entry 1 is {value}.");
        }
        cases.Refused<ArgumentException>("DecisionTreeClassifier: a null class label",
            () => new DecisionTreeClassifier().Fit(Good(), ["a", null!, "a", "b", "b"]),
            "DecisionTreeClassifier: y must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentNullException>("DecisionTreeClassifier: null labels",
            () => new DecisionTreeClassifier().Fit(Good(), null!), "DecisionTreeClassifier: y must not be null.");
        cases.Refused<ArgumentNullException>("DecisionTreeRegressor: null targets",
            () => new DecisionTreeRegressor().Fit(Good(), null!), "DecisionTreeRegressor: y must not be null.");
        cases.Refused<ArgumentException>("DecisionTreeClassifier: fewer labels than rows",
            () => new DecisionTreeClassifier().Fit(Good(), ["a"]), "DecisionTreeClassifier: y must have shape (5,), but has shape (1,).");
        cases.Answered("DecisionTreeClassifier: an empty-string label is a class", () =>
            Assert.Equal(["", "a"], new DecisionTreeClassifier().Fit(Good(), ["", "a", "", "a", ""]).Classes));
        cases.Answered("DecisionTreeRegressor: features near ±max double split between them", () =>
        {
            var x = M(new[,] { { -double.MaxValue }, { double.MaxValue } });
            Assert.Equal([1.0, 2], new DecisionTreeRegressor().Fit(x, [1, 2]).Predict(x));
        });
        foreach ((string setting, Action make, string message) in new (string, Action, string)[]
        {
            ("maxDepth -1", () => _ = new DecisionTreeClassifier(maxDepth: -1), "maxDepth must be at least 0, or null for no limit, but is -1."),
            ("minSamplesSplit 1", () => _ = new DecisionTreeRegressor(minSamplesSplit: 1), "minSamplesSplit must be at least 2, but is 1."),
            ("minSamplesSplit int.MinValue", () => _ = new DecisionTreeClassifier(minSamplesSplit: int.MinValue), "minSamplesSplit must be at least 2"),
            ("minSamplesLeaf 0", () => _ = new DecisionTreeRegressor(minSamplesLeaf: 0), "minSamplesLeaf must be at least 1, but is 0."),
        })
        {
            cases.Refused<ArgumentOutOfRangeException>($"tree with {setting}", make, message);
        }
    }

    private static void Linear(HostileCases cases)
    {
        foreach (double rate in new[] { 0, -0.1, double.NaN, double.PositiveInfinity })
        {
            cases.Refused<ArgumentOutOfRangeException>($"BatchLinearRegression with learning rate {rate}",
                () => _ = new BatchLinearRegression(learningRate: rate),
                $"BatchLinearRegression: learningRate must be a positive finite number, but is {rate}.");
            cases.Refused<ArgumentOutOfRangeException>($"SgdRegressor with learning rate {rate}",
                () => _ = new SgdRegressor(rate), $"SgdRegressor: learningRate must be a positive finite number, but is {rate}.");
        }
        foreach (int epochs in Hostile.BadCounts)
        {
            cases.Refused<ArgumentOutOfRangeException>($"BatchLinearRegression with {epochs} epochs",
                () => _ = new BatchLinearRegression(epochs: epochs), $"BatchLinearRegression: epochs must be at least 1, but is {epochs}.");
        }
        foreach ((string bad, double value) in Hostile.NonFinite)
        {
            cases.Refused<ArgumentException>($"BatchLinearRegression: a target of {bad}",
                () => new BatchLinearRegression().Fit(Good(), V(1, 2, value, 4, 5)),
                $"BatchLinearRegression: y must be finite, but entry 2 is {value}.");
            cases.Refused<ArgumentException>($"SgdRegressor: a target of {bad}", () => new SgdRegressor().PartialFit(V(1, 2), value),
                $"SgdRegressor: y must be finite, but it is {value}.");
            cases.Refused<ArgumentException>($"SgdRegressor: a feature of {bad}", () => new SgdRegressor().PartialFit(V(1, value), 1),
                $"SgdRegressor: x must be finite, but entry 1 is {value}.");
        }
        cases.Refused<ArgumentException>("BatchLinearRegression: fewer targets than rows",
            () => new BatchLinearRegression().Fit(Good(), V(1)), "BatchLinearRegression: y must have shape (5,), but has shape (1,).");
        cases.Refused<ArgumentException>("SgdRegressor: an example of another width",
            () => new SgdRegressor().PartialFit(V(1, 2), 1).PartialFit(V(1, 2, 3), 1), "SgdRegressor: x must have shape (2,), but has shape (3,).");
        cases.Refused<InvalidOperationException>("SgdRegressor: a model before any example", () => _ = new SgdRegressor().Model,
            "SgdRegressor: the model has no parameters yet; call PartialFit with at least one example first.");
        cases.Refused<ArgumentException>("LinearModel.Predict of another width",
            () => new LinearModel(V(1, 2), 0).Predict(V(1)), "LinearModel: x must have shape (2,), but has shape (1,).");
        cases.Refused<ArgumentNullException>("LinearModel.Predict(null)", () => new LinearModel(V(1, 2), 0).Predict((Vector<double>)null!),
            "LinearModel: x must not be null.");
    }

    private static void Metrics(HostileCases cases)
    {
        cases.Refused<ArgumentException>("MeanSquaredError of nothing",
            () => RegressionMetrics.MeanSquaredError(V(), V()), "RegressionMetrics: actual must not be empty.");
        cases.Refused<ArgumentException>("MeanAbsoluteError of other lengths",
            () => RegressionMetrics.MeanAbsoluteError(V(1, 2), V(1)), "RegressionMetrics: predicted must have shape (2,), but has shape (1,).");
        cases.Answered("MeanSquaredError with NaN is NaN, as PyTorch's mse_loss (scikit-learn refuses)", () =>
            Assert.True(double.IsNaN(RegressionMetrics.MeanSquaredError(V(1, double.NaN), V(1, 2)))));
        cases.Refused<ArgumentException>("Accuracy of nothing", () => Scoring.Accuracy<string>([], []),
            "Scoring: actual must not be empty.");
        cases.Refused<ArgumentException>("R2 of other lengths", () => Scoring.R2([1, 2], [1]),
            "Scoring: predicted must have shape (2,), but has shape (1,).");
        cases.Answered("R2 of a constant target predicted exactly is 1, otherwise 0 (scikit-learn's policy)", () =>
        {
            Assert.Equal(1.0, Scoring.R2([3, 3], [3, 3]));
            Assert.Equal(0.0, Scoring.R2([3, 3], [3, 4]));
        });
        foreach (double fraction in new[] { 0, 1, -0.5, 1.5, double.NaN })
        {
            cases.Refused<ArgumentOutOfRangeException>($"TrainTestSplit with fraction {fraction}",
                () => TrainTestSplit.Indices(10, fraction, 0), $"TrainTestSplit: trainFraction must be strictly between 0 and 1, but is {fraction}.");
        }
        foreach (int count in new[] { 1, 0, -1, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"TrainTestSplit of {count} rows",
                () => TrainTestSplit.Indices(count, 0.5, 0), $"TrainTestSplit: count must be at least 2, but is {count}.");
        }
    }

    private static void Splitters(HostileCases cases)
    {
        foreach (int splits in new[] { 1, 0, -1, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"KFold with {splits} splits", () => _ = new KFold(splits),
                "KFold: nSplits must be at least 2");
            cases.Refused<ArgumentOutOfRangeException>($"StratifiedKFold with {splits} splits",
                () => _ = new StratifiedKFold(splits), "StratifiedKFold: nSplits must be at least 2");
        }
        cases.Refused<ArgumentOutOfRangeException>("KFold of fewer rows than folds", () => new KFold(5).Split(3),
            "KFold: count must be at least nSplits = 5 (one row per fold), but is 3.");
        cases.Refused<ArgumentOutOfRangeException>("KFold of a negative count", () => new KFold(5).Split(-1),
            "KFold: count must be at least nSplits = 5 (one row per fold), but is -1.");
        cases.Refused<ArgumentException>("StratifiedKFold with a null label",
            () => new StratifiedKFold(2).Split(["a", "b", null!, "a", "b", "a"]),
            "StratifiedKFold: y must hold a class label for every row", "entry 2 is null.");
        cases.Refused<ArgumentNullException>("StratifiedKFold of null", () => new StratifiedKFold(2).Split<string>(null!),
            "StratifiedKFold: y must not be null.");
        cases.Refused<ArgumentOutOfRangeException>("StratifiedKFold with a class smaller than the folds",
            () => new StratifiedKFold(3).Split(["a", "a", "a", "b", "b", "b", "c"]),
            "StratifiedKFold: y must be at least nSplits = 3 rows of every class, but is 1 rows of class 'c'.");
    }
}
