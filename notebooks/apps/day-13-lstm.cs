// day-12-lstm.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-12-lstm.cs
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

// # Day 12 — LSTM: the gates
//
// > The LSTM keeps a **cell state** $C_t$ and three gates that decide what to forget, what to add and
// > what to output, all computed from the concatenation $[h_{t-1}, x_t]$ (pointwise operations $\odot$, $\oplus$, tanh):
// > $$\begin{aligned}
// > f_t &= \sigma(W_f[h_{t-1}, x_t] + b_f) &&\text{(1) forget gate}\\
// > \tilde C_t &= \tanh(W_c[h_{t-1}, x_t] + b_c) &&\text{(2) candidate cell state}\\
// > i_t &= \sigma(W_i[h_{t-1}, x_t] + b_i) &&\text{(3) input gate}\\
// > C_t &= f_t \odot C_{t-1} + i_t \odot \tilde C_t &&\text{(4)}\\
// > o_t &= \sigma(W_o[h_{t-1}, x_t] + b_o) &&\text{(5) output gate}\\
// > h_t &= o_t \odot \tanh(C_t) &&\text{(6)}
// > \end{aligned}$$
// > With 3 units and 4 features, $[h_{t-1}, x_t]$ has 7 entries and each $W$ is 3×7.
// > — the course notes, "LSTM final equations"
//
// Library types used here: `Lstm` (from scratch, with BPTT), `SequenceClassifier`, `ClassifierTraining`,
// `TrainTestSplit`, `StandardScaler`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var lstm = new Lstm(features: 4, units: 3, random.System);
Claims.Check(lstm.Wf.RowCount == 3 && lstm.Wf.ColumnCount == 7, "3 units and 4 features: every gate matrix is 3×7");

// ## The gates at work on two weeks of Seattle weather
//
// Fourteen days of (precipitation, max and min temperature, wind), standardised, go through the
// from-scratch LSTM. The chart shows each gate's mean activation per day.

var days = Datasets.SeattleWeather();
var table = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => new[] { d.Precipitation, d.TempMax, d.TempMin, d.Wind }));
var weeks = new StandardScaler().Fit(table).Transform(table).SubMatrix(0, 14, 0, 4);   // (14 days, 4 features)
var pass = lstm.Forward(weeks);
var steps = Enumerable.Range(1, 14).Select(t => (double)t).ToArray();
Show(Charts.Lines("Mean gate activations per day (from-scratch LSTM)", "day", "activation",
    new Series("forget f_t", steps, pass.Steps.Select(s => s.Forget.Average()).ToArray()),
    new Series("input i_t", steps, pass.Steps.Select(s => s.Input.Average()).ToArray()),
    new Series("output o_t", steps, pass.Steps.Select(s => s.Output.Average()).ToArray())));

var s3 = pass.Steps[2];
Claims.Check((s3.Forget.PointwiseMultiply(s3.PreviousCell) + s3.Input.PointwiseMultiply(s3.Candidate) - s3.Cell).InfinityNorm() < 1e-15, "eq. (4): C₃ = f₃ ⊙ C₂ + i₃ ⊙ C̃₃");
Claims.Check((s3.Output.PointwiseMultiply(s3.Cell.PointwiseTanh()) - s3.Hidden).InfinityNorm() < 1e-15, "eq. (6): h₃ = o₃ ⊙ tanh(C₃)");
Claims.Check(pass.Steps.All(s => s.Forget.All(v => v > 0 && v < 1)), "gates are sigmoids: every activation lies strictly between 0 and 1");

// ## The same LSTM in TorchSharp
//
// `CopyTo` writes the weights in `nn.LSTM`'s layout — gates stacked as i, f, g (candidate), o, and
// each $W$ split into its $x$ and $h$ columns. Outputs, and the gradients of a loss on every $h_t$,
// must agree with the hand-written backward pass.

