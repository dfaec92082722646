// day-01-batch-vs-online-learning.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-01-batch-vs-online-learning.cs
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

// # Day 1 — Batch vs online learning
//
// A spam filter, a shop's recommendations and a weather service all learn from data that never stops
// arriving. Two questions decide how such a system is built: does the model learn **once**, from data
// stored beforehand, or **continuously**, from each new example as it comes? And what happens to a
// model when the world it was trained on changes? This first day answers both on four years of real
// weather, and introduces the two ideas every later day relies on: a model fitted by **gradient
// descent** on a **loss**, and an **honest error** measured on data the model has not learned from.
//
// > *Batch*: only stored data is known; the model is trained on all of it at once, and to learn
// > from new data it is trained again from scratch.
// > *Online*: new data is trained on in real time; performance improves dynamically as data arrives.
// > — the course notes, "Batch vs Online ML"
//
// Both learners below fit the same linear model $\hat y = \mathbf{x}\cdot\mathbf{w} + b$ by minimising
// the mean squared error over the $m$ examples they know,
//
// $$L(\mathbf{w}, b) = \frac{1}{m}\sum_{i=1}^{m}\left(\mathbf{x}_i\cdot\mathbf{w} + b - y_i\right)^2 .$$
//
// Gradient descent repeats one move: step against the gradient, $\boldsymbol\theta \leftarrow \boldsymbol\theta - \eta\,\nabla L(\boldsymbol\theta)$, with a **learning rate** $\eta$. The two
// learners differ in *which* loss they take the gradient of.
//
// * **Batch gradient descent** uses every stored example in each step. The chain rule on each squared
//   term gives $\partial(\hat y_i - y_i)^2/\partial\mathbf{w} = 2(\hat y_i - y_i)\,\mathbf{x}_i$; averaged
//   over the rows and stacked as a matrix product,
//   $\mathbf{w} \leftarrow \mathbf{w} - \eta\,\frac{2}{m}X^\top(X\mathbf{w} + b - \mathbf{y})$.
// * **Online (stochastic) gradient descent** takes one step per arriving example $t$, on that
//   example's loss alone: $\mathbf{w} \leftarrow \mathbf{w} - \eta\,2(\hat y_t - y_t)\,\mathbf{x}_t$ —
//   scikit-learn's `partial_fit`. If the example is drawn at random from the $m$, the expected value of
//   this one-example gradient is $\frac1m\sum_i 2(\hat y_i - y_i)\mathbf{x}_i$, the batch gradient: each
//   step is right *on average*, and noisy one at a time.
//
// Library types used here: `Datasets`, `WeatherDay`, `StandardScaler`, `BatchLinearRegression`,
// `SgdRegressor`, `LinearModel`, `RegressionMetrics`, `Seeds`; notebook helpers `Charts`, `Series`,
// `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default); // fixed seeds: the same commit gives the same numbers

// ## The data: four years of Seattle weather
//
// `datasets/seattle-weather.csv` (NOAA, via vega-datasets) has one row per day from 2012 to 2015.
// The loader parses dates to `DateOnly` and numbers to `double`; a malformed row would be an error
// naming the file and line.

var days = Datasets.SeattleWeather();
Claims.Check(days.Count == 1461, "the file holds 1,461 days (2012–2015, one leap year)");
Claims.Check(days.Zip(days.Skip(1)).All(p => p.Second.Date == p.First.Date.AddDays(1)),
    "the days are consecutive, in date order");
Display.Show(days.Take(5));

// ## The task, and why it drifts
//
// We predict a day's maximum temperature from its minimum temperature and its precipitation.
// The relation is not fixed: the gap between the day's maximum and minimum (the diurnal range)
// is much wider in the dry Seattle summer than in the wet winter. A model fitted on winter data
// will be wrong in summer — the data *drifts* with the seasons.

