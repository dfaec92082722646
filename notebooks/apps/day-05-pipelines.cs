// day-05-pipelines.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-05-pipelines.cs
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

// # Day 5 — Pipelines
//
// > scikit-learn's **Pipeline** chains steps: each step's output feeds the next, and it is built
// > from a **list of tuples** (name, transformer). **make_pipeline** names the steps for you.
// > A **ColumnTransformer** applies different transformers to different columns. The last step is
// > a model — here a **decision tree** — with a **scoring function**.
// > — the course notes, "Pipelines"
//
// A pipeline is fitted once, on the training data: every step learns its state (medians,
// categories, means and deviations, tree splits) from the training rows only. The *fitted* pipeline
// then applies exactly that state to any new table. That is the whole point: train and test are
// processed the same way, and nothing about the test set leaks into the model.
//
// The final model is a CART tree grown from scratch: at every node it picks the feature and the
// threshold that minimise the weighted Gini impurity of the two children,
//
// $$G = 1 - \sum_k p_k^2, \qquad \text{split cost} = \frac{n_L}{n} G_L + \frac{n_R}{n} G_R .$$
//
// Library types used here: `JsonTable`, `Table`, `Pipeline`, `ColumnTransformer`, `SimpleImputer`,
// `StandardScaler`, `OneHotEncoder`, `DecisionTreeClassifier`, `Scoring`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var penguins = JsonTable.Read(DatasetDirectory.PathOf("penguins.json"));
// One bird's sex is "." in the source, its marker for unknown: make it a real missing value.
penguins = penguins.With(new TableColumn("Sex", ColumnKind.Text, penguins.Texts("Sex").Select(s => s == "." ? null : s).ToArray()));
foreach (var c in penguins.Columns) Console.WriteLine($"{c.Name,-22} {c.Kind,-8} missing {c.MissingCount}");
Claims.Check(penguins.Columns.Sum(c => c.MissingCount) > 0, "the penguins have missing values, so the model needs an imputer first");

// ## Train and test split
//
// A fixed seed shuffles the 344 birds; 70% train the pipeline, 30% are kept for an honest score.

var order = Enumerable.Range(0, penguins.RowCount).OrderBy(_ => random.System.Next()).ToArray();
int cut = (int)(0.7 * penguins.RowCount);
var train = penguins.Rows(order.Take(cut));
var test = penguins.Rows(order.Skip(cut));
string[] Species(Table t) => t.Texts("Species").Select(s => s!).ToArray();
Claims.Check(train.RowCount + test.RowCount == 344 && !order.Take(cut).Intersect(order.Skip(cut)).Any(), "train and test split the birds without overlap");

// ## The pipeline: impute → encode / scale → tree

string[] numeric = { "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" };
string[] categorical = { "Island", "Sex" };
var preprocess = new ColumnTransformer(new (string, ITableTransformer, string[])[]
{
    ("num", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median), new StandardScaler()), numeric),
    ("cat", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore)), categorical),
});
var model = new Pipeline(("preprocess", preprocess)).Then("tree", new DecisionTreeClassifier(maxDepth: 3));
var fitted = model.Fit(train, Species(train));
Console.WriteLine("steps: " + string.Join(" → ", model.Transformers.Steps.Select(s => s.Name).Append(model.EstimatorName)));
Console.WriteLine("features the tree sees: " + string.Join(", ", fitted.FeatureNames));
Show(fitted.Transform(test));

double trainScore = fitted.Score(train, Species(train));
double testScore = fitted.Score(test, Species(test));
Console.WriteLine($"accuracy: train {trainScore:P1}, test {testScore:P1}");
Claims.Check(testScore > 0.9, "the pipeline classifies more than 90% of the held-out penguins correctly");
Claims.Close(testScore, Scoring.Accuracy(Species(test), fitted.Predict(test)), 1e-12, "Score is the accuracy of Predict");

// ## Without a pipeline, the test set is easily processed differently
//
// A common slip: preparing the test set *on its own* — imputing with the test set's medians and
// scaling with its own means and deviations. The numbers the tree sees then differ from what the
// fitted pipeline produces, and so can its predictions.

var ownState = Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median), new StandardScaler()).Fit(test.Select(numeric));
var wrong = ownState.Transform(test.Select(numeric));
var right = fitted.Transform(test);
double worst = numeric.Max(n => wrong.Numbers(n).Zip(right.Numbers($"num__{n}")).Max(p => Math.Abs(p.First!.Value - p.Second!.Value)));
Console.WriteLine($"largest difference between the two scaled test tables: {worst:F3} standard deviations");
Claims.Check(worst > 0.01, "scaling the test set with its own statistics changes the features the model sees");

// ## A scoring function across tree depths
//
// Growing the tree deeper never hurts on the training set; the held-out score shows whether it also
// helps on new birds. A stump (depth 1) asks one question, so it can name only two of the three
// species. Every depth gets the same pipeline, refitted from scratch.

var depths = Enumerable.Range(1, 8).ToArray();
var scores = depths.Select(d =>
{
    var f = new Pipeline(("preprocess", preprocess)).Then("tree", new DecisionTreeClassifier(maxDepth: d)).Fit(train, Species(train));
    return (Train: f.Score(train, Species(train)), Test: f.Score(test, Species(test)));
}).ToArray();
foreach (var (d, s) in depths.Zip(scores)) Console.WriteLine($"depth {d}: train {s.Train:P1}, test {s.Test:P1}");
var x = depths.Select(d => (double)d).ToArray();
Show(Charts.Lines("Accuracy against the tree's maximum depth", "max depth", "accuracy",
    new Series("train", x, scores.Select(s => s.Train).ToArray()), new Series("test", x, scores.Select(s => s.Test).ToArray())));

Claims.Check(scores.Zip(scores.Skip(1)).All(p => p.Second.Train >= p.First.Train - 1e-12), "training accuracy never falls as the tree may grow deeper");
Claims.Check(fitted.Predict(test).Length == test.RowCount && new Pipeline(("preprocess", preprocess)).Then("stump", new DecisionTreeClassifier(maxDepth: 1)).Fit(train, Species(train)).Predict(test).Distinct().Count() <= 2, "a stump predicts at most two species");
Claims.Check(scores[0].Test < 0.8 && scores.Max(s => s.Test) >= 0.95, "depth 1 is too simple (under 80% held out); a deeper tree reaches at least 95%");

// ## Summary
//
// * A `Pipeline` is a list of (name, step) tuples; `Pipeline.MakePipeline` names steps after their types.
// * A `ColumnTransformer` routes numeric and categorical columns to their own sub-pipelines.
// * Fit once on train; the fitted pipeline transforms, predicts and scores any new table the same way.
//
// ## Exercises
//
// 1. How many features does the tree see after preprocessing? Replace `-1`.
// 2. Which feature does the depth-3 tree test at its root? Replace `""` with its name from `fitted.FeatureNames`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
string answer2 = "";

var tree = (FittedDecisionTreeClassifier)fitted.Model;
Claims.Exercise("Exercise 1", answer1 == fitted.FeatureNames.Count);
Claims.Exercise("Exercise 2", answer2 == fitted.FeatureNames[tree.Root.Feature]);