var torchLstm = torch.nn.LSTM(4, 3, batchFirst: true, dtype: torch.float64);
lstm.CopyTo(torchLstm);
var input = weeks.ToTensor().unsqueeze(0).requires_grad_(true);
var (hs, _, _) = torchLstm.forward(input, null);
var upstream = Enumerable.Range(0, 14).Select(t => Vector<double>.Build.Dense(3, 1.0 / (t + 1))).ToArray();   // L = Σ_t h_t · u_t
(hs * Matrix<double>.Build.DenseOfRowVectors(upstream).ToTensor().unsqueeze(0)).sum().backward();
var grads = lstm.Backward(pass, upstream);
double outputDifference = hs.detach().contiguous().data<double>().ToArray().Zip(pass.Steps.SelectMany(s => s.Hidden)).Max(p => Math.Abs(p.First - p.Second));
double inputGradientDifference = input.grad!.contiguous().data<double>().ToArray().Zip(grads.X.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));
double forgetGradientDifference = torchLstm.get_parameter("weight_hh_l0")!.grad!.narrow(0, 3, 3).contiguous().data<double>().ToArray().Zip(grads.Wf.SubMatrix(0, 3, 0, 3).ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));
Console.WriteLine($"worst differences: h_t {outputDifference:E2}, ∂L/∂x_t {inputGradientDifference:E2}, ∂L/∂W_f (h columns) {forgetGradientDifference:E2}");
Claims.Check(Math.Max(outputDifference, Math.Max(inputGradientDifference, forgetGradientDifference)) < 1e-12, "from-scratch LSTM and TorchSharp's nn.LSTM agree on outputs and gradients");

// ## An LSTM classifier for digits read row by row
//
// Each 8×8 digit is a sequence of 8 rows; an LSTM with 32 units reads them and a dense layer
// names the digit from the last hidden state.

var digits = Datasets.Digits();
var (trainIdx, testIdx) = TrainTestSplit.Indices(digits.Count, 0.7, Seeds.Default);
var xTrain = digits.ImageTensor(trainIdx).squeeze(1);   // (1257, 8 timesteps, 8 features)
var xTest = digits.ImageTensor(testIdx).squeeze(1);
var yTrain = digits.LabelTensor(trainIdx);
var yTest = digits.LabelTensor(testIdx);
Seeds.Set(Seeds.Default);
var classifier = new SequenceClassifier(RecurrentKind.Lstm, features: 8, units: 32, classes: 10);
var live = LiveChart.Show("LSTM digit classifier: training loss (live)");
var history = ClassifierTraining.Train(classifier, xTrain, yTrain, epochs: 25, batchSize: 32, learningRate: 0.01, seed: Seeds.Default, progress: (e, loss) => live.Add("loss", loss));
double accuracy = ClassifierTraining.Accuracy(classifier, xTest, yTest);
Console.WriteLine($"held-out accuracy {accuracy:P1} after {history.Elapsed.TotalSeconds:F1} s of training");
Claims.Check(accuracy >= 0.95, "reading rows as a sequence, the LSTM classifies at least 95% of held-out digits");

// ## Summary
//
// * Forget, input and output gates are sigmoids in (0, 1) that scale the cell state, the new candidate and the output.
// * The cell state's update is additive, which is why gradients survive longer than in a simple RNN (day 10).
// * The from-scratch cell, its BPTT, and TorchSharp's `nn.LSTM` are the same function.
//
// ## Exercises
//
// 1. How many trainable parameters has the notes' LSTM (3 units, 4 features), counting the four 3×7 matrices and four biases? Replace `-1`.
// 2. How many does TorchSharp's `nn.LSTM(4, 3)` have (it keeps two bias vectors)? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
long answer2 = -1;

Claims.Exercise("Exercise 1", answer1 == 4 * (3 * 7 + 3));
Claims.Exercise("Exercise 2", answer2 == torch.nn.LSTM(4, 3).parameters().Sum(p => p.numel()));
