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

// # Day 4 — One-hot encoding
//
// A linear model multiplies each input by a weight; a neural network does the same in every unit.
// Both need **numbers**, and much of the world's data is **categories**: a car's region of origin, a
// word, a day of the week, a product's colour. Turning categories into numbers looks trivial — number
// them 0, 1, 2 — and that is exactly the mistake this day is about: the numbering tells the model
// things that are not true. The fix, one-hot encoding, is the first of many *representations* in
// this course; day 12's word embeddings start from it.
//
// > Categorical data: **Ordinal**, **Nominal**. One hot encoding: "if there are many categories in
// > the data how to convert that to numbers". (1, 0, 0) yellow, (0, 1, 0) blue, (0, 0, 1) Red.
// > **multicollinearity**: "Can't let input vector to have multiplicative relation";
// > n categories → (n-1) columns.
// > — the course notes, "One hot Encoding" (as written)
//
// Ordinal data have an order (small < medium < large), nominal data do not (red, blue). The notes'
// "multiplicative relation" should read **linear** relation: multicollinearity means that one input
// column is a linear combination of others — below, the dummies add up to the intercept's column of
// ones — not that one is a product of others. The notes' rule "$n \to n-1$" is right for a model with an intercept fitted by plain least squares,
// and unnecessary for many others (regularised models, trees, neural networks); we derive why.
//
// Library types used here: `JsonTable`, `Table`, `Dummies`, `OneHotEncoder`, `OrdinalEncoder`;
// notebook helpers `Charts`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(4);   // this day's exercise hints, kept off the page until you try
var cars = JsonTable.Read(DatasetDirectory.PathOf("cars.json"),
    dtypes: new Dictionary<string, ColumnKind> { ["Origin"] = ColumnKind.Category });
var origins = cars["Origin"].Categories;
Console.WriteLine($"{cars.RowCount} cars; origins: {string.Join(", ", origins)}");

// ## What goes wrong with integer codes
//
// The 406 cars come from three regions. Number them in alphabetical order, Europe = 0, Japan = 1,
// USA = 2, and fit fuel economy (miles per gallon) as a straight line in that code,
// $\widehat{\text{mpg}} = \theta_0 + \theta_1 \cdot \text{code}$. The line forces two things the data
// never said: Japan must lie exactly halfway between Europe and the USA, and the step from Japan to the
// USA must equal the step from Europe to Japan. Compare with each region's actual mean:

var withMpg = cars.Where(i => cars.Numbers("Miles_per_Gallon")[i] is not null);
var mpg = Vector<double>.Build.DenseOfEnumerable(
    withMpg.Numbers("Miles_per_Gallon").Select(v => v!.Value));
string?[] origin = withMpg.Texts("Origin");
double MeanMpg(string o) =>
    Enumerable.Range(0, mpg.Count).Where(i => origin[i] == o).Average(i => mpg[i]);

var code = Vector<double>.Build.DenseOfEnumerable(
    origin.Select(o => (double)origins.ToList().IndexOf(o!)));
var line = Matrix<double>.Build
    .DenseOfColumnVectors(Vector<double>.Build.Dense(mpg.Count, 1.0), code)
    .QR().Solve(mpg);                                                  // (θ0, θ1)
foreach (var (o, k) in origins.Select((o, k) => (o, k)))
{
    double straight = line[0] + line[1] * k;
    Console.WriteLine($"{o,-7} code {k}: actual mean {MeanMpg(o):F2} mpg, "
        + $"straight line {straight:F2} mpg");
}
double[] codes012 = { 0, 1, 2 };
Display.Show(Charts.Lines("Fuel economy against the integer code: the line cannot follow the means",
    "code (Europe = 0, Japan = 1, USA = 2)", "miles per gallon",
    new Series("each region's mean", codes012, origins.Select(o => MeanMpg(o)).ToArray()),
    new Series("least-squares line in the code", codes012,
        codes012.Select(k => line[0] + line[1] * k).ToArray())));