var monthlyRange = Enumerable.Range(1, 12)
    .Select(month => days.Where(d => d.Date.Month == month).Average(d => d.TempMax - d.TempMin))
    .ToArray();
Display.Show(Charts.Lines("Mean daily range (max − min) by month, 2012–2015", "month", "°C",
    new Series("max − min", Enumerable.Range(1, 12).Select(m => (double)m).ToArray(), monthlyRange)));

Claims.Check(monthlyRange[6] > monthlyRange[0] + 3, "July's mean daily range is more than 3 °C wider than January's");

// The daily range is about 5–6 °C in the wet months (December to February) and 11–12 °C in July and
// August, when dry air and clear skies let days heat up and nights cool down. So "maximum ≈ minimum +
// a constant" holds with a different constant in each season: a linear model of the maximum from the
// minimum needs a larger intercept in summer than in winter. That is **drift** (or *concept drift*): the
// relation between inputs and target changes over time, and a model fitted once goes stale.

// ## Batch learning: train once on the stored data
//
// At the start we have stored only the first 90 days (January–March 2012). Features are
// standardised with statistics of that stored data, $z = (x - \mu)/\sigma$, so one learning rate
// suits both features.

Matrix<double> Features(IEnumerable<WeatherDay> ds) =>
    Matrix<double>.Build.DenseOfRowArrays(ds.Select(d => new[] { d.TempMin, d.Precipitation }));
Vector<double> Targets(IEnumerable<WeatherDay> ds) => Vector<double>.Build.DenseOfEnumerable(ds.Select(d => d.TempMax));

const int stored = 90;
var scaler = new StandardScaler().Fit(Features(days.Take(stored)));
var xAll = scaler.Transform(Features(days));   // (1461, 2)
var yAll = Targets(days);                      // (1461,)
var xStored = xAll.SubMatrix(0, stored, 0, 2);
var yStored = yAll.SubVector(0, stored);

var batch = new BatchLinearRegression(learningRate: 0.1, epochs: 300).Fit(xStored, yStored);
Display.Show(Charts.Lines("Batch gradient descent on the 90 stored days", "epoch", "mean squared error (°C²)",
    Series.Indexed("training loss", batch.LossHistory)));

// The loss falls steeply in the first few dozen epochs and then flattens: each epoch is one batch
// gradient step over all 90 days, and because both features were standardised (mean 0, standard
// deviation 1) the loss surface is nearly round, so the same learning rate is right for both weights
// and no direction needs many more steps than the other. The flat tail is the least-squares minimum:
// no line through these 90 winter days does better.

// Gradient descent should reach the least-squares solution, which we can also get directly. Setting the
// gradient of $L$ to zero, with the intercept folded in as a column of ones, gives the **normal
// equations** $[X\;\mathbf{1}]^\top[X\;\mathbf{1}]\,\boldsymbol\theta = [X\;\mathbf{1}]^\top\mathbf{y}$
// (solved here with MathNet's QR decomposition, which is more accurate than inverting the matrix). For
// a linear model and a few features the direct solution is the better tool; gradient descent matters
// because it also works when there is no closed form — every neural network in this course — and
// because it can learn one example at a time.

var design = xStored.Append(Matrix<double>.Build.Dense(stored, 1, 1.0));   // (90, 3): features and a column of ones
var exact = design.QR().Solve(yStored);                                  // (w₁, w₂, b)
Claims.Close(batch.Model.Weights[0], exact[0], 1e-6, "batch GD's weight for temp_min matches least squares");
Claims.Close(batch.Model.Weights[1], exact[1], 1e-6, "batch GD's weight for precipitation matches least squares");
Claims.Close(batch.Model.Bias, exact[2], 1e-6, "batch GD's intercept matches least squares");
Claims.Check(batch.LossHistory.Zip(batch.LossHistory.Skip(1)).All(p => p.Second <= p.First + 1e-9),
    "the training loss never rises (up to rounding, 1e-9)");

