// day-13-gru-deep-bidirectional-seq2seq.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-13-gru-deep-bidirectional-seq2seq.cs
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

// # Day 13 — Types of RNN, GRU, deep and bidirectional RNNs, sequence to sequence
//
// > Road map: types of RNN · GRU · deep RNN · bidirectional RNN · sequence-to-sequence models.
// > — the course notes, "RNN" road map
//
// | type | example | input | output |
// |---|---|---|---|
// | many-to-one | sentiment of a review | (batch, T, features) | (batch, classes) from the last step |
// | one-to-many | a caption from one image | (batch, features), repeated | (batch, T, …) |
// | many-to-many, same length | a tag per word | (batch, T, features) | (batch, T, …), one per step |
// | many-to-many, different lengths | translation, reversal | (batch, n) | (batch, m) via an encoder–decoder |
//
// The **GRU** merges the LSTM's gates into two, with no separate cell state (TorchSharp's equations):
// $$r_t = \sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr}),\quad z_t = \sigma(W_{iz}x_t + b_{iz} + W_{hz}h_{t-1} + b_{hz}),$$
// $$n_t = \tanh\big(W_{in}x_t + b_{in} + r_t\odot(W_{hn}h_{t-1} + b_{hn})\big),\quad h_t = (1-z_t)\odot n_t + z_t\odot h_{t-1}.$$
// A **deep** RNN stacks layers (each reads the sequence of the one below); a **bidirectional** RNN
// runs a second layer backwards in time and concatenates both directions.
//
// Library types used here: `Gru`, `SequenceClassifier`, `Seq2Seq`, `SlidingWindows`, `ClassifierTraining`,
// `MiniBatchTraining`, `TrainTestSplit`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);

// ## The GRU from scratch equals TorchSharp's nn.GRU

var gru = new Gru(features: 4, units: 3, random.System);
var sequence = Matrix<double>.Build.Dense(6, 4, (_, _) => random.System.NextDouble() * 2 - 1);
var gruPass = gru.Forward(sequence);
var upstream = Enumerable.Range(0, 6).Select(t => Vector<double>.Build.Dense(3, 1.0)).ToArray();
var grads = gru.Backward(gruPass, upstream);
var torchGru = torch.nn.GRU(4, 3, batchFirst: true, dtype: torch.float64);
gru.CopyTo(torchGru);
var input = sequence.ToTensor().unsqueeze(0).requires_grad_(true);
var (outputs, _) = torchGru.forward(input, null);
outputs.sum().backward();
double outputDifference = outputs.detach().contiguous().data<double>().ToArray().Zip(gruPass.Steps.SelectMany(s => s.Hidden)).Max(p => Math.Abs(p.First - p.Second));
double gradientDifference = input.grad!.contiguous().data<double>().ToArray().Zip(grads.X.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));
Console.WriteLine($"worst differences: outputs {outputDifference:E2}, ∂L/∂x {gradientDifference:E2}");
Claims.Check(outputDifference < 1e-12 && gradientDifference < 1e-12, "from-scratch GRU and its BPTT agree with TorchSharp's nn.GRU");

// ## Types of RNN by their shapes

var layer = torch.nn.GRU(8, 16, batchFirst: true);
var batch = torch.zeros(32, 10, 8);                                           // (batch, T, features)
var (all, last) = layer.forward(batch, null);
var oneToMany = layer.forward(torch.zeros(32, 1, 8).expand(32, 10, 8), null).Item1;   // one input repeated over 10 steps
Console.WriteLine($"many-to-one: {ErrorMessage.FormatShape(last[0].shape)}; many-to-many (same length): {ErrorMessage.FormatShape(all.shape)}; one-to-many: {ErrorMessage.FormatShape(oneToMany.shape)}");
Claims.Check(last[0].shape.SequenceEqual(new long[] { 32, 16 }) && all.shape.SequenceEqual(new long[] { 32, 10, 16 }), "one state per sequence (many-to-one) or per step (many-to-many)");
var deep = torch.nn.GRU(8, 16, numLayers: 2, batchFirst: true);
var both = torch.nn.GRU(8, 16, batchFirst: true, bidirectional: true);
Claims.Check(deep.forward(batch, null).Item2.shape[0] == 2, "a 2-layer GRU keeps a final state per layer");
Claims.Check(both.forward(batch, null).Item1.shape[2] == 32, "a bidirectional GRU concatenates both directions: 2 × 16 features per step");

// ## Deep and bidirectional GRUs on the digits (rows as sequences)

var digits = Datasets.Digits();
var (trainIdx, testIdx) = TrainTestSplit.Indices(digits.Count, 0.7, Seeds.Default);
var (xTrain, yTrain) = (digits.ImageTensor(trainIdx).squeeze(1), digits.LabelTensor(trainIdx));
var (xTest, yTest) = (digits.ImageTensor(testIdx).squeeze(1), digits.LabelTensor(testIdx));
var live = LiveChart.Show("GRU digit classifiers: training loss (live)");
var results = new List<(string Name, long Parameters, double Accuracy, double Seconds)>();
foreach (var (name, layers, bidirectional) in new[] { ("1 layer", 1, false), ("2 layers", 2, false), ("bidirectional", 1, true) })
{
    Seeds.Set(Seeds.Default);
    var model = new SequenceClassifier(RecurrentKind.Gru, 8, 32, 10, layers, bidirectional);
    var h = ClassifierTraining.Train(model, xTrain, yTrain, epochs: 15, batchSize: 32, learningRate: 0.01, seed: Seeds.Default, progress: (e, loss) => live.Add(name, loss));
    results.Add((name, model.parameters().Sum(p => p.numel()), ClassifierTraining.Accuracy(model, xTest, yTest), h.Elapsed.TotalSeconds));
}
foreach (var r in results) Console.WriteLine($"{r.Name,-14} {r.Parameters,6:N0} parameters  held-out accuracy {r.Accuracy:P1}  ({r.Seconds:F1} s)");
Claims.Check(results.All(r => r.Accuracy >= 0.95), "every GRU variant classifies at least 95% of held-out digits");
Claims.Check(results[1].Parameters > results[0].Parameters && results[2].Parameters > results[0].Parameters, "stacking and a second direction both add parameters");