// The means go up from Europe to Japan and then steeply down to the USA; the line can only go one
// way. It misses every region. Japanese cars average the most miles per gallon, but the code puts
// Japan in the middle, so the straight line cannot give it the highest value; the fit compromises,
// misses Japan by almost 5 mpg and Europe by almost 3, and even gets the order of Europe and Japan
// backwards. Reorder the codes and the predictions change,
// although the data did not: the model has learned the arbitrary numbering.
//
// ## One-hot: a column per category
//
// One-hot encoding gives each category $k$ of $n$ its own column: category $k$ becomes the unit vector
// $\mathbf{e}_k \in \{0, 1\}^n$, with a 1 in place $k$ and 0 elsewhere. Two properties make it the
// neutral choice for nominal data:
//
// * **No order.** No category's vector is "between" two others.
// * **Equal distances.** $\lVert\mathbf{e}_j - \mathbf{e}_k\rVert = \sqrt{2}$ for every $j \ne k$:
//   every pair of categories is equally different.
//
// A linear model on the one-hot columns gets one weight per category,
// $\widehat{\text{mpg}} = \sum_k w_k d_k$, and the least-squares weights are the category means: with
// one 1 per row, the loss splits into one sum per category,
// $\sum_k \sum_{i \in k} (y_i - w_k)^2$, and each is minimised by the mean of its own rows. pandas
// makes the columns with `get_dummies`:

var dummies = Dummies.GetDummies(cars.Select("Name", "Origin"), new[] { "Origin" });
Claims.Check(Enumerable.Range(0, dummies.RowCount).All(i =>
    dummies.Numbers("Origin_Europe")[i] + dummies.Numbers("Origin_Japan")[i]
        + dummies.Numbers("Origin_USA")[i] == 1),
    "every row has exactly one 1");
Display.Show(dummies);

// Each row has exactly one 1, in its origin's column. Fitted on these three columns (and no
// intercept), least squares gives back the three means exactly — the straight line's errors are gone:

// (398, 3)
var oneHotMpg = new OneHotEncoder().Fit(withMpg.TextRows("Origin"))
    .Transform(withMpg.TextRows("Origin"));
var w = oneHotMpg.QR().Solve(mpg);
foreach (var (o, k) in origins.Select((o, k) => (o, k)))
    Claims.Close(w[k], MeanMpg(o), 1e-9, $"the one-hot weight of {o} is its mean MPG");
Display.Show(Charts.Bars("Mean fuel economy by origin: the one-hot model's three weights", "origin",
    "miles per gallon",
    origins, w.ToArray()));

// Japanese cars in this 1970s–80s data set average about 30 mpg, European ones 28 and American ones
// 20: the American fleet was heavier, with more cylinders. The order Japan > Europe > USA is what the
// integer code could not express.
//
// ## `GetDummies` against `OneHotEncoder`: learn on train, reuse on test
//
// `get_dummies` learns nothing: it makes one column per category it *sees*. Applied to a test set
// that happens to lack a category, it produces **different columns**, and a model trained on the first
// layout cannot read the second:

var notEurope = cars.Where(i => cars.Texts("Origin")[i] != "Europe");
var testDummies = Dummies.GetDummies(notEurope.Select("Origin"), new[] { "Origin" });
Console.WriteLine("columns on a test set without European cars: "
    + string.Join(", ", testDummies.ColumnNames));

// Two columns instead of three — and a model that expects `Origin_Japan` in the second column now reads
// `Origin_USA` there, silently. scikit-learn's `OneHotEncoder` (and the library's) is **fitted** on the
// training rows: it stores the categories it saw, and every later table gets the same columns in the
// same order. A category it never saw is an error that names it, or, with `OneHotUnknown.Ignore`
// (`handle_unknown='ignore'`), a row of zeros — a deliberate choice rather than an accident.

var order = Enumerable.Range(0, cars.RowCount).OrderBy(_ => random.System.Next()).ToArray();
var train = cars.Rows(order.Take(300));
var encoder = new OneHotEncoder().Fit(train.TextRows("Origin"), new[] { "Origin" });
var encodedTest = encoder.Transform(notEurope.TextRows("Origin"));
Console.WriteLine("fitted encoder on the same test set: "
    + $"{string.Join(", ", encoder.FeatureNamesOut)} "
    + $"({encodedTest.ColumnCount} columns)");