// The weights agree to six digits: with standardised inputs, one more degree of minimum temperature's
// standard deviation adds about 2 °C to the predicted maximum, and a standard deviation of rain takes
// 0.65 °C off it (rainy days are cloudy, so they warm less). The intercept, 8.6 °C, is the predicted
// maximum of an average *winter* day — the only days this model has seen.

// ## Online learning: learn from each day as it arrives
//
// From day 91 on, each new day is first **predicted** by every model, then revealed. The online
// model then takes one SGD step on it (`PartialFit`); the batch model stays as it was trained.
// A third learner is what batch practice does about drift: **retrain from scratch** on all stored
// data at the start of every month. Measuring each model on the day *before* learning from it
// (test-then-train) gives an honest error on unseen data.

var online = new SgdRegressor(learningRate: 0.01);
for (int i = 0; i < stored; i++) online.PartialFit(xAll.Row(i), yAll[i]);   // it has seen the stored days too

LinearModel retrained = batch.Model;
var errors = new Dictionary<string, List<double>>
{
    ["batch, trained once"] = new(), ["batch, retrained monthly"] = new(), ["online SGD"] = new(),
};
for (int i = stored; i < days.Count; i++)
{
    if (days[i].Date.Day == 1)
        retrained = new BatchLinearRegression(0.1, 300).Fit(xAll.SubMatrix(0, i, 0, 2), yAll.SubVector(0, i)).Model;
    var x = xAll.Row(i);
    errors["batch, trained once"].Add(Math.Abs(batch.Model.Predict(x) - yAll[i]));
    errors["batch, retrained monthly"].Add(Math.Abs(retrained.Predict(x) - yAll[i]));
    errors["online SGD"].Add(Math.Abs(online.Predict(x) - yAll[i]));
    online.PartialFit(x, yAll[i]);
}
Claims.Check(online.ExamplesSeen == days.Count, "the online model has learned from every day exactly once");

double[] Rolling(List<double> e, int window) =>
    Enumerable.Range(0, e.Count - window + 1).Select(s => e.Skip(s).Take(window).Average()).ToArray();
var xDays = Enumerable.Range(stored + 30, days.Count - stored - 29).Select(i => (double)i).ToArray();
Display.Show(Charts.Lines("30-day rolling mean absolute error on days not yet learned from", "days seen", "MAE (°C)",
    errors.Select(kv => new Series(kv.Key, xDays, Rolling(kv.Value, 30))).ToArray()));

// The frozen batch model, fitted on winter days, is worst every summer; the online model and the
// monthly retrained batch model track the seasons. The checks below measure it on all the days
// after the stored 90.

var mae = errors.ToDictionary(kv => kv.Key, kv => kv.Value.Average());
foreach (var (name, value) in mae) Console.WriteLine($"{name,-26} MAE {value:F2} °C");
Claims.Check(mae["online SGD"] < mae["batch, trained once"], "online learning beats the batch model trained once");
Claims.Check(mae["batch, retrained monthly"] < mae["batch, trained once"],
    "retraining the batch model on new data also helps");
int July2012(int i) => days[i].Date is { Year: 2012, Month: 7 } ? 1 : 0;
var julyOnce = errors["batch, trained once"].Where((_, k) => July2012(k + stored) == 1).Average();
var julyOnline = errors["online SGD"].Where((_, k) => July2012(k + stored) == 1).Average();
Claims.Check(julyOnline < julyOnce, $"in July 2012 the online model errs less ({julyOnline:F2} °C) "
    + $"than the winter-trained batch model ({julyOnce:F2} °C)");

