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
using MLCourse.ModelSelection;
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Linear;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Text;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using static MLCourse.Notebooks.Display;

// # Day 5 — Pipelines, and choosing a model without touching the test set
//
// > [A pipeline] chains together multiple steps so that output of each step can be used as input
// > of next step; helps in applying same preprocessing to train and test. […] Pass list of tuples.
// > […] make-pipeline […] Scoring function → Decision tree
// > — the course notes, "Pipelines"
//
// The notes stop there. The **ColumnTransformer** below, which sends different columns to different
// steps, is our addition (the notes do not mention it), and so is everything about cross-validation.
//
// A model is only worth what it does on data it has never seen. We estimate that with a **test
// set**: rows put aside before anything is learned. The estimate is honest for one reason only:
// the model is *independent* of those rows. Write $\hat f$ for the fitted model and $(x_i, y_i)$,
// $i = 1 \dots n$, for the test rows. If $\hat f$ was built without them, each
// $\mathbb 1[\hat f(x_i) = y_i]$ is a fresh coin with the model's true accuracy $p$ as its chance
// of heads, so the test accuracy $\hat p = \frac1n \sum_i \mathbb 1[\hat f(x_i) = y_i]$ has
// $\mathbb E[\hat p] = p$ and standard error $\sqrt{p(1-p)/n}$.
//
// Every way the test rows can reach the model breaks that independence, and they have many ways in:
//
// * **Preprocessing statistics.** An imputer's median, a scaler's mean $\mu$ and deviation
//   $\sigma$, an encoder's categories: if they are computed on all rows, the test rows helped
//   build the features the model is trained on.
// * **Model selection.** Trying settings $d = 1 \dots D$ and keeping the one with the best test
//   accuracy makes the reported number a maximum of $D$ noisy estimates. Since
//   $\max_d \hat p_d \ge \hat p_{d'}$ for every $d'$, taking expectations gives
//   $\mathbb E[\max_d \hat p_d] \ge \max_d p_d$: the number is biased upwards, and it is no longer
//   an estimate of anything we can name.
//
// A **pipeline** closes the first door: it is fitted once, on the training rows, and every step
// learns its state (medians, categories, means and deviations, tree splits) from those rows only;
// the fitted pipeline then applies exactly that state to any new table. **Cross-validation** closes
// the second: it makes validation sets out of the training rows, so settings are compared without
// the test set. This notebook builds both, then uses the test set exactly once.
//
// The model is a CART tree grown from scratch: at every node it picks the feature and the
// threshold that minimise the weighted Gini impurity of the two children,
//
// $$G = 1 - \sum_k p_k^2, \qquad \text{split cost} = \frac{n_L}{n} G_L + \frac{n_R}{n} G_R .$$
//
// Library types used here: `JsonTable`, `Table`, `Pipeline`, `ColumnTransformer`, `SimpleImputer`,
// `StandardScaler`, `OneHotEncoder`, `DecisionTreeClassifier`, `Scoring`, and from
// `MLCourse.ModelSelection` `KFold`, `StratifiedKFold`, `CrossValidation`, `PipelineGridSearch`;
// notebook helpers `Charts`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(5);   // this day's exercise hints, kept off the page until you try
var penguins = JsonTable.Read(DatasetDirectory.PathOf("penguins.json"));
// One bird's sex is "." in the source, its marker for unknown: make it a real missing value.
penguins = penguins.With(new TableColumn("Sex", ColumnKind.Text,
    penguins.Texts("Sex").Select(s => s == "." ? null : s).ToArray()));
foreach (var c in penguins.Columns)
    Console.WriteLine($"{c.Name,-22} {c.Kind,-8} missing {c.MissingCount}");
Claims.Check(penguins.Columns.Sum(c => c.MissingCount) > 0,
    "the penguins have missing values, so the model needs an imputer first");

// ## Train and test split
//
// A fixed seed shuffles the 344 birds; 70% (240) train, 30% (104) are locked away. Until the section
// "The test set, opened once", the test table is used only for its *features* (to compare two
// models' predictions), never for its labels.