try
{
    encoder.Transform(new[] { new string?[] { "Africa" } });
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message);
}
var lenient = new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore).Fit(train.TextRows("Origin"));
var africa = lenient.Transform(new[] { new string?[] { "Africa" } }).Row(0);
Console.WriteLine($"with Ignore, 'Africa' → ({string.Join(", ", africa)})");

// The same rule will come back on day 5 in general form: anything learned from data — categories,
// means, scales — is learned on the training rows only and then *applied* to the rest.
//
// ## The dummy-variable trap, derived and measured
//
// Most linear models also have an intercept $\theta_0$, a column of ones in the design matrix
// $X = [\mathbf{1}\;\, d_1 \cdots d_n]$. The dummies of one feature always sum to one,
// $\sum_{k=1}^{n} d_{ik} = 1$ for every row $i$, so
//
// $$ \mathbf{1} - \sum_{k=1}^{n} \mathbf{d}_k = \mathbf{0}: $$
//
// a non-zero combination of $X$'s columns is zero, the columns are linearly dependent, and $X$ has rank
// $n$ instead of $n + 1$. So $X^\top X$ is **singular**: the normal equations
// $X^\top X\,\boldsymbol\theta = X^\top\mathbf{y}$ have no unique solution, and an algorithm that
// inverts $X^\top X$ fails or returns huge numbers.
// Dropping one category — the *baseline* — removes the dependency. Measured on the cars:

Matrix<double> Design(OneHotDrop drop)
{
    var onehot = new OneHotEncoder(drop).Fit(withMpg.TextRows("Origin"))
        .Transform(withMpg.TextRows("Origin"));
    return Matrix<double>.Build.Dense(onehot.RowCount, 1, 1.0).Append(onehot);   // [1 | D]
}
var full = Design(OneHotDrop.None);      // (398, 4)
var dropped = Design(OneHotDrop.First);  // (398, 3)
Console.WriteLine($"all dummies: {full.ColumnCount} columns, rank {full.Rank()}, "
    + $"condition number of XᵀX {full.TransposeThisAndMultiply(full).ConditionNumber():E1}");
Console.WriteLine($"drop first:  {dropped.ColumnCount} columns, rank {dropped.Rank()}, "
    + $"condition number of XᵀX {dropped.TransposeThisAndMultiply(dropped).ConditionNumber():F1}");

// Four columns of rank 3: the condition number of $X^\top X$ is around $10^{16}$ or more — singular in
// double precision, so any "solution" is rounding noise. With Europe dropped, three columns of rank 3
// and a modest condition number. The coefficients now mean something: the intercept is the baseline's
// (Europe's) mean, and each other coefficient is that region's *difference* from Europe.

var theta = dropped.QR().Solve(mpg);   // (intercept, Japan − Europe, USA − Europe)
Console.WriteLine($"intercept {theta[0]:F2} (Europe's mean {MeanMpg("Europe"):F2}); "
    + $"Japan {theta[1]:+0.00;-0.00}, USA {theta[2]:+0.00;-0.00} relative to Europe");
Claims.Close(theta[1], MeanMpg("Japan") - MeanMpg("Europe"), 1e-9,
    "Japan's coefficient is its difference from Europe");

// ### Exercise 1 — predict: shifting the coefficients
//
// What does "no unique solution" mean for the coefficients? Take the trapped design matrix `full`
// (intercept and all three dummies) and the fit `theta` above, extended with a zero for Europe. Add 10
// to the intercept and subtract 10 from each of the three dummy coefficients,
// $\boldsymbol\theta' = (\theta_0 + 10,\; -10,\; \theta_1 - 10,\; \theta_2 - 10)$. By how many mpg
// does the largest prediction change? Write a number.

// Exercise 1: your prediction, the largest change in mpg
double? prediction1 = null;

var thetaFull = Vector<double>.Build.DenseOfArray(new[] { theta[0], 0, theta[1], theta[2] });
var shifted = thetaFull + Vector<double>.Build.DenseOfArray(new[] { 10.0, -10, -10, -10 });
double largestChange = (full * shifted - full * thetaFull).AbsoluteMaximum();
Exercise.Predict("1", prediction1, largestChange, tolerance: 1e-6,
    measured: $"largest change in any prediction: {largestChange:E1} mpg");