// Measured on the 1,371 days after the stored 90, the model trained once errs by 4.4 °C on average, the
// monthly retrained batch model by 2.8 °C and the online model by 2.35 °C. In July 2012 the frozen model
// is off by more than 6 °C a day: it predicts summer with winter's intercept. Retraining helps but lags,
// because each retraining is dominated by all the older days; the online model's fixed step size makes
// it weight recent days more (an exponentially fading memory), which is exactly what drifting data
// needs. Each online update costs one multiply-add per weight; each monthly retraining costs 300 passes
// over everything stored so far.
//
// ## Out of core: learning from data that does not fit in memory
//
// The notes' second reason for online learning is hardware: a batch learner needs the whole design
// matrix $X$ (here $m \times 2$ numbers) in memory for every step, while an online learner needs only
// its weights and the current example. `PartialFit` can therefore learn from a file of any size read one
// line at a time — *out-of-core* learning. The cell below streams `seattle-weather.csv` line by line,
// standardises with the same stored statistics, and never holds more than one row:

var invariant = System.Globalization.CultureInfo.InvariantCulture;   // '.' as the decimal point
var streamed = new SgdRegressor(learningRate: 0.01);
foreach (string line in File.ReadLines(DatasetDirectory.PathOf("seattle-weather.csv")).Skip(1))   // one row at a time
{
    string[] f = line.Split(',');   // date,precipitation,temp_max,temp_min,wind,weather: no quoted fields here
    var row = Matrix<double>.Build.DenseOfRowArrays(new[] { double.Parse(f[3], invariant),
                                                            double.Parse(f[1], invariant) });
    streamed.PartialFit(scaler.Transform(row).Row(0), double.Parse(f[2], invariant));
}
Console.WriteLine($"streamed from the file: w = ({streamed.Model.Weights[0]:F6}, {streamed.Model.Weights[1]:F6}), "
    + $"b = {streamed.Model.Bias:F6}");
Console.WriteLine($"in memory:              w = ({online.Model.Weights[0]:F6}, {online.Model.Weights[1]:F6}), "
    + $"b = {online.Model.Bias:F6}");
Claims.Close(streamed.Model.Bias, online.Model.Bias, 1e-12,
    "streaming the file gives the same online model as the in-memory loop");

// The two models agree to the last digit: the online learner's state after 1,461 days is the same
// whether the days came from memory or from disk, because it only ever looks at one. Libraries use the
// same idea for data larger than RAM (scikit-learn's `partial_fit`, Vowpal Wabbit), usually with
// **mini-batches** of a few dozen examples — the middle ground between one example and all of them, and
// what every neural network from day 8 on trains with.
//
// ## When to use which
//
// | | batch | online |
// |---|---|---|
// | data | stored, fits in memory (or a few passes over disk) | a stream, or too large to store |
// | the world | stable: yesterday's relation holds tomorrow | drifting: seasons, prices, user tastes |
// | cost of learning | a full fit, repeated to update | one cheap step per example |
// | risks | goes stale between retrainings | one bad batch of data moves the model at once; the learning rate trades lag against noise (exercise 3) |
// | evaluation | a held-out test set | test-then-train on the stream, as above |
//
// Online learning is not better in itself: on data that does not drift, a batch fit on enough data is
// as good or better (exercise 4). In production both are common, often together: a batch model retrained
// nightly, plus online updates during the day, with the error on the stream monitored for drift.

// ## Summary
//
// * Batch learning fits all stored data at once; new data means retraining from scratch
//   (here: 300 epochs over all past days, every month).
// * Online learning updates the model with each arriving example, in constant time and memory per
//   example, follows the data as it drifts, and can learn from data that does not fit in memory.
// * Each online step follows one example's gradient: right on average, noisy one at a time; the
//   learning rate decides how fast the model forgets.
// * Evaluate by predicting each example *before* learning from it.
// ## Exercises
//
// Every day ends with exercises of two kinds. In an **implement** exercise you write a small piece
// of the learning code; in a **predict** exercise you commit to what an experiment will show before
// you run it. Write in the cell that starts with `// Exercise N:` and run it; the cell below it
// checks your work and answers ✎ *not yet*, ✔ *passed* or ✘ with a hint. A check never contains the
// answer: it runs your code on fresh inputs and compares it with the library (or with TorchSharp's
// autograd), or it runs the experiment. Reference solutions are in
// `notebooks/solutions/day-01-batch-vs-online-learning.dib` — try first.
//
// ### Exercise 1 — one online step
//
// Write the update that `SgdRegressor.PartialFit` makes for one example $(\mathbf{x}, y)$: predict
// $\hat y = \mathbf{x}\cdot\mathbf{w} + b$, then move both parameters against the gradient of that
// example's squared error $(\hat y - y)^2$ with learning rate $\eta$. Return the new weights and bias
// (do not change the vector you were given).