var order = Enumerable.Range(0, penguins.RowCount).OrderBy(_ => random.System.Next()).ToArray();
int cut = (int)(0.7 * penguins.RowCount);
var train = penguins.Rows(order.Take(cut));
var test = penguins.Rows(order.Skip(cut));
string[] Species(Table t) => t.Texts("Species").Select(s => s!).ToArray();
var yTrain = Species(train);
Claims.Check(train.RowCount + test.RowCount == 344
    && !order.Take(cut).Intersect(order.Skip(cut)).Any(),
    "train and test split the birds without overlap");

// ## The pipeline: impute → encode / scale → tree
//
// Numeric columns get the median of the training rows for a missing value, then are standardised,
// $z = (x - \mu)/\sigma$ with $\mu, \sigma$ from the training rows; the text columns get the most
// frequent value, then one 0/1 column per category. The function builds the whole pipeline for a
// given depth, so later every fold and every depth can get a fresh, unfitted copy.
//
// Every step is an `ITableTransformer`: `Fit` learns the step's state from a table and returns a
// fitted step whose `Transform` applies that state to any table. Here is the median imputer written
// out; the library's `SimpleImputer` must fill exactly the same values.

string[] measured =
    { "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" };
var ours = new MedianFill().Fit(train.Select(measured)).Transform(penguins.Select(measured));
var library = new SimpleImputer(ImputeStrategy.Median).Fit(train.Select(measured))
    .Transform(penguins.Select(measured));
double fillGap = (ours.ToMatrix(measured) - library.ToMatrix(measured)).Enumerate().Max(Math.Abs);
Console.WriteLine($"344 birds filled with the training medians; largest gap to SimpleImputer: "
    + $"{fillGap}");
Claims.Check(fillGap == 0, "our MedianFill fills every gap with SimpleImputer(Median)'s value");

string[] numeric =
    { "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" };
string[] categorical = { "Island", "Sex" };
ColumnTransformer Preprocess(bool scale) => new(new (string, ITableTransformer, string[])[]
{
    ("num", scale
        ? Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
        : Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median)), numeric),
    ("cat", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.MostFrequent),
        new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore)), categorical),
});
ModelPipeline<string> TreePipeline(int depth, bool scale = true) =>
    new Pipeline(("preprocess", Preprocess(scale)))
        .Then("tree", new DecisionTreeClassifier(maxDepth: depth));
var model = TreePipeline(3);
var fitted = model.Fit(train, yTrain);
Console.WriteLine("steps: " + string.Join(" → ",
    model.Transformers.Steps.Select(s => s.Name).Append(model.EstimatorName)));
Console.WriteLine("features the tree sees: " + string.Join(", ", fitted.FeatureNames));
Display.Show(fitted.Transform(test));

// The fitted tree as rules: each split is "feature ≤ threshold", in the features the tree sees
// (measurements standardised: a threshold is in standard deviations from the training mean).
var tree = (FittedDecisionTreeClassifier)fitted.Model;
void PrintTree(TreeNode node, string indent)
{
    string counts = $"{node.Samples} birds, Gini {Math.Max(0, node.Impurity):F3}";
    if (node.IsLeaf)
    {
        int top = node.Value.Select((v, c) => (v, c)).MaxBy(p => p.v).c;
        Console.WriteLine($"{indent}→ {tree.Classes[top]} ({counts})");
        return;
    }
    string feature = fitted.FeatureNames[node.Feature];
    Console.WriteLine($"{indent}if {feature} ≤ {node.Threshold:F2} ({counts})");
    PrintTree(node.Left!, indent + "    ");
    Console.WriteLine($"{indent}else");
    PrintTree(node.Right!, indent + "    ");
}
PrintTree(tree.Root, "");
double[] shares = yTrain.GroupBy(s => s).Select(g => g.Count() / (double)yTrain.Length).ToArray();
Claims.Close(tree.Root.Impurity, 1 - shares.Sum(p => p * p), 1e-12,
    "the root's Gini impurity is 1 − Σ p_k² of the species shares of the 240 training birds");

