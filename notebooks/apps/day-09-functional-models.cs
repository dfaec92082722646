// day-08-functional-models.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-08-functional-models.cs
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

// # Day 8 — Keras-style functional models
//
// > The Keras **functional** model builds non-linear architectures — for example **concatenating
// > features** coming from different models or branches — which a plain stack of layers cannot.
// > — the course notes, "Keras functional Model"
//
// A functional model is a graph: several inputs, separate branches, a merge, one head.
// Here the question is tomorrow's maximum temperature in Seattle, and the model gets two inputs:
//
// * **numeric**: today's precipitation, maximum and minimum temperature and wind → a dense layer;
// * **categorical**: today's weather type (drizzle, fog, rain, snow, sun) → an embedding.
//
// The branches are concatenated and a small head predicts. In TorchSharp the graph is simply the
// code of `forward(numeric, category)`; the summary below lists it the way Keras does.
//
// Library types used here: `TwoInputModel`, `LayerSummary`, `MiniBatchTraining`, `StandardScaler`,
// `OrdinalEncoder`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var days = Datasets.SeattleWeather();
var numericTable = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => new[] { d.Precipitation, d.TempMax, d.TempMin, d.Wind }));
const int trainDays = 1095;   // today = 2012-01-01 … 2014-12-30 for training; the rest of the pairs for testing
var scaler = new StandardScaler().Fit(numericTable.SubMatrix(0, trainDays, 0, 4));
var weatherCodes = new OrdinalEncoder().Fit(days.Select(d => new string?[] { d.Weather }).ToList());
var numeric = torch.tensor(scaler.Transform(numericTable).ToRowMajorArray().Select(v => (float)v).ToArray(), new long[] { days.Count, 4 });
var category = torch.tensor(weatherCodes.Transform(days.Select(d => new string?[] { d.Weather }).ToList()).Column(0).Select(v => (long)v).ToArray());
var tomorrow = torch.tensor(days.Skip(1).Select(d => (float)d.TempMax).ToArray()).unsqueeze(1);   // target for today = next day's maximum
Console.WriteLine("weather categories: " + string.Join(", ", weatherCodes.Categories[0]));

// ## The model and its summary

Seeds.Set(Seeds.Default);
var model = new TwoInputModel(numericFeatures: 4, categories: 5, embeddingSize: 3, branchUnits: 16, hiddenUnits: 16);
var summary = model.Summary();
Console.WriteLine(LayerSummary.Format(summary));
Claims.Check(summary.Sum(r => r.Parameters) == model.parameters().Sum(p => p.numel()), "the summary's total equals the model's parameter count");
Claims.Check(summary.Single(r => r.Layer.StartsWith("concatenate")).OutputShape == "(None, 19)", "concatenating 16 numeric-branch features and a 3-dimensional embedding gives 19 features");

// ## Training on 2012–2014, testing on 2015

var live = LiveChart.Show("Two-input model: training loss (live)", yTitle: "mean squared error (°C²)");
var history = MiniBatchTraining.Run(model.parameters(), trainDays, 80, 32, 0.01, Seeds.Default,
    b => torch.nn.functional.mse_loss(model.forward(numeric.index_select(0, b), category.index_select(0, b)), tomorrow.index_select(0, b)),
    (e, loss) => live.Add("loss", loss));
double[] predicted, actual;
using (torch.no_grad())
{
    int testCount = days.Count - 1 - trainDays;
    predicted = model.forward(numeric.narrow(0, trainDays, testCount), category.narrow(0, trainDays, testCount)).squeeze(1).data<float>().Select(v => (double)v).ToArray();
    actual = tomorrow.narrow(0, trainDays, testCount).squeeze(1).data<float>().Select(v => (double)v).ToArray();
}
double modelMae = predicted.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
double meanMae = actual.Average(a => Math.Abs(a - days.Take(trainDays).Average(d => d.TempMax)));
double persistenceMae = Enumerable.Range(0, actual.Length).Average(i => Math.Abs(days[trainDays + i].TempMax - actual[i]));
Console.WriteLine($"test MAE: two-input model {modelMae:F2} °C; \"tomorrow = today\" {persistenceMae:F2} °C; training mean {meanMae:F2} °C (trained in {history.Elapsed.TotalSeconds:F1} s)");
Claims.Check(modelMae < meanMae / 2, "the model is more than twice as accurate as predicting the training mean");
Show(Charts.Lines("Tomorrow's maximum temperature in 2015: actual and predicted", "day", "°C", Series.Indexed("actual", actual), Series.Indexed("two-input model", predicted)));

// ## What did the category branch learn?
//
// The weather-type embeddings are the category branch's whole contribution; the embedding table can be
// read out and compared, e.g. by cosine similarity.

var embeddingTable = model.named_parameters().Single(p => p.name.Contains("Embedding") || p.name.Contains("embedding")).parameter;
var vectors = embeddingTable.detach().to_type(torch.float64).ToMatrix();   // (5, 3)
var weatherNames = weatherCodes.Categories[0];
for (int i = 0; i < 5; i++)
    Console.WriteLine($"{weatherNames[i],-8} " + string.Join("  ", Enumerable.Range(0, 5).Select(j => Similarity.Cosine(vectors.Row(i), vectors.Row(j)).ToString("+0.00;-0.00"))));
Claims.Check(vectors.RowCount == 5 && vectors.ColumnCount == 3, "one learned 3-dimensional vector per weather type");

// ## Summary
//
// * Functional models are graphs: several inputs, branches, a merge (concatenate) and a head.
// * A Keras-style summary lists each layer's output shape, parameters and inputs.
//
// ## Exercises
//
// 1. How many parameters does the category branch have (5 categories × 3 dimensions)? Replace `-1`.
// 2. How many features reach the hidden layer? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
int answer2 = -1;

Claims.Exercise("Exercise 1", answer1 == summary.Single(r => r.Layer.StartsWith("category_embedding")).Parameters);
Claims.Exercise("Exercise 2", answer2 == 19);
