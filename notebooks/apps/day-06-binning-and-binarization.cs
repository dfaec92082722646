// day-06-binning-and-binarization.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-06-binning-and-binarization.cs
// Values print as text; charts are written as HTML files under artifacts/apps/.
#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj

using System.IO;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
using MLCourse.Convolution;
using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;
using MLCourse.Decomposition;
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Learning;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using static MLCourse.Notebooks.Display;

// # Day 6 — Binning and binarization
//
// > Binning turns numerical data into categories (discretisation). **Unsupervised**: equal width,
// > equal frequency (quantile), k-means. **Supervised**: decision-tree binning. **Custom**: edges you
// > choose. **Binarization**: one threshold, two values.
// > — the course notes, "Binning and Binarization"
//
// For $k$ bins of a feature with range $[\min, \max]$:
//
// * **Equal width (uniform)**: edges every $w = \frac{\max - \min}{k}$ — the notes' example, range 0–100 with 10 bins, gives $w = 10$.
// * **Equal frequency (quantile)**: edges at the quantiles $q_{i/k}$, so every bin holds about $n/k$ values.
// * **k-means**: 1-D k-means clusters; the edges lie halfway between neighbouring centroids.
// * **Decision tree**: a tree that predicts the target from this one feature; its thresholds are the edges.
// * **Binarization**: $b(x) = 1$ if $x > t$, else $0$.
//
// Library types used here: `CsvTable`, `KBinsDiscretizer`, `FittedKBinsDiscretizer`, `DecisionTreeBinning`,
// `Binarizer`, `DecisionTreeClassifier`, `Scoring`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var weather = CsvTable.Read(DatasetDirectory.PathOf("seattle-weather.csv"), new Dictionary<string, ColumnKind> { ["weather"] = ColumnKind.Category });
string[] features = { "precipitation", "temp_max", "temp_min", "wind" };
var x = weather.ToMatrix(features);               // (1461, 4)
string[] y = weather.Texts("weather").Select(w => w!).ToArray();
var tempMax = x.SubMatrix(0, x.RowCount, 1, 1);  // (1461, 1)

// ## One column, four unsupervised strategies
//
// The daily maximum temperature cut into 6 bins by each strategy; the histograms show how many
// days fall in each bin.

const int k = 6;
var strategies = new[] { BinStrategy.Uniform, BinStrategy.Quantile, BinStrategy.KMeans };
var fittedBins = strategies.ToDictionary(s => s, s => new KBinsDiscretizer(k, s, BinEncoding.Ordinal).Fit(tempMax));
double[] Counts(FittedKBinsDiscretizer f) => Enumerable.Range(0, f.BinCounts[0]).Select(b => (double)f.Transform(tempMax).Column(0).Count(v => v == b)).ToArray();
foreach (var (s, f) in fittedBins) Console.WriteLine($"{s,-9} edges: {string.Join(", ", f.BinEdges[0].Select(e => e.ToString("F2")))}");
Show(Charts.GroupedBars("Days per bin of temp_max, 6 bins", "bin", "days",
    fittedBins.Select(kv => new Series(kv.Key.ToString(), Enumerable.Range(0, k).Select(b => (double)b).ToArray(), Counts(kv.Value))).ToArray()));

double min = tempMax.Column(0).Minimum(), max = tempMax.Column(0).Maximum();
var uniform = fittedBins[BinStrategy.Uniform].BinEdges[0];
Claims.Check(uniform.Zip(uniform.Skip(1)).All(p => Math.Abs(p.Second - p.First - (max - min) / k) < 1e-9), "uniform bins all have width (max − min)/k");
var quantileCounts = Counts(fittedBins[BinStrategy.Quantile]);
var uniformCounts = Counts(fittedBins[BinStrategy.Uniform]);
Console.WriteLine($"quantile counts: {string.Join(", ", quantileCounts)};  uniform counts: {string.Join(", ", uniformCounts)}");
// Temperatures are recorded to 0.1 °C, so many days tie and the counts cannot be exactly n/k.
Claims.Check(quantileCounts.All(c => Math.Abs(c - x.RowCount / (double)k) < 0.2 * x.RowCount / k), "quantile bins hold nearly equal numbers of days (within 20% of n/k)");
Claims.Check(uniformCounts.Max() > 2 * uniformCounts.Min(), "equal-width bins do not: their counts follow the shape of the data");

// ## Supervised: decision-tree binning
//
// A depth-2 tree predicting the weather from `temp_max` alone chooses up to 3 thresholds — the
// temperatures where the weather mix changes most.

var treeBins = new DecisionTreeBinning(maxDepth: 2).Fit(tempMax, y);
var single = new DecisionTreeClassifier(maxDepth: 2).Fit(tempMax, y);
Console.WriteLine($"tree edges: {string.Join(", ", treeBins.BinEdges[0].Select(e => e.ToString("F2")))}");
Claims.Check(treeBins.BinEdges[0].Skip(1).SkipLast(1).SequenceEqual(single.Thresholds(0)), "the inner edges are exactly the tree's thresholds");