// The tree sees 9 columns: 4 standardised measurements, 3 island indicators and 2 sex
// indicators. The table above is the *test* rows transformed with the training rows' medians,
// means and deviations — no statistic of the test set went into it.
//
// The fitted tree, printed as rules: its first question is flipper length
// (in standard deviations from the training mean): long flippers with a shallow beak are Gentoo
// (86 of the 89 birds on that side); short flippers with a short beak are Adelie, with a long beak
// Chinstrap. The Gini impurity falls from 0.620 at the root, where three species mix, to 0 in most
// leaves; one leaf of 16 birds stays mixed (0.508), because depth 3 allows no further question. The
// tree never asks about island or sex: the measurements were enough.
//
// ## Does a tree need scaled features?
//
// The pipeline standardises the measurements before the tree sees them. Before reading on, commit to
// an answer: if we drop the `StandardScaler` and refit, will any of the 104 test predictions change?

// Exercise 1: your prediction, "yes" or "no"
// Will dropping the StandardScaler change any of the depth-3 tree's 104 test predictions?
string? prediction1 = null;

var unscaled = TreePipeline(3, scale: false).Fit(train, yTrain);
var withScaler = fitted.Predict(test);
var withoutScaler = unscaled.Predict(test);
int changed = withScaler.Zip(withoutScaler).Count(p => p.First != p.Second);
Exercise.Predict("1", prediction1, changed > 0 ? "yes" : "no",
    measured: $"test predictions that differ: {changed} of {test.RowCount}");

Console.WriteLine($"test predictions that differ: {changed} of {test.RowCount}");
Claims.Check(changed == 0, "the tree predicts every test bird the same with or without scaling");

// A tree only ever asks "is $x_j \le t$?". Standardising is a strictly increasing map
// $z = (x - \mu)/\sigma$ with $\sigma > 0$, so it keeps the order of the values in every column:
// $x_a \le x_b \iff z_a \le z_b$. The splits a tree can make are the ways of cutting the sorted
// values of one column in two, so the candidate splits are the same sets of rows, with the same
// Gini costs. CART puts a threshold halfway between two neighbouring values, and the map sends
// midpoints to midpoints,
//
// $$\frac{z_a + z_b}{2} = \frac{1}{2}\left(\frac{x_a - \mu}{\sigma} + \frac{x_b - \mu}{\sigma}\right) = \frac{\frac{x_a + x_b}{2} - \mu}{\sigma},$$
//
// so a new bird falls on the same side of every threshold either way. Scaling matters for models
// that compare *distances* or add up weighted features across columns (k-nearest neighbours,
// linear and logistic regression, neural networks, PCA on day 7), not for trees.
//
// The imputer's place does not matter either: the median commutes with an increasing affine map
// (the median of $(x - \mu)/\sigma$ is $(\operatorname{median} x - \mu)/\sigma$), so imputing before
// or after scaling changes nothing either.

// Zero of 104 predictions differ, as the argument says (the comparison uses the test birds'
// features, not their labels, so it leaks nothing). We keep the scaler in the pipeline only because the next model, k-nearest neighbours, needs it.
//
// ## Choosing the depth: K-fold cross-validation
//
// The depth is a setting we must choose. The test set is off limits, so we carve validation sets
// out of the 240 training rows. **K-fold cross-validation** cuts the training rows into $K$ folds
// $F_1, \dots, F_K$; for each $k$ it fits the whole pipeline on the other $K-1$ folds, giving
// $\hat f_d^{(-k)}$, and scores it on $F_k$. The estimate for depth $d$ is the mean
//
// $$\mathrm{CV}(d) = \frac{1}{K} \sum_{k=1}^{K} \frac{1}{|F_k|} \sum_{i \in F_k} \mathbb 1\!\left[\hat f_d^{(-k)}(x_i) = y_i\right],$$
//
// and we pick $\hat d = \arg\max_d \mathrm{CV}(d)$. Every row is scored exactly once, by a model
// that did not see it. scikit-learn's `KFold` cuts $n$ rows into consecutive blocks, the first
// $n \bmod K$ of them one row longer; on 10 rows and 3 folds that is 4, 3, 3:

foreach (var f in new KFold(3).Split(10))
    Console.WriteLine($"test [{string.Join(", ", f.Test)}]   train [{string.Join(", ", f.Train)}]");

