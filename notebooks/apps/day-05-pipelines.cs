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
// > scikit-learn's **Pipeline** chains steps: each step's output feeds the next, and it is built
// > from a **list of tuples** (name, transformer). **make_pipeline** names the steps for you.
// > A **ColumnTransformer** applies different transformers to different columns. The last step is
// > a model — here a **decision tree** — with a **scoring function**.
// > — the course notes, "Pipelines"
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
var penguins = JsonTable.Read(DatasetDirectory.PathOf("penguins.json"));
// One bird's sex is "." in the source, its marker for unknown: make it a real missing value.
penguins = penguins.With(new TableColumn("Sex", ColumnKind.Text,
    penguins.Texts("Sex").Select(s => s == "." ? null : s).ToArray()));
foreach (var c in penguins.Columns) Console.WriteLine($"{c.Name,-22} {c.Kind,-8} missing {c.MissingCount}");
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
    && !order.Take(cut).Intersect(order.Skip(cut)).Any(), "train and test split the birds without overlap");

// ## The pipeline: impute → encode / scale → tree
//
// Numeric columns get the median of the training rows for a missing value, then are standardised,
// $z = (x - \mu)/\sigma$ with $\mu, \sigma$ from the training rows; the text columns get the most
// frequent value, then one 0/1 column per category. The function builds the whole pipeline for a
// given depth, so later every fold and every depth can get a fresh, unfitted copy.

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

// The tree sees 9 columns: 4 standardised measurements, 3 island indicators and 2 sex
// indicators. The table above is the *test* rows transformed with the training rows' medians,
// means and deviations — no statistic of the test set went into it.
//
// ## Does a tree need scaled features?
//
// No. A tree only ever asks "is $x_j \le t$?". Standardising is a strictly increasing map
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

// Exercise 1: your prediction, "yes" or "no"
// Will dropping the StandardScaler change any of the depth-3 tree's 104 test predictions?
string? prediction1 = null;

var unscaled = TreePipeline(3, scale: false).Fit(train, yTrain);
var withScaler = fitted.Predict(test);
var withoutScaler = unscaled.Predict(test);
int changed = withScaler.Zip(withoutScaler).Count(p => p.First != p.Second);
Console.WriteLine($"test predictions that differ: {changed} of {test.RowCount}");
Claims.Check(changed == 0, "the tree predicts every test bird the same with or without scaling");
Exercise.Predict("1", prediction1, changed > 0 ? "yes" : "no",
    "scaling keeps the order of every column, and a tree only compares values with thresholds.");

// Zero of 104 predictions differ (the comparison uses the test birds' features, not their
// labels, so it leaks nothing). The check could have failed: had the tree broken ties between
// equally good splits differently, or had the imputer run after the scaler, the trees could differ.
// We keep the scaler in the pipeline only because the next model, k-nearest neighbours, needs it.
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
}, hint: "for each depth, for each fold f: TreePipeline(depth)"
       + ".Fit(rows.Rows(f.Train), those labels).Score(rows.Rows(f.Test), those labels);"
       + " average the K scores.");

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
var x = depths.Select(d => (double)d).ToArray();
Display.Show(Charts.Lines("Accuracy against the tree's maximum depth (240 training birds)",
    "max depth", "accuracy",
    new Series("training rows (fit and scored)", x, trainAcc),
    new Series("5-fold cross-validation", x, search.MeanScores) { Errors = search.StdScores }));

// Training accuracy climbs from 82.1% at depth 1 to 100% at depth 6: a deep enough tree can
// memorise every training bird, so this curve always rises and cannot choose anything. The
// cross-validated accuracy rises from 80.4% (a stump asks one question, so it can separate only two
// of the three species) to 96.7% at depth 4, and stays there at depths 5 and 6: the extra splits
// fit single birds, which helps the training score and not the held-out folds. Depths 4, 5 and 6
// tie, and the tie goes to the first in the grid, the shallowest tree.
//
// Read the ± too: it is the spread of the five fold scores, and one bird of a 48-bird fold is
// 2.1 points. The differences between depths 2, 3 and 4 (94.2%, 95.0%, 96.7%) are about one such
// standard deviation, a bird or so per fold; a cautious engineer might prefer depth 2 or 3 for a
// simpler tree (the "one-standard-error rule"). What we must not do is look at the test set to
// break the tie.
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
Claims.Check(testScore > baseline + 0.3,
    "the chosen tree beats the majority-class baseline by 30 points");