// The predictions do not move, up to rounding: the **coefficients are not identifiable**. For any
// $c$, adding $c$ to the intercept and subtracting $c$ from every dummy's coefficient changes each
// prediction by $c - c\sum_k d_{ik} = 0$, because exactly one dummy is 1 in each row. Infinitely many
// coefficient vectors fit equally well, so no single one means anything; dropping a column removes
// that freedom, which is why the dropped model's coefficients above could be read as differences from
// Europe.

// **When to drop.** Drop a category when the model has an intercept and no regularisation and you want
// to read the coefficients (statistics, econometrics). Keep all $n$ columns for regularised linear
// models (the penalty picks one solution), for trees (which split on one column at a time), for neural
// networks, and whenever `handle_unknown='ignore'` must be able to encode an unseen category as all zeros
// (with a dropped column, all zeros already means "the baseline"). scikit-learn's default is `drop=None`
// for these reasons.
//
// ## Ordinal data: keep the order
//
// Cylinders are categories with an order, 3 < 4 < 5 < 6 < 8. One-hot would forget that 8 cylinders is
// "more" than 6; `OrdinalEncoder` with the order given maps them to 0 … 4 and keeps it. Whether the
// *spacing* is right is another matter — the code says 6 → 8 is the same step as 3 → 4 — so for a linear
// model it can pay to try both encodings; a tree only uses the order, so ordinal codes suit it well.

var cylinders = cars.Numbers("Cylinders")
    .Select(c => new string?[] { c!.Value.ToString() }).ToArray();
var ordinal = new OrdinalEncoder(new[] { new[] { "3", "4", "5", "6", "8" } }).Fit(cylinders);
var codes = ordinal.Transform(cylinders).Column(0);
var counts = cars.Numbers("Cylinders");
var pairs = Enumerable.Range(0, cars.RowCount)
    .SelectMany(i => Enumerable.Range(0, 40).Select(k => (i, k)));
Claims.Check(pairs.All(p => (counts[p.i] < counts[p.k]) == (codes[p.i] < codes[p.k])),
    "the codes keep the cylinders' order");
Console.WriteLine(string.Join(", ", new[] { "3", "4", "5", "6", "8" }.Select((c, k) =>
    $"{c} cylinders → {k} ({cylinders.Count(r => r[0] == c)} cars)")));

// Most cars have 4 cylinders, then 8 and 6; 3 and 5 cylinders are rare (4 and 3 cars). Rare categories
// are a problem of their own: a one-hot column with 3 ones teaches a model almost nothing and may be
// missing from the training split altogether.
//
// ## Many categories
//
// A feature with hundreds of values — the car's model name, a postcode, a word — makes hundreds of
// columns, most of them nearly all zeros. The manufacturer (the first word of the name) shows the
// usual shape: a few common values and a long tail.

var makers = cars.Texts("Name").Select(n => n!.Split(' ')[0]).ToArray();
var byMaker = makers.GroupBy(m => m).OrderByDescending(g => g.Count()).ToList();
int rareMakers = byMaker.Count(g => g.Count() < 10);
Console.WriteLine($"{byMaker.Count} manufacturers; "
    + $"the 5 largest make {byMaker.Take(5).Sum(g => g.Count())} of "
    + $"{cars.RowCount} cars; {rareMakers} make fewer than 10 cars each");
Display.Show(Charts.Bars("Cars per manufacturer", "manufacturer", "cars",
    byMaker.Select(g => g.Key).ToArray(), byMaker.Select(g => (double)g.Count()).ToArray()));

// Dozens of columns for one feature, and most manufacturers appear a handful of times. Part of that
// tail is not real. A rare name one or two letter edits away from a common one is probably a typo, and
// the **edit distance** (Levenshtein: the fewest single-letter insertions, deletions and substitutions
// that turn one word into the other) finds such pairs:

int EditDistance(string a, string b)
{
    var d = new int[a.Length + 1, b.Length + 1];   // d[i, j]: distance between a[..i] and b[..j]
    for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
    for (int j = 0; j <= b.Length; j++) d[0, j] = j;
    for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1),
                d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
    return d[a.Length, b.Length];
}
var makerCount = byMaker.ToDictionary(g => g.Key, g => g.Count());
var candidates = makerCount.Keys
    .Select(rare => (rare, common: makerCount.Keys.Where(m => makerCount[m] > makerCount[rare])
        .FirstOrDefault(m => EditDistance(rare, m) <= 2)))
    .Where(p => p.common is not null).ToList();