// The blocks are consecutive, so if the rows were sorted (say by species) a fold could hold only
// one species. Our rows are already shuffled, but for classification scikit-learn's default is
// `StratifiedKFold`, which deals each class out so every fold has about the class mix of the whole:

var stratified = new StratifiedKFold(5);
var folds = stratified.Split(yTrain);
var species = yTrain.Distinct().Order().ToArray();
foreach (var (f, k) in folds.Select((f, k) => (f, k)))
    Console.WriteLine($"fold {k}: {f.Test.Length} rows, " + string.Join(", ",
        species.Select(s => $"{s} {f.Test.Count(i => yTrain[i] == s)}")));
Claims.Check(folds.All(f => species.All(s =>
    Math.Abs(f.Test.Count(i => yTrain[i] == s) - yTrain.Count(v => v == s) / 5.0) <= 1)),
    "each fold holds every species within one bird of a fifth of its training count");

// Each fold has 48 birds and each species in it within one bird of a fifth of that species'
// training count, so every validation score is measured on a sample that looks like the whole.
//
// Now write the cross-validation loop yourself. The function gets only training rows and the folds;
// it must fit a fresh `TreePipeline(depth)` on each fold's training part and score it on the fold's
// test part. The check runs it on the training rows and on a smaller decoy subset of them, and
// compares with the library's `PipelineGridSearch` on exactly the same rows — so a function that
// reads the global `test` table, or anything but its arguments, cannot agree.

// Exercise 2: the mean cross-validated accuracy of each depth
// rows: training rows only; labels: their species; folds: from StratifiedKFold on those labels.
double[] CvMeans(Table rows, string[] labels, int[] depths, IReadOnlyList<Fold> folds) =>
    Exercise.Todo<double[]>();

var depths = Enumerable.Range(1, 6).ToArray();
Exercise.Check("2", () =>
{
    foreach (var rows in new[] { train, train.Rows(Enumerable.Range(0, 150)) })
    {
        var labels = Species(rows);
        var reference = new PipelineGridSearch<int, string>(depths, d => TreePipeline(d),
            new StratifiedKFold(5)).Fit(rows, labels).MeanScores;
        var problem = Exercise.Compare($"CV means on {rows.RowCount} rows",
            CvMeans(rows, labels, depths, new StratifiedKFold(5).Split(labels)), reference, 1e-12);
        if (problem is not null) return problem;
    }
    return null;
});

// The library does the same search, and then refits the best depth on all 240 training rows
// (scikit-learn's `GridSearchCV`; its ties go to the first setting in the grid, here the shallower
// tree). We also record the training accuracy of each depth, to see what it would have told us.

var search = new PipelineGridSearch<int, string>(depths, d => TreePipeline(d), stratified)
    .Fit(train, yTrain);
double[] trainAcc = depths
    .Select(d => TreePipeline(d).Fit(train, yTrain).Score(train, yTrain)).ToArray();
for (int i = 0; i < depths.Length; i++)
    Console.WriteLine($"depth {depths[i]}: train {trainAcc[i]:P1}   5-fold CV "
        + $"{search.MeanScores[i]:P1} ± {search.StdScores[i]:P1}");
Console.WriteLine($"chosen depth: {search.BestSetting}");
// The one-standard-error rule: the s.e. of a mean of 5 fold scores is their s.d. / √5.
int bestAt = Array.IndexOf(depths, search.BestSetting);
double bestSe = search.StdScores[bestAt] / Math.Sqrt(5);
double oneSeBar = search.MeanScores[bestAt] - bestSe;
int oneSeDepth = depths.First(d => search.MeanScores[Array.IndexOf(depths, d)] >= oneSeBar);
Console.WriteLine($"one-standard-error rule: {search.MeanScores[bestAt]:P1} − {100 * bestSe:F2}"
    + $" points = {oneSeBar:P1}; the shallowest depth at or above it: {oneSeDepth}");