// Exercise 1: one online SGD step
(Vector<double> W, double B) SgdStep(Vector<double> w, double b, Vector<double> x, double y, double eta)
{
    return Exercise.Todo<(Vector<double>, double)>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(2026);   // fresh inputs: a model that has seen five random examples, and a sixth
    Vector<double> Draw() => Vector<double>.Build.Dense(2, _ => rng.NextDouble() * 2 - 1);
    var sgd = new SgdRegressor(learningRate: 0.05);
    for (int k = 0; k < 5; k++) sgd.PartialFit(Draw(), rng.NextDouble());
    var (x, y) = (Draw(), 10 * rng.NextDouble());
    var (w, b) = SgdStep(sgd.Model.Weights.Clone(), sgd.Model.Bias, x, y, 0.05);
    sgd.PartialFit(x, y);
    return Exercise.Compare("your new weights", w, sgd.Model.Weights, 1e-12)
        ?? Exercise.Compare("your new bias", b, sgd.Model.Bias, 1e-12);
}, hint: "the gradient of (ŷ − y)² is 2(ŷ − y) times ∂ŷ/∂w = x for the weights and ∂ŷ/∂b = 1 for the bias.");

// ### Exercise 2 — the batch gradient
//
// Batch gradient descent follows the gradient of the mean squared error over all $m$ stored examples.
// Differentiate $L(\mathbf{w}, b) = \frac1m\sum_i(\mathbf{x}_i\cdot\mathbf{w} + b - y_i)^2$ yourself
// and write both parts, $\partial L/\partial\mathbf{w}$ (one number per feature) and
// $\partial L/\partial b$, with matrix operations. The check compares them with the gradient that
// TorchSharp's autograd computes for the same loss on random data.

// Exercise 2: the gradient of the mean squared error
(Vector<double> DW, double DB) MseGradient(Matrix<double> x, Vector<double> y, Vector<double> w, double b)
{
    return Exercise.Todo<(Vector<double>, double)>();
}

Exercise.Check("2", () =>
{
    var rng = new Random(7);
    var x = Matrix<double>.Build.Dense(20, 3, (_, _) => rng.NextDouble() * 2 - 1);   // (m, features) = (20, 3)
    var y = Vector<double>.Build.Dense(20, _ => 4 * rng.NextDouble());
    var w = Vector<double>.Build.Dense(3, _ => rng.NextDouble());
    double b = 0.3;
    var (dw, db) = MseGradient(x, y, w, b);

    using var scope = torch.NewDisposeScope();   // the same loss, differentiated by autograd
    var tw = w.ToTensor().requires_grad_();
    var tb = torch.tensor(b, dtype: torch.float64).requires_grad_();
    var loss = (x.ToTensor().matmul(tw) + tb - y.ToTensor()).pow(2).mean();
    loss.backward();
    return Exercise.Compare("your ∂L/∂w", dw, tw.grad!.ToVector(), 1e-12)
        ?? Exercise.Compare("your ∂L/∂b", db, tb.grad!.item<double>(), 1e-12);
}, hint: "the residuals r = Xw + b − y form a vector of m numbers; ∂L/∂w = (2/m)·Xᵀr and ∂L/∂b = (2/m)·Σr.");