foreach (var (rare, common) in candidates)
    Console.WriteLine(
        $"candidate: {rare,-10} ({makerCount[rare]}) → {common} ({makerCount[common!]})");
string[] confirmed = { "maxda", "toyouta", "chevroelt", "vokswagen" };   // judged by a person
var fixes = candidates.Where(p => confirmed.Contains(p.rare))
    .ToDictionary(p => p.rare, p => p.common!);
Claims.Check(fixes.Count == confirmed.Length, "every confirmed typo was among the candidates");
foreach (var (alias, name) in new[] { ("chevy", "chevrolet"), ("vw", "volkswagen"),
                                      ("mercedes-benz", "mercedes") })
    fixes[alias] = name;                          // abbreviations: no small distance finds them
var cleaned = makers.Select(m => fixes.GetValueOrDefault(m, m)).ToArray();
Console.WriteLine(
    $"{byMaker.Count} manufacturers before cleaning, {cleaned.Distinct().Count()} after");

// The search proposes six pairs. Four are typos — *maxda*, *toyouta*, *chevroelt*, *vokswagen* — but
// *bmw* → *amc* and *hi* → *vw* are false alarms: between names of two or three letters, two edits
// change almost everything (*hi* is International Harvester). An edit distance makes a short list for
// a person to judge, not a decision. Abbreviations — *chevy*, *vw*, *mercedes-benz* beside
// *mercedes* — are far apart in letters and need a person anyway. Left in, each typo would be a
// one-hot column of its own with one or two cars, and the model would learn a separate weight for
// "maxda" from two examples; cleaned, the 38 manufacturers are 31 real ones.
//
// Three standard remedies:
// **group rare levels** into one "other" column (scikit-learn's `min_frequency`/`max_categories`),
// **hash** the categories into a fixed number of columns, or **learn a dense vector** per category — an
// embedding (day 12), which is one-hot followed by a matrix product: $\mathbf{e}_k^\top E$ is row $k$
// of $E$.
//
// ## One-hot labels: categories as targets
//
// Categories are also what a classifier *predicts*. Its output is one probability per class,
// $\mathbf{p} = (p_1, \dots, p_n)$, and the true class is written as a one-hot row $\mathbf{y}$. The
// cross-entropy loss $-\sum_k y_k \log p_k$ then has a single non-zero term, $-\log p_{\text{true}}$:
// the one-hot row only *selects* the probability of the right class. Three cars, with made-up
// predicted probabilities for (Europe, Japan, USA):

var probs = torch.tensor(new double[,]   // one row of (Europe, Japan, USA) probabilities per car
    { { 0.7, 0.2, 0.1 }, { 0.1, 0.6, 0.3 }, { 0.2, 0.2, 0.6 } });
var truth = torch.tensor(new long[] { 0, 2, 2 });                     // Europe, USA, USA
var labels = torch.nn.functional.one_hot(truth, 3).to(torch.float64);  // (3, 3) one-hot rows
var byHand = -(labels * probs.log()).sum(new long[] { 1 });           // −Σ_k y_k log p_k per car
var fromIndices = torch.nn.functional.nll_loss(probs.log(), truth,
    reduction: torch.nn.Reduction.None);                              // from the class indices
Console.WriteLine($"labels: {string.Join(" | ", Enumerable.Range(0, 3).Select(r =>
    string.Join(" ", labels[r].data<double>().ToArray())))}");
Console.WriteLine("loss per car: "
    + string.Join(", ", byHand.data<double>().ToArray().Select(v => v.ToString("F3"))));
Claims.Check(byHand.allclose(fromIndices, rtol: 0, atol: 1e-12),
    "cross-entropy with one-hot labels equals TorchSharp's loss on class indices");