var x = depths.Select(d => (double)d).ToArray();
Display.Show(Charts.Lines("Accuracy against the tree's maximum depth (240 training birds)",
    "max depth", "accuracy",
    new Series("training rows (fit and scored)", x, trainAcc),
    new Series("5-fold cross-validation", x, search.MeanScores),
    new Series("CV − 1 s.e.", x, depths.Select((_, i) =>
        search.MeanScores[i] - search.StdScores[i] / Math.Sqrt(5)).ToArray()),
    new Series("CV + 1 s.e.", x, depths.Select((_, i) =>
        search.MeanScores[i] + search.StdScores[i] / Math.Sqrt(5)).ToArray())));

// Training accuracy climbs from 82.1% at depth 1 to 100% at depth 6: a deep enough tree can
// memorise every training bird, so this curve always rises and cannot choose anything. The
// cross-validated accuracy rises from 80.4% (a stump asks one question, so it can separate only two
// of the three species) to 96.7% at depth 4, and stays there at depths 5 and 6: the extra splits
// fit single birds, which helps the training score and not the held-out folds. Depths 4, 5 and 6
// tie, and the tie goes to the first in the grid, the shallowest tree.
//
// Read the ± too: it is the standard deviation of the five fold scores (one bird of a 48-bird fold
// is 2.1 points). A mean of five scores wobbles less than one score: its standard error is the
// deviation over $\sqrt 5$, here 0.95 points. The **one-standard-error rule**
// keeps the simplest model whose score is within one standard error of the best, here
// 96.7% − 0.95 = 95.7%. Depth 3 (95.0%) and depth 2 (94.2%) fall below that line, so the rule keeps
// depth 4, the same tree as the plain maximum. (The five fold scores share training rows, so this
// standard error is a rough guide, not an exact one.) The two outer
// curves on the chart are the cross-validated mean ± one standard error. What we must not do is
// look at the test set to break the tie.
//
// ## The test set, opened once
//
// The search refitted depth 4 on all 240 training rows. Now, and only now, we score it on the 104
// locked-away birds.

var best = search.BestModel;
double testScore = best.Score(test, Species(test));
string majority = yTrain.GroupBy(s => s).MaxBy(g => g.Count())!.Key;
double baseline = Species(test).Count(s => s == majority) / (double)test.RowCount;
// Standard error of an accuracy on 104 birds if the true accuracy is the CV estimate.
double se = Math.Sqrt(search.BestScore * (1 - search.BestScore) / test.RowCount);
Console.WriteLine($"depth {search.BestSetting}, used once on the test set: {testScore:P1}"
    + $" (± {se:P1} s.e.)");
Console.WriteLine($"baseline, always '{majority}': {baseline:P1}");
Console.WriteLine($"rule of three: 3 / {test.RowCount} = {3.0 / test.RowCount:P1}");
Claims.Check(testScore > baseline + 0.3,
    "the chosen tree beats the majority-class baseline by 30 points");
Claims.Check(Math.Abs(testScore - search.BestScore) < 3 * se,
    "the test accuracy agrees with the cross-validated estimate within three standard errors");

// 100% of the 104 test birds are classified correctly, against 38.5% for always answering
// "Adelie", the commonest species. The cross-validated estimate was 96.7%; if that is the true
// accuracy, a 104-bird test set has a standard error of about 1.8 points, so 100% is within two
// standard errors — a fortunate draw, not a contradiction. Two further remarks. First, this number
// is an honest estimate only because it is the first and last time we looked: had we swept the
// depths on the test set, several depths could have reached 100% and we would have reported the
// maximum of several noisy scores. Second, an accuracy of 100% on 104 birds
// does not mean the model is perfect: with zero errors in $n$ trials, a rough 95% upper bound on
// the error rate is $3/n$, here 2.9% (the "rule of three").

// ## When preprocessing sits outside the pipeline, the numbers change
//
// A **k-nearest-neighbours** classifier predicts the most common species among the $k$ training
// birds closest to $x$ in Euclidean distance,
//
// $$\hat y(x) = \operatorname{mode}\{\, y_i : i \in N_k(x) \,\}, \qquad \lVert x - x_i \rVert^2 = \sum_j (x_j - x_{ij})^2 ,$$
//
// and every column enters the sum in its own unit: body mass in grams (around 4,000, spread about
// 800), beak depth in millimetres (spread about 2). Here is the whole model, as an estimator the pipeline can hold: fitting only
// stores the rows.