// ## Custom bins and binarization
//
// Custom edges encode knowledge: below freezing, cool, mild, warm — as intervals $[-10, 0), [0, 10), [10, 20), [20, 40]$. Binarization answers one
// question: did it rain at all ($\text{precipitation} > 0$)?

var custom = FittedKBinsDiscretizer.FromEdges(new[] { new[] { -10.0, 0, 10, 20, 40 } });
var customBins = custom.Transform(tempMax).Column(0);
// Bins include their left edge, [a, b), as in scikit-learn (pandas' cut closes them on the right instead).
Claims.Check(Enumerable.Range(0, x.RowCount).All(i => (tempMax[i, 0] < 0) == (customBins[i] == 0)), "days below 0 °C, and only those, fall in the first custom bin [−10, 0)");
var wet = new Binarizer(threshold: 0).Transform(x.SubMatrix(0, x.RowCount, 0, 1)).Column(0);
int wetDays = (int)wet.Sum();
Console.WriteLine($"{wetDays} of {x.RowCount} days had precipitation");
Claims.Check(wetDays == weather.Numbers("precipitation").Count(p => p > 0), "the binarizer marks exactly the days with precipitation above 0");

// ## Does binning help a tree? Measured on held-out days
//
// Each strategy's edges are learned on the training days only (70%), then applied to the held-out
// days; a depth-4 tree is trained on the binned features. The same tree on raw features is the
// baseline. (Binning throws information away; it can still help a model that overfits, and it makes
// a feature easier to read.)

var order = Enumerable.Range(0, x.RowCount).OrderBy(_ => random.System.Next()).ToArray();
int cut = (int)(0.7 * x.RowCount);
Matrix<double> RowsOf(Matrix<double> m, IEnumerable<int> idx) => Matrix<double>.Build.DenseOfRowVectors(idx.Select(m.Row));
var (xTrain, xTest) = (RowsOf(x, order.Take(cut)), RowsOf(x, order.Skip(cut)));
var (yTrain, yTest) = (order.Take(cut).Select(i => y[i]).ToArray(), order.Skip(cut).Select(i => y[i]).ToArray());
double HeldOut(Matrix<double> train, Matrix<double> test) => new DecisionTreeClassifier(maxDepth: 4).Fit(train, yTrain).Score(test, yTest);
var results = new Dictionary<string, double> { ["raw"] = HeldOut(xTrain, xTest) };
foreach (var s in strategies)
{
    var f = new KBinsDiscretizer(8, s, BinEncoding.Ordinal).Fit(xTrain);
    results[s.ToString()] = HeldOut(f.Transform(xTrain), f.Transform(xTest));
}
var tb = new DecisionTreeBinning(maxDepth: 3).Fit(xTrain, yTrain);
results["DecisionTree"] = HeldOut(tb.Transform(xTrain), tb.Transform(xTest));
foreach (var (name, acc) in results) Console.WriteLine($"{name,-13} held-out accuracy {acc:P1}");
Show(Charts.Bars("Held-out accuracy of a depth-4 tree", "features", "accuracy", results.Keys.ToArray(), results.Values.ToArray()));

// On the training set a fully grown tree can only lose by binning: merged values can no longer be
// told apart. We check that exact consequence.

double TrainFit(Matrix<double> m) => new DecisionTreeClassifier().Fit(m, yTrain).Score(m, yTrain);
double rawFit = TrainFit(xTrain);
foreach (var s in strategies)
{
    double binnedFit = TrainFit(new KBinsDiscretizer(8, s, BinEncoding.Ordinal).Fit(xTrain).Transform(xTrain));
    Claims.Check(binnedFit <= rawFit + 1e-12, $"{s}: a fully grown tree fits the binned training data no better ({binnedFit:P1}) than the raw data ({rawFit:P1})");
}

// ## Summary
//
// * Uniform bins have equal widths, quantile bins equal counts, k-means bins follow clusters, tree
//   bins follow the target; custom edges carry your own knowledge; a binarizer keeps one threshold.
// * Learn edges on training data only and apply them unchanged to new data.
// * Binning loses detail — measure on held-out data before believing it helps.
//
// ## Exercises
//
// 1. How many bins does `DecisionTreeBinning(maxDepth: 3)` give `temp_max` when fitted on all days? Replace `-1`.
// 2. How many days were colder than 0 °C at their maximum? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
int answer2 = -1;

Claims.Exercise("Exercise 1", answer1 == new DecisionTreeBinning(maxDepth: 3).Fit(tempMax, y).BinCounts[0]);
Claims.Exercise("Exercise 2", answer2 == tempMax.Column(0).Count(t => t < 0));