// ## Forecasting Seattle's weather: many-to-one regression
//
// The past 7 days (precipitation, max/min temperature, wind) predict tomorrow's maximum temperature.
// Train on 2012–2014, test on 2015; the baseline is "tomorrow = today".

var days = Datasets.SeattleWeather();
var table = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => new[] { d.Precipitation, d.TempMax, d.TempMin, d.Wind }));
var scaler = new StandardScaler().Fit(table.SubMatrix(0, 1096, 0, 4));   // statistics of 2012–2014 only
var windows = SlidingWindows.Create(scaler.Transform(table), 7).to_type(torch.float32);   // (1455, 7, 4): window b ends on day b + 6
var tomorrow = torch.tensor(Enumerable.Range(7, days.Count - 7).Select(i => (float)days[i].TempMax).ToArray()).unsqueeze(1);   // target of window b: day b + 7
int trainCount = 1096 - 7;                                                // windows whose target is in 2012–2014
var xw = windows.narrow(0, 0, days.Count - 7);
Seeds.Set(Seeds.Default);
var forecaster = new SequenceClassifier(RecurrentKind.Gru, features: 4, units: 16, classes: 1);
var fh = MiniBatchTraining.Run(forecaster.parameters(), trainCount, 60, 32, 0.01, Seeds.Default,
    b => torch.nn.functional.mse_loss(forecaster.forward(xw.index_select(0, b)), tomorrow.index_select(0, b)));
double[] predicted, actual;
using (torch.no_grad())
{
    predicted = forecaster.forward(xw.narrow(0, trainCount, xw.shape[0] - trainCount)).squeeze(1).data<float>().Select(v => (double)v).ToArray();
    actual = tomorrow.narrow(0, trainCount, xw.shape[0] - trainCount).squeeze(1).data<float>().Select(v => (double)v).ToArray();
}
double[] persistence = Enumerable.Range(trainCount + 6, actual.Length).Select(i => days[i].TempMax).ToArray();   // today's value for each target day
double gruMae = predicted.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
double baselineMae = persistence.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
Console.WriteLine($"2015 test MAE: GRU {gruMae:F2} °C, persistence {baselineMae:F2} °C (trained in {fh.Elapsed.TotalSeconds:F1} s)");
Show(Charts.Lines("Tomorrow's maximum temperature, 2015", "day of 2015", "°C",
    Series.Indexed("actual", actual), Series.Indexed("GRU forecast", predicted)));

Claims.Check(gruMae < baselineMae, "the GRU forecast beats \"tomorrow = today\" on the held-out year");

// ## Sequence to sequence: learning to reverse digit strings
//
// Input and output lengths can differ in general; here both are 6. An encoder GRU reads the digits,
// a decoder GRU writes them in reverse, one token at a time.

var generator = new torch.Generator(Seeds.Default);
var inputs = torch.randint(0, 10, new long[] { 4000, 6 }, generator: generator);
var targets = inputs.flip(1);
Seeds.Set(Seeds.Default);
var seq2seq = new Seq2Seq(tokens: 10);
var seqLive = LiveChart.Show("Encoder–decoder: training loss (live)");
var sh = MiniBatchTraining.Run(seq2seq.parameters(), 4000, epochs: 20, batchSize: 128, learningRate: 1e-2, Seeds.Default,
    b => seq2seq.Loss(inputs.index_select(0, b), targets.index_select(0, b)), (e, loss) => seqLive.Add("loss", loss));
var fresh = torch.randint(0, 10, new long[] { 500, 6 }, generator: generator);
var reversed = seq2seq.Generate(fresh, 6);
double sequenceAccuracy = reversed.eq(fresh.flip(1)).all(1).to_type(torch.float64).mean().item<double>();
Console.WriteLine($"trained in {sh.Elapsed.TotalSeconds:F1} s; {sequenceAccuracy:P1} of 500 new strings reversed exactly");
Console.WriteLine($"example: {string.Join("", fresh[0].data<long>())} → {string.Join("", reversed[0].data<long>())}");
Claims.Check(sequenceAccuracy >= 0.9, "the encoder–decoder reverses at least 90% of unseen 6-digit strings exactly");

// ## Summary
//
// * The output shape tells the RNN type; an encoder–decoder handles different input and output lengths.
// * The GRU has two gates and no cell state, and matches TorchSharp's `nn.GRU` exactly.
// * Deep and bidirectional layers add capacity and context from both directions.
//
// ## Exercises
//
// 1. How many parameters has `nn.GRU(8, 16)` (two bias vectors per gate)? Replace `-1`.
// 2. Which GRU variant above had the highest held-out accuracy? Replace `""` with its name
//    (if two variants tie for the highest, either name counts).

// Exercise answers: replace each placeholder with your answer
long answer1 = -1;
string answer2 = "";

Claims.Exercise("Exercise 1", answer1 == torch.nn.GRU(8, 16).parameters().Sum(p => p.numel()));
double bestAccuracy = results.Max(r => r.Accuracy);   // variants can tie: any of the best counts
Claims.Exercise("Exercise 2", results.Any(r => r.Name == answer2 && r.Accuracy == bestAccuracy));