// The three losses are $-\log 0.7$, $-\log 0.3$ and $-\log 0.6$: the second car's true class,
// USA, got only 0.3, so it costs the most. TorchSharp's loss takes the class *index* and gives the same
// numbers without ever building the one-hot rows — which is why classifiers usually store labels as
// integers, and the one-hot rows appear only in the derivation of the gradient.
//
// ## Summary
//
// * Nominal → one-hot; ordinal → ordered codes. Integer codes on nominal data invent an order and
//   equal spacing, and a linear model on them misfits (here by almost 5 mpg).
// * One-hot vectors are equidistant; a linear model on them learns one value per category (the mean).
// * Fit the encoder on training data and reuse its state; `get_dummies` on each set separately can give
//   different columns.
// * With an intercept and plain least squares, the $n$ dummies are collinear with the intercept
//   (they sum to 1): drop one. Otherwise keep all $n$.
// * Many categories: clean typos first (an edit distance proposes, a person decides), then group
//   rare ones, hash, or embed.
//
// ## Exercises
//
// ### Exercise 2 — one-hot by hand
//
// Write `OneHot(values, categories)`: a matrix with one row per value and one column per category,
// holding 1 where the value equals that column's category and 0 elsewhere. The check compares with
// `OneHotEncoder` on fresh random values.

// Exercise 2: one-hot encode a column
Matrix<double> OneHot(string[] values, string[] categories)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("2", () =>
{
    var rng = new Random(8);
    // sorted, as the encoder sorts
    string[] categories = { "blue", "green", "red", "yellow" };
    string[] values = Enumerable.Range(0, 30).Select(_ => categories[rng.Next(4)]).ToArray();
    values[0] = "blue"; values[1] = "green"; values[2] = "red"; values[3] = "yellow";   // all seen
    var reference = new OneHotEncoder().Fit(values.Select(v => new string?[] { v }).ToArray())
        .Transform(values.Select(v => new string?[] { v }).ToArray());
    return Exercise.Compare("your one-hot matrix", OneHot(values, categories), reference, 0);
});

// ### Exercise 3 — predict: the integer code in another order
//
// The straight line above used Europe = 0, Japan = 1, USA = 2. Suppose the codes were Europe = 0,
// USA = 1, Japan = 2 instead. Will the straight line's mean absolute error over the three regions'
// means get **better** or **worse**? Think about where Japan and the USA now sit on the line.

// Exercise 3: your prediction, "better" or "worse"
string? prediction3 = null;

double LineError(string[] codeOrder)
{
    var x = Vector<double>.Build.DenseOfEnumerable(
        origin.Select(o => (double)Array.IndexOf(codeOrder, o)));
    var fit = Matrix<double>.Build
        .DenseOfColumnVectors(Vector<double>.Build.Dense(mpg.Count, 1.0), x).QR().Solve(mpg);
    return codeOrder.Select((o, k) => Math.Abs(fit[0] + fit[1] * k - MeanMpg(o))).Average();
}
double alphabetical = LineError(new[] { "Europe", "Japan", "USA" });
double reordered = LineError(new[] { "Europe", "USA", "Japan" });
Exercise.Predict("3", prediction3, reordered < alphabetical ? "better" : "worse",
    measured: $"mean error of the line: Europe, Japan, USA {alphabetical:F2} mpg; "
        + $"Europe, USA, Japan {reordered:F2} mpg");

// ### Exercise 4 — predict: how many columns?
//
// `new OneHotEncoder(OneHotDrop.First)` is fitted on two features together: Origin (3 categories) and
// Cylinders (5 categories). How many output columns does it make?

// Exercise 4: your prediction, a whole number
double? prediction4 = null;

var both = cars.Numbers("Cylinders")
    .Select((c, i) => new string?[] { cars.Texts("Origin")[i], c!.Value.ToString() })
    .ToArray();
var bothEncoder = new OneHotEncoder(OneHotDrop.First).Fit(both, new[] { "Origin", "Cylinders" });
Exercise.Predict("4", prediction4, bothEncoder.FeatureNamesOut.Count, tolerance: 0.5,
    measured: string.Join(", ", bothEncoder.FeatureNamesOut));

// Each feature loses its own first category, because each feature's dummies sum to 1 by themselves
// and each set alone would be collinear with the intercept: with $F$ one-hot features of $n_f$
// categories, `drop='first'` keeps $\sum_f (n_f - 1)$ columns.
