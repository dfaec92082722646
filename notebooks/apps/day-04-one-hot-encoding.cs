// day-04-one-hot-encoding.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-04-one-hot-encoding.cs
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

// # Day 4 — One-hot encoding
//
// > Categorical data is **ordinal** (its values have an order) or **nominal** (they do not).
// > One-hot encoding turns each of $n$ categories into its own 0/1 column — yellow (1, 0, 0),
// > blue (0, 1, 0), red (0, 0, 1). **Multicollinearity**: the input columns must not depend on each
// > other, so $n$ categories → $n-1$ columns.
// > — the course notes, "One hot Encoding"
//
// Why $n-1$? The $n$ dummy columns of a feature always sum to one, $\sum_{k=1}^{n} d_k = 1$,
// which is exactly the intercept's column of ones. A design matrix $[\mathbf{1}\; D]$ then has
// linearly dependent columns, $X^\top X$ is singular, and least squares has no unique solution —
// the *dummy-variable trap*. Dropping one category (the *baseline*) removes the dependency.
//
// Library types used here: `JsonTable`, `Table`, `Dummies`, `OneHotEncoder`, `OrdinalEncoder`;
// notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var cars = JsonTable.Read(DatasetDirectory.PathOf("cars.json"), dtypes: new Dictionary<string, ColumnKind> { ["Origin"] = ColumnKind.Category });
var origins = cars["Origin"].Categories;
Claims.Check(origins.SequenceEqual(new[] { "Europe", "Japan", "USA" }), "Origin is nominal with three categories");

// ## `GetDummies`: the pandas way

var dummies = Dummies.GetDummies(cars.Select("Name", "Origin"), new[] { "Origin" });
Claims.Check(dummies.ColumnNames.SequenceEqual(new[] { "Name", "Origin_Europe", "Origin_Japan", "Origin_USA" }), "one 0/1 column per origin");
Claims.Check(Enumerable.Range(0, dummies.RowCount).All(i => dummies.Numbers("Origin_Europe")[i] + dummies.Numbers("Origin_Japan")[i] + dummies.Numbers("Origin_USA")[i] == 1), "every row has exactly one 1");
Show(dummies);

// `GetDummies` learns nothing: applied to a test set that happens to lack a category it produces
// *different columns*, and a model trained on the first layout cannot read the second.

var notEurope = cars.Where(i => cars.Texts("Origin")[i] != "Europe");
var testDummies = Dummies.GetDummies(notEurope.Select("Origin"), new[] { "Origin" });
Claims.Check(testDummies.ColumnNames.Count == 2, "on a test set without European cars, get_dummies makes only 2 columns instead of 3");

// ## `OneHotEncoder`: learn on train, apply the same state to test
//
// The encoder is *fitted* on the training rows; its categories are then fixed, so every later table
// gets the same columns, and an unknown category is an error (or all zeros with
// `OneHotUnknown.Ignore`) instead of a silently different layout.

var order = Enumerable.Range(0, cars.RowCount).OrderBy(_ => random.System.Next()).ToArray();
var train = cars.Rows(order.Take(300));
var test = cars.Rows(order.Skip(300));
var encoder = new OneHotEncoder().Fit(train.TextRows("Origin"), new[] { "Origin" });
var encodedTest = encoder.Transform(notEurope.TextRows("Origin"));
Claims.Check(encodedTest.ColumnCount == 3, "the fitted encoder gives the test set the same three columns");
Claims.Check(encoder.Transform(test.TextRows("Origin")).RowCount == test.RowCount, "the held-out rows are encoded with the categories learned on the training rows");
Claims.Check(encoder.FeatureNamesOut.SequenceEqual(new[] { "Origin_Europe", "Origin_Japan", "Origin_USA" }), "output names follow scikit-learn: feature_category");
try
{
    encoder.Transform(new[] { new string?[] { "Africa" } });
    throw new ClaimFailedException("an unknown category should be refused");
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message);
    Claims.Check(e.Message.Contains("'Africa'") && e.Message.Contains("column 0 (Origin)"), "an unknown category is an error naming it and its column");
}