Claims.Check(Math.Abs(testScore - search.BestScore) < 3 * se + 0.02,
    "the test accuracy agrees with the cross-validated estimate within three standard errors");

// 100% of the 104 test birds are classified correctly, against 38.5% for always answering
// "Adelie", the commonest species. The cross-validated estimate was 96.7%; if that is the true
// accuracy, a 104-bird test set has a standard error of about 1.8 points, so 100% is within two
// standard errors — a fortunate draw, not a contradiction. Two further remarks. First, this number
// is an honest estimate only because it is the first and last time we looked: had we swept the
// depths on the test set, as this notebook used to, several depths would have reached 100% and we
// would have reported the maximum of several noisy scores. Second, an accuracy of 100% on 104 birds
// does not mean the model is perfect: with zero errors in $n$ trials, a rough 95% upper bound on
// the error rate is $3/n \approx 2.9\%$ (the "rule of three").

// ## When preprocessing sits outside the pipeline, the numbers change
//
// A tree shrugs off scaling; a **k-nearest-neighbours** classifier does not. It predicts the most
// common species among the $k$ training birds closest to $x$ in Euclidean distance,
//
// $$\hat y(x) = \operatorname{mode}\{\, y_i : i \in N_k(x) \,\}, \qquad \lVert x - x_i \rVert^2 = \sum_j (x_j - x_{ij})^2 ,$$
//
// so a column measured in grams (body mass, around 4,000, spread about 800) swamps columns measured
// in millimetres (beak depth, spread about 2): a 1 mm difference in beak depth counts as much as
// 1 g of body mass. Here is the whole model, as an estimator the pipeline can hold: fitting only
// stores the rows.

ModelPipeline<string> KnnPipeline(bool scale) =>
    new Pipeline(("preprocess", Preprocess(scale))).Then("knn", new KNearest(5));

// Exercise 3: your prediction, "higher", "lower" or "same"
// Without the scaler, will 5-NN's 5-fold cross-validated accuracy be higher, lower or the same?
string? prediction3 = null;

double knnScaled = CrossValidation.Score(KnnPipeline(true), train, yTrain, stratified).Average();
double knnRaw = CrossValidation.Score(KnnPipeline(false), train, yTrain, stratified).Average();
Console.WriteLine($"5-NN, 5-fold CV on the training birds: scaled {knnScaled:P1},"
    + $" unscaled {knnRaw:P1}");
string outcome3 = Math.Abs(knnScaled - knnRaw) < 0.005 ? "same"
    : knnRaw > knnScaled ? "higher" : "lower";
Claims.Check(knnScaled - knnRaw > 0.05,
    "scaling raises 5-NN's cross-validated accuracy by over 5 points");
Exercise.Predict("3", prediction3, outcome3,
    "unscaled, body mass in grams decides almost every distance; beak sizes barely count.");

// Scaled, 5-NN reaches 99.2% in cross-validation; unscaled, 77.5%, 21.7 points less. Without
// scaling, body mass (standard deviation around 800 g) decides nearly every distance, and beak
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
// little when the validation fold was included. The estimate moves from 96.25% to 96.67%, upwards,
// as leakage tends to. Here the effect is one bird, because a mean over 240 birds is close to a
// mean over 192. It is not always so small: preprocessing that looks at the *labels* (keeping the
// features most correlated with the target, or replacing a category by its mean target) leaks the
// answer itself, and on small data with many features it can turn a useless model into an
// apparently excellent one. The cure is the same in every case: put the step in the pipeline and
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
//   seen the rows it is scored on.
// * Trees do not need scaling (they compare values with thresholds); distance- and weight-based
//   models (k-NN, linear models, neural networks, PCA) do.
// * When not to bother: with a huge data set one validation split is enough and K-fold costs $K$
//   times the fitting; for time series, folds must respect time order (train on the past, validate
//   on the future), which plain K-fold does not.
//
// ## Exercises
//
// 1. Predict whether removing the scaler changes the tree's predictions (above, before the run).
// 2. Write the cross-validation loop; it is checked against `PipelineGridSearch` on the training
//    rows and on a decoy subset.
// 3. Predict what dropping the scaler does to k-nearest neighbours.

// Types declared in the notebook's cells (C# puts them after the statements).

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