ModelPipeline<string> KnnPipeline(bool scale) =>
    new Pipeline(("preprocess", Preprocess(scale))).Then("knn", new KNearest(5));

// Exercise 3: your prediction, "higher", "lower" or "same"
// Without the scaler, will 5-NN's 5-fold cross-validated accuracy be higher, lower or the same?
string? prediction3 = null;

double knnScaled = CrossValidation.Score(KnnPipeline(true), train, yTrain, stratified).Average();
double knnRaw = CrossValidation.Score(KnnPipeline(false), train, yTrain, stratified).Average();
string outcome3 = Math.Abs(knnScaled - knnRaw) < 0.005 ? "same"
    : knnRaw > knnScaled ? "higher" : "lower";
Exercise.Predict("3", prediction3, outcome3, measured: $"5-NN, 5-fold CV on the training birds: "
    + $"scaled {knnScaled:P1}, unscaled {knnRaw:P1}");

Console.WriteLine($"5-NN, 5-fold CV: scaled {knnScaled:P1}, unscaled {knnRaw:P1}, "
    + $"a difference of {100 * (knnScaled - knnRaw):F1} points");
Claims.Check(knnScaled - knnRaw > 0.05,
    "scaling raises 5-NN's cross-validated accuracy by over 5 points");

// Scaled, 5-NN reaches 99.2% in cross-validation; unscaled, 77.5%, 21.7 points less. Without
// scaling, a 1 mm difference in beak depth counts as much as 1 g of body mass: body mass
// (standard deviation around 800 g) decides nearly every distance, and beak
// depth (around 2 mm) adds almost nothing; but body mass alone cannot tell Adelie from Chinstrap
// penguins, which weigh about the same, so the neighbours are often of the wrong species. After
// scaling, every column has unit spread and all four measurements get a vote.
//
// ### The same slip, made before cross-validation
//
// A common way to leak: standardise the training table once, then cross-validate only the model.
// Each validation fold then contributed to the mean and deviation used to scale it. To make the
// effect easier to see we use 1-NN (one neighbour), which is the most sensitive to small shifts.

// The slip: standardise with ALL training rows' statistics, then cross-validate the model alone.
var allScaled = Pipeline
    .MakePipeline(new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
    .Fit(train.Select(numeric)).Transform(train.Select(numeric));
var xLeaky = allScaled.ToMatrix([.. allScaled.ColumnNames]);                       // (240, 4)
var xRaw = Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median))
    .Fit(train.Select(numeric)).Transform(train.Select(numeric));
double[] leaky = CrossValidation.Score(new KNearest(1), xLeaky, yTrain, stratified);
var scaleThenKnn = new Pipeline(("scale", Pipeline.MakePipeline(new StandardScaler())))
    .Then("knn", new KNearest(1));
double[] honest = CrossValidation.Score(scaleThenKnn, xRaw, yTrain, stratified);
string Percents(double[] s) => string.Join(", ", s.Select(v => $"{v:P1}"));
Console.WriteLine("1-NN fold scores, scaler fitted before CV: " + Percents(leaky));
Console.WriteLine("1-NN fold scores, scaler inside each fold: " + Percents(honest));
Console.WriteLine($"means: before CV {leaky.Average():P2}, inside each fold {honest.Average():P2}");
Claims.Check(leaky.Zip(honest).Any(p => p.First != p.Second),
    "fitting the scaler on all training rows changes at least one fold's score");

// The two runs differ in fold 1: 97.9% with the leaky scaler against 95.8% in the pipeline — one
// of 48 birds changes its nearest neighbour, because the scaler's mean and deviation moved a
// little when the validation fold was included. The means differ by one bird in 240 (96.67% against
// 96.25%). One bird on one split proves nothing: the leak could as well have gone the other way.
// To measure it, repeat the comparison on 20 other fold assignments (shuffled stratified folds) and
// look at the mean of the paired differences and its standard error.

(double Mean, double Se) MeanSe(double[] v) =>        // mean and its standard error, sd / √n
    (v.Average(), Math.Sqrt(v.Sum(g => Math.Pow(g - v.Average(), 2)) / (v.Length - 1) / v.Length));