// *TorchSharp note:* the check above frees its tensors with `torch.NewDisposeScope()`; why .NET needs
// that, and the other idioms a PyTorch user meets, are on the page
// [From PyTorch to TorchSharp](../docs/torchsharp-for-pytorch-users.md#dispose-scopes).

// ### Exercise 3 — predict: a smaller learning rate
//
// The online model above used $\eta = 0.01$. Suppose it used $\eta = 0.001$, ten times smaller, on
// the same stream of days. Will its mean absolute error on the days after the stored 90 go **up** or
// **down**? Think about what a step size does when the data drift with the seasons, write your
// prediction, run the cell, and only then run the experiment below it.

// Exercise 3: your prediction, "up" or "down"
string? prediction3 = null;

var slow = new SgdRegressor(learningRate: 0.001);
var slowErrors = new List<double>();
for (int i = 0; i < days.Count; i++)
{
    if (i >= stored) slowErrors.Add(Math.Abs(slow.Predict(xAll.Row(i)) - yAll[i]));   // test, then train
    slow.PartialFit(xAll.Row(i), yAll[i]);
}
double slowMae = slowErrors.Average();
Console.WriteLine($"online SGD, η = 0.01:  MAE {mae["online SGD"]:F2} °C");
Console.WriteLine($"online SGD, η = 0.001: MAE {slowMae:F2} °C");
Exercise.Predict("3", prediction3, slowMae > mae["online SGD"] ? "up" : "down",
    why: "with steps ten times smaller the model needs ten times more days to move as far. "
        + "Starting from zero it takes hundreds of days just to reach Seattle's usual temperatures, and after that it "
        + "trails each season by months. A larger step follows the drift; too large a step would make every day's "
        + "noise throw the weights around. The learning rate trades lag against noise.");

// ### Exercise 4 — predict: the same days in random order
//
// Online learning won above because Seattle's weather drifts: the batch model only ever saw winter.
// Now shuffle the 1,461 days into a random order, so the first 90 "stored" days are a sample of all
// seasons, and run the same test-then-train comparison. Will online SGD **still** have a lower MAE
// than the batch model trained once? Answer `"yes"` or `"no"`.

// Exercise 4: your prediction, "yes" or "no"
string? prediction4 = null;

var order = Enumerable.Range(0, days.Count).OrderBy(_ => random.System.Next()).ToArray();   // a seeded shuffle
var xShuffled = Matrix<double>.Build.DenseOfRowVectors(order.Select(i => xAll.Row(i)));
var yShuffled = Vector<double>.Build.DenseOfEnumerable(order.Select(i => yAll[i]));
var frozen = new BatchLinearRegression(0.1, 300)
    .Fit(xShuffled.SubMatrix(0, stored, 0, 2), yShuffled.SubVector(0, stored)).Model;
var shuffledOnline = new SgdRegressor(0.01);
var (frozenErrors, onlineErrors) = (new List<double>(), new List<double>());
for (int i = 0; i < days.Count; i++)
{
    if (i >= stored)
    {
        frozenErrors.Add(Math.Abs(frozen.Predict(xShuffled.Row(i)) - yShuffled[i]));
        onlineErrors.Add(Math.Abs(shuffledOnline.Predict(xShuffled.Row(i)) - yShuffled[i]));
    }
    shuffledOnline.PartialFit(xShuffled.Row(i), yShuffled[i]);
}
Console.WriteLine($"shuffled days: batch trained once MAE {frozenErrors.Average():F2} °C, "
    + $"online SGD MAE {onlineErrors.Average():F2} °C");
Exercise.Predict("4", prediction4, onlineErrors.Average() < frozenErrors.Average() ? "yes" : "no",
    why: "no: in random order the 90 stored days already sample every season, so the batch model's "
        + "least-squares line is about as good as a straight line gets; online SGD with a fixed step keeps chasing "
        + "each day's noise. Online learning wins when the data drift, not by itself.");