// ## The dummy-variable trap, measured
//
// Regress fuel economy on origin with an intercept. With all three dummies the design matrix has
// 4 columns but rank 3; dropping the first category (Europe) gives full rank, and the coefficients
// become readable: the intercept is Europe's mean MPG, and each other coefficient is that origin's
// difference from Europe.

var withMpg = cars.Where(i => cars.Numbers("Miles_per_Gallon")[i] is not null);
var mpg = Vector<double>.Build.DenseOfEnumerable(withMpg.Numbers("Miles_per_Gallon").Select(v => v!.Value));
Matrix<double> Design(OneHotDrop drop)
{
    var onehot = new OneHotEncoder(drop).Fit(withMpg.TextRows("Origin")).Transform(withMpg.TextRows("Origin"));
    return Matrix<double>.Build.Dense(onehot.RowCount, 1, 1.0).Append(onehot);   // [1 | D]
}
var full = Design(OneHotDrop.None);
var dropped = Design(OneHotDrop.First);
Console.WriteLine($"all dummies: {full.ColumnCount} columns, rank {full.Rank()};  drop first: {dropped.ColumnCount} columns, rank {dropped.Rank()}");
Claims.Check(full.Rank() == full.ColumnCount - 1, "with every dummy and an intercept the design matrix is rank deficient");
Claims.Check(dropped.Rank() == dropped.ColumnCount, "dropping one category gives full rank");

var theta = dropped.QR().Solve(mpg);   // (intercept, Japan − Europe, USA − Europe)
double MeanMpg(string origin) => withMpg.Numbers("Miles_per_Gallon").Where((_, i) => withMpg.Texts("Origin")[i] == origin).Average()!.Value;
Claims.Close(theta[0], MeanMpg("Europe"), 1e-9, "the intercept is the baseline's (Europe's) mean MPG");
Claims.Close(theta[1], MeanMpg("Japan") - MeanMpg("Europe"), 1e-9, "Japan's coefficient is its difference from Europe");
Claims.Close(theta[2], MeanMpg("USA") - MeanMpg("Europe"), 1e-9, "USA's coefficient is its difference from Europe");
Show(Charts.Bars("Mean fuel economy by origin", "origin", "miles per gallon", origins, origins.Select(MeanMpg).ToArray()));

// ## Ordinal data: keep the order
//
// Cylinders are categories with an order (3 < 4 < 5 < 6 < 8). `OrdinalEncoder` with the order
// given maps them to 0 … 4, keeping that order, instead of one-hot columns that would forget it.

var cylinders = cars.Numbers("Cylinders").Select(c => new string?[] { c!.Value.ToString() }).ToArray();
var ordinal = new OrdinalEncoder(new[] { new[] { "3", "4", "5", "6", "8" } }).Fit(cylinders);
var codes = ordinal.Transform(cylinders).Column(0);
var counts = cars.Numbers("Cylinders");
Claims.Check(Enumerable.Range(0, cars.RowCount).All(i => Enumerable.Range(0, cars.RowCount).Take(40).All(k => (counts[i] < counts[k]) == (codes[i] < codes[k]))), "the codes keep the cylinders' order");
Claims.Check(ordinal.InverseTransform(ordinal.Transform(cylinders)).Select(r => r[0]).SequenceEqual(cylinders.Select(r => r[0])), "inverse transform gives the categories back");

// ## Summary
//
// * Nominal → one-hot; ordinal → ordered codes.
// * With an intercept, drop one category per feature ($n \to n-1$) or the design matrix is singular.
// * Fit the encoder on training data and reuse its state: `GetDummies` on each set separately
//   can give different columns.
//
// ## Exercises
//
// 1. How many output columns does `new OneHotEncoder(OneHotDrop.First)` give for Origin *and* Cylinders together? Replace `-1`.
// 2. By how many miles per gallon do Japanese cars beat American ones on average (two decimals)? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
double answer2 = -1;

var both = cars.Numbers("Cylinders").Select((c, i) => new string?[] { cars.Texts("Origin")[i], c!.Value.ToString() }).ToArray();
Claims.Exercise("Exercise 1", answer1 == new OneHotEncoder(OneHotDrop.First).Fit(both).FeatureNamesOut.Count);
Claims.Exercise("Exercise 2", Math.Abs(answer2 - Math.Round(MeanMpg("Japan") - MeanMpg("USA"), 2)) < 1e-9);