double[] scalerGaps = Enumerable.Range(1, 20).Select(seed =>
{
    var shuffled = new StratifiedKFold(5, shuffle: true, seed: seed);
    return CrossValidation.Score(new KNearest(1), xLeaky, yTrain, shuffled).Average()
        - CrossValidation.Score(scaleThenKnn, xRaw, yTrain, shuffled).Average();
}).ToArray();
var scalerLeak = MeanSe(scalerGaps);
Console.WriteLine($"scaler before CV minus scaler inside the folds, 20 fold assignments: "
    + $"{100 * scalerLeak.Mean:F2} ± {100 * scalerLeak.Se:F2} points (mean ± s.e.); "
    + $"higher {scalerGaps.Count(g => g > 0)}, lower {scalerGaps.Count(g => g < 0)}, "
    + $"equal {scalerGaps.Count(g => g == 0)}");

// Over 20 fold assignments the leaky scaler scores 0.04 ± 0.03 points higher (mean ± standard
// error): it is ahead on 2 assignments, behind on none, and equal on the other 18. It leans one way,
// as leaks do, but by about a tenth of one bird in 240. That is
// what a scaler's leak usually is: a mean and a deviation over 240 birds barely move when 48 of them
// are left out.
//
// ### A leak that matters: choosing features with the labels
//
// Preprocessing that looks at the *labels* leaks the answer itself. The classic slip: keep the
// columns most correlated with the label, computed on all rows, then cross-validate only the model.
// To see it with nothing to find, make 20 data sets of pure noise — 50 rows, 1,000 random columns,
// labels from coin flips, so no model can beat 50% on new rows — and cross-validate 1-NN on the 10
// "best" columns, chosen once on all rows or afresh inside each fold.

// 50 rows, 1,000 columns of noise, labels from coin flips: nothing can beat 50 % on new rows.
// Keep the 10 columns most correlated with the label, then 1-NN, 5-fold CV.
int[] TopColumns(double[][] xs, int[] ys, IReadOnlyList<int> rows, int keep) =>
    Enumerable.Range(0, xs[0].Length).OrderByDescending(j => Math.Abs(
        MathNet.Numerics.Statistics.Correlation.Pearson(
            rows.Select(i => xs[i][j]), rows.Select(i => (double)ys[i])))).Take(keep).ToArray();
double NoiseCv(int seed, bool selectInsideFolds)
{
    var rng = new Random(seed);
    double[][] xs = Enumerable.Range(0, 50)
        .Select(_ => Enumerable.Range(0, 1000).Select(_ => rng.NextDouble()).ToArray()).ToArray();
    int[] ys = Enumerable.Range(0, 50).Select(_ => rng.Next(2)).ToArray();    // (50,) coin flips
    int[] onAllRows = TopColumns(xs, ys, Enumerable.Range(0, 50).ToArray(), 10);   // the slip
    return new KFold(5).Split(50).Average(f =>
    {
        int[] cols = selectInsideFolds ? TopColumns(xs, ys, f.Train, 10) : onAllRows;
        double Distance(int a, int b) => cols.Sum(j => Math.Pow(xs[a][j] - xs[b][j], 2));
        return f.Test.Average(i => ys[f.Train.MinBy(t => Distance(i, t))] == ys[i] ? 1.0 : 0.0);
    });
}
double[] selectedOnAll = Enumerable.Range(1, 20).Select(s => NoiseCv(s, false)).ToArray();
double[] selectedInFolds = Enumerable.Range(1, 20).Select(s => NoiseCv(s, true)).ToArray();
var (leakyMean, leakySe) = MeanSe(selectedOnAll);
var (honestMean, honestSe) = MeanSe(selectedInFolds);
var labelLeak = MeanSe(selectedOnAll.Zip(selectedInFolds, (a, b) => a - b).ToArray());
Console.WriteLine($"noise, 20 data sets, CV accuracy: columns chosen on all rows {leakyMean:P1} "
    + $"± {100 * leakySe:F1}; chosen inside each fold {honestMean:P1} ± {100 * honestSe:F1}");
