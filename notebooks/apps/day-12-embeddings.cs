// day-11-embeddings.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-11-embeddings.cs
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

// # Day 11 — Embeddings
//
// > An **embedding** gives each word (or category) a dense vector with semantic meaning: words that
// > are close in the vector space are expected to be close in meaning. It also reduces dimensions
// > compared with one-hot vectors.
// > — the course notes, "Embedding"
//
// An embedding table $E$ has one row per token. Looking up token $k$ is the same as multiplying its
// one-hot vector by $E$: $e_k = \mathrm{onehot}(k)\,E$ — a dense layer without bias — so $E$ is learned
// by gradient descent like any weight. Closeness is measured with the notes' cosine similarity,
// $\cos(A, B) = \frac{\sum A_iB_i}{\sqrt{\sum A_i^2}\sqrt{\sum B_i^2}}$.
//
// Here the tokens are the 12 **months**, and the embeddings are learned from real data: each
// Seattle day's weather (max and min temperature, precipitation) must be predicted from its month alone.
//
// Library types used here: `Embedding`, `CategoryEmbeddingRegressor`, `MiniBatchTraining`, `Similarity`,
// `StandardScaler`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
string[] months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

// ## Lookup = one-hot × matrix

var table = new Embedding(Matrix<double>.Build.Dense(12, 4, (_, _) => random.System.NextDouble()));
Claims.Check(Enumerable.Range(0, 12).All(k => table.Lookup(k).Equals(table.ViaOneHot(k))), "for every token, the lookup equals one-hot(k)·E");
Console.WriteLine($"one-hot: 12 numbers per month, 11 of them zero; embedding: {table.Table.ColumnCount} dense numbers");

// ## Learning month embeddings from the weather

var days = Datasets.SeattleWeather();
var targets = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => new[] { d.TempMax, d.TempMin, d.Precipitation }));
var scaled = new StandardScaler().Fit(targets).Transform(targets);                        // (1461, 3)
var monthIndex = torch.tensor(days.Select(d => (long)(d.Date.Month - 1)).ToArray());       // (1461,)
var y = torch.tensor(scaled.ToRowMajorArray().Select(v => (float)v).ToArray(), new long[] { days.Count, 3 });
Seeds.Set(Seeds.Default);
var model = new CategoryEmbeddingRegressor(categories: 12, dimensions: 3, targets: 3);
var live = LiveChart.Show("Month-embedding model: training loss (live)", yTitle: "mean squared error");
var history = MiniBatchTraining.Run(model.parameters(), days.Count, 60, 64, 0.02, Seeds.Default,
    batch => torch.nn.functional.mse_loss(model.forward(monthIndex.index_select(0, batch)), y.index_select(0, batch)),
    (e, loss) => live.Add("loss", loss));
Console.WriteLine($"loss {history.EpochLosses[0]:F3} → {history.EpochLosses[^1]:F3} in {history.Elapsed.TotalSeconds:F1} s");
Claims.Check(history.EpochLosses[^1] < history.EpochLosses[0], "training lowers the loss");

// ## Nearest neighbours in the learned space

var learned = model.Table();
foreach (int m in new[] { 0, 6, 9 })
    Console.WriteLine($"{months[m]}: " + string.Join(", ", learned.Nearest(m, 3).Select(p => $"{months[p.Token]} ({p.Cosine:F2})")));
var julyNeighbours = learned.Nearest(6, 2).Select(p => months[p.Token]).ToArray();
Claims.Check(julyNeighbours.All(n => n is "Jun" or "Aug"), "July's two nearest months by cosine similarity are June and August");
var januaryNearest = months[learned.Nearest(0, 1)[0].Token];
Claims.Check(januaryNearest is "Dec" or "Feb" or "Nov" or "Mar", "January's nearest month is a winter month");

var pca = new Pca(2).Fit(learned.Table);
var projected = pca.Transform(learned.Table);
Show(Charts.Points("Learned month embeddings (first two principal components)", "PC 1", "PC 2",
    months.Select((name, k) => new Series(name, new[] { projected[k, 0] }, new[] { projected[k, 1] })).ToArray()));

// ## Summary
//
// * An embedding lookup is one-hot × matrix, computed as a row lookup; the matrix is learned.
// * Learned from data, similar tokens get similar vectors: the seasons appear without being told.
//
// ## Exercises
//
// 1. How many numbers does the month table hold? Replace `-1`.
// 2. Which month is most similar to October? Replace `""`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
string answer2 = "";

Claims.Exercise("Exercise 1", answer1 == learned.Table.RowCount * learned.Table.ColumnCount);
Claims.Exercise("Exercise 2", answer2 == months[learned.Nearest(9, 1)[0].Token]);
