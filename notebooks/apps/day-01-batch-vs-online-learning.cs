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

// # Day 1 — Batch vs online learning
//
// > *Batch*: only stored data is known; the model is trained on all of it at once, and to learn
// > from new data it is trained again from scratch.
// > *Online*: new data is trained on in real time; performance improves dynamically as data arrives.
// > — the course notes, "Batch vs Online ML"
//
// Both learners below fit the same linear model $\hat y = \mathbf{x}\cdot\mathbf{w} + b$ by minimising
// the mean squared error
//
// $$L(\mathbf{w}, b) = \frac{1}{m}\sum_{i=1}^{m}\left(\mathbf{x}_i\cdot\mathbf{w} + b - y_i\right)^2 .$$
//
// * **Batch gradient descent** uses every stored example in each step:
//   $\mathbf{w} \leftarrow \mathbf{w} - \eta\,\frac{2}{m}X^\top(X\mathbf{w} + b - \mathbf{y})$.
// * **Online (stochastic) gradient descent** takes one step per arriving example:
//   $\mathbf{w} \leftarrow \mathbf{w} - \eta\,2(\hat y_t - y_t)\,\mathbf{x}_t$ — scikit-learn's `partial_fit`.
//
// Library types used here: `Datasets`, `WeatherDay`, `StandardScaler`, `BatchLinearRegression`,
// `SgdRegressor`, `LinearModel`, `RegressionMetrics`, `Seeds`; notebook helpers `Charts`, `Series`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default); // fixed seeds: the same commit gives the same numbers

// ## The data: four years of Seattle weather
//
// `datasets/seattle-weather.csv` (NOAA, via vega-datasets) has one row per day from 2012 to 2015.
// The loader parses dates to `DateOnly` and numbers to `double`; a malformed row would be an error
// naming the file and line.

var days = Datasets.SeattleWeather();
Claims.Check(days.Count == 1461, "the file holds 1,461 days (2012–2015, one leap year)");
Claims.Check(days.Zip(days.Skip(1)).All(p => p.Second.Date == p.First.Date.AddDays(1)), "the days are consecutive, in date order");
Show(days.Take(5));

// ## The task, and why it drifts
//
// We predict a day's maximum temperature from its minimum temperature and its precipitation.
// The relation is not fixed: the gap between the day's maximum and minimum (the diurnal range)
// is much wider in the dry Seattle summer than in the wet winter. A model fitted on winter data
// will be wrong in summer — the data *drifts* with the seasons.

var monthlyRange = Enumerable.Range(1, 12)
    .Select(month => days.Where(d => d.Date.Month == month).Average(d => d.TempMax - d.TempMin))
    .ToArray();
Show(Charts.Lines("Mean daily range (max − min) by month, 2012–2015", "month", "°C",
    new Series("max − min", Enumerable.Range(1, 12).Select(m => (double)m).ToArray(), monthlyRange)));

Claims.Check(monthlyRange[6] > monthlyRange[0] + 3, "July's mean daily range is more than 3 °C wider than January's");

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
Show(Charts.Lines("Batch gradient descent on the 90 stored days", "epoch", "mean squared error (°C²)",
    Series.Indexed("training loss", batch.LossHistory)));

// Gradient descent should reach the least-squares solution, which we can also get directly from
// the normal equations $[X\;\mathbf{1}]^\top[X\;\mathbf{1}]\,\boldsymbol\theta = [X\;\mathbf{1}]^\top\mathbf{y}$
// (solved here with MathNet's QR decomposition).

var design = xStored.Append(Matrix<double>.Build.Dense(stored, 1, 1.0));   // (90, 3): features and a column of ones
var exact = design.QR().Solve(yStored);                                  // (w₁, w₂, b)
Claims.Close(batch.Model.Weights[0], exact[0], 1e-6, "batch GD's weight for temp_min matches least squares");
Claims.Close(batch.Model.Weights[1], exact[1], 1e-6, "batch GD's weight for precipitation matches least squares");
Claims.Close(batch.Model.Bias, exact[2], 1e-6, "batch GD's intercept matches least squares");
Claims.Check(batch.LossHistory.Zip(batch.LossHistory.Skip(1)).All(p => p.Second <= p.First + 1e-9), "the training loss never rises (up to rounding, 1e-9)");

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
var errors = new Dictionary<string, List<double>> { ["batch, trained once"] = new(), ["batch, retrained monthly"] = new(), ["online SGD"] = new() };
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
Show(Charts.Lines("30-day rolling mean absolute error on days not yet learned from", "days seen", "MAE (°C)",
    errors.Select(kv => new Series(kv.Key, xDays, Rolling(kv.Value, 30))).ToArray()));

// The frozen batch model, fitted on winter days, is worst every summer; the online model and the
// monthly retrained batch model track the seasons. The checks below measure it on all the days
// after the stored 90.

var mae = errors.ToDictionary(kv => kv.Key, kv => kv.Value.Average());
foreach (var (name, value) in mae) Console.WriteLine($"{name,-26} MAE {value:F2} °C");
Claims.Check(mae["online SGD"] < mae["batch, trained once"], "online learning beats the batch model trained once");
Claims.Check(mae["batch, retrained monthly"] < mae["batch, trained once"], "retraining the batch model on new data also helps");
int July2012(int i) => days[i].Date is { Year: 2012, Month: 7 } ? 1 : 0;
var julyOnce = errors["batch, trained once"].Where((_, k) => July2012(k + stored) == 1).Average();
var julyOnline = errors["online SGD"].Where((_, k) => July2012(k + stored) == 1).Average();
Claims.Check(julyOnline < julyOnce, $"in July 2012 the online model errs less ({julyOnline:F2} °C) than the winter-trained batch model ({julyOnce:F2} °C)");

// ## Summary
//
// * Batch learning fits all stored data at once; new data means retraining from scratch
//   (here: 300 epochs over all past days, every month).
// * Online learning updates the model with each arriving example, in constant time per example,
//   and follows the data as it drifts.
// * Evaluate by predicting each example *before* learning from it.
//
// ## Exercises
//
// 1. How many gradient steps did the online model take in total? Replace `-1`.
// 2. Which of the three learners had the *highest* MAE after day 90? Replace `""` with its name.
// 3. Make the online learning rate 10× smaller (0.001) and rerun the loop in your head — or in a new
//    cell: does its MAE go up or down? Replace `""` with `"up"` or `"down"`.

long answer1 = -1;
string answer2 = "";
string answer3 = "";

Claims.Exercise("Exercise 1", answer1 == online.ExamplesSeen);
Claims.Exercise("Exercise 2", answer2 == mae.MaxBy(kv => kv.Value).Key);
var slow = new SgdRegressor(0.001);
var slowErrors = new List<double>();
for (int i = 0; i < days.Count; i++) { if (i >= stored) slowErrors.Add(Math.Abs(slow.Predict(xAll.Row(i)) - yAll[i])); slow.PartialFit(xAll.Row(i), yAll[i]); }
Claims.Exercise("Exercise 3", answer3 == (slowErrors.Average() > mae["online SGD"] ? "up" : "down"));