Console.WriteLine($"the leak: {100 * labelLeak.Mean:F1} ± {100 * labelLeak.Se:F1} points");
Claims.Check(labelLeak.Mean > 0.2 && labelLeak.Mean > 5 * labelLeak.Se,
    "choosing columns on all rows inflates CV accuracy by over 20 points, over 5 standard errors");
Claims.Check(Math.Abs(honestMean - 0.5) < 3 * honestSe,
    "chosen inside each fold, CV accuracy on noise is 50 % within three standard errors");

// With the columns chosen on all rows, cross-validation reports 79.3% ± 1.0 on coin flips (mean ± standard
// error over the 20 data sets); chosen inside each fold, 49.5% ± 2.4, chance, as it must be. The leak is 29.8 ± 2.4 points, more than ten
// standard errors: among 1,000 noise columns some correlate with the labels of these 50 rows by
// luck, and choosing them with all rows' labels lets every validation fold vote for columns that fit
// its own labels. The cure is the same in every case: put the step in the pipeline and
// cross-validate the pipeline, so each fold refits it on its own training rows.

// ## Summary
//
// * A `Pipeline` is a list of (name, step) tuples; `Pipeline.MakePipeline` names steps after their
//   types; a `ColumnTransformer` routes numeric and categorical columns to their own sub-pipelines.
// * Fit once on the training rows; the fitted pipeline transforms, predicts and scores any new
//   table with the training rows' state.
// * Choose settings by cross-validation on the training rows (`StratifiedKFold` for classes,
//   `PipelineGridSearch` to search), refit the best on all training rows, and open the test set once.
// * Cross-validate the *pipeline*, not the model alone: preprocessing fitted outside the folds has
//   seen the rows it is scored on. A scaler's leak is tiny; a step that looks at the labels (feature
//   selection) can turn coin flips into an apparently good model.
// * Trees do not need scaling (they compare values with thresholds); distance- and weight-based
//   models (k-NN, linear models, neural networks, PCA) do.
// * When not to bother: with a huge data set one validation split is enough and K-fold costs $K$
//   times the fitting; for time series, folds must respect time order (train on the past, validate
//   on the future), which plain K-fold does not.
//
// ## Exercises
//
// 1. Predict: does dropping the scaler change the tree's predictions?
// 2. Write the cross-validation loop (checked against `PipelineGridSearch`, on a decoy subset too).
// 3. Predict what dropping the scaler does to k-nearest neighbours.

// Types declared in the notebook's cells (C# puts them after the statements).

sealed class MedianFill : ITableTransformer          // our own step: Fit learns, Transform applies
{
    public IFittedTableTransformer Fit(Table x) =>
        new Fitted(x.Columns.ToDictionary(c => c.Name, c => Median(x.Numbers(c.Name))));

    static double Median(double?[] column)             // NumPy's median of the values present
    {
        double[] v = column.OfType<double>().Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    sealed class Fitted(Dictionary<string, double> medians) : IFittedTableTransformer
    {
        public Table Transform(Table x) => x.Columns.Aggregate(x, (t, c) => t.With(
            new TableColumn(c.Name, ColumnKind.Number,
                t.Numbers(c.Name).Select(v => (object?)(v ?? medians[c.Name])).ToArray())));
    }
}

sealed class KNearest(int k) : IEstimator<string>
{
    public IPredictor<string> Fit(Matrix<double> x, IReadOnlyList<string> y) =>
        new Fitted(k, x, y.ToArray());

    sealed class Fitted(int k, Matrix<double> xs, string[] ys) : IPredictor<string>
    {
        public string[] Predict(Matrix<double> x) => Enumerable.Range(0, x.RowCount).Select(r =>
            Enumerable.Range(0, xs.RowCount)
                .OrderBy(i => (xs.Row(i) - x.Row(r)).L2Norm()).ThenBy(i => i)   // nearest first
                .Take(k).GroupBy(i => ys[i])
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Min()).First().Key).ToArray();

        public double Score(Matrix<double> x, IReadOnlyList<string> y) =>
            Scoring.Accuracy(y, Predict(x));
    }
}
