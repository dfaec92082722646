// day-10-backprop-through-time.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-10-backprop-through-time.cs
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

// # Day 10 — Backpropagation through time, and the problems with RNNs
//
// The notes' sentiment example: vocabulary **cat, mat, rat** as one-hot vectors, three-word reviews,
// 3 hidden units, a sigmoid output and binary cross-entropy (biases left in, unlike the notes, so the
// model matches Keras and TorchSharp):
//
// $$o_t = \tanh(x_t W_i + o_{t-1} W_h + b),\quad \hat y = \sigma(o_3 W_o + b_o),\quad L = -y\log\hat y - (1-y)\log(1-\hat y).$$
//
// The loss depends on $W_i$ through every step, so its gradient is a **sum over time**
// (the notes' dependency chart, $n$ terms for $n$ words):
// $$\frac{\partial L}{\partial W_i} = \sum_{j=1}^{3}\frac{\partial L}{\partial \hat y}\,\frac{\partial \hat y}{\partial o_j}\,\frac{\partial o_j}{\partial W_i},\qquad
// \frac{\partial \hat y}{\partial o_1} = \frac{\partial \hat y}{\partial o_3}\frac{\partial o_3}{\partial o_2}\frac{\partial o_2}{\partial o_1},$$
// and the same for $W_h$; $\partial L/\partial W_o = (\hat y - y)\,o_3$.
//
// Each factor $\partial o_t/\partial o_{t-1} = \operatorname{diag}(1 - o_t^2)\,W_h^\top$ has norm typically below 1 (vanishing) or,
// for large weights, above 1 (exploding) — the **problems with RNNs**. LSTMs and gradient clipping are the answers.
//
// Library types used here: `SimpleRnn`, `RnnGradients`, `Lstm`, `GradientClipping`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Matrix<double> Words(params int[] w) => Matrix<double>.Build.Dense(w.Length, 3, (t, f) => w[t] == f ? 1 : 0);   // cat = 0, mat = 1, rat = 2
var reviews = new (Matrix<double> X, double Y)[] { (Words(0, 1, 2), 1), (Words(2, 2, 1), 1), (Words(1, 0, 0), 0) };   // the notes' three rows
var model = new SimpleRnn(features: 3, units: 3, random.System);

// ## The gradients by hand, checked against TorchSharp autograd

var pass = model.Forward(reviews[0].X);
var grads = model.Backward(pass, reviews[0].Y);
var rnn = torch.nn.RNN(3, 3, batchFirst: true, dtype: torch.float64);
using (torch.no_grad())
{
    rnn.get_parameter("weight_ih_l0")!.copy_(model.Wi.Transpose().ToTensor());
    rnn.get_parameter("weight_hh_l0")!.copy_(model.Wh.Transpose().ToTensor());
    rnn.get_parameter("bias_ih_l0")!.copy_(model.B.ToTensor());
    rnn.get_parameter("bias_hh_l0")!.zero_();
}
var wo = model.Wo.ToTensor().requires_grad_(true);
var bo = torch.tensor(model.Bo, torch.float64).requires_grad_(true);
var (outs, _) = rnn.forward(reviews[0].X.ToTensor().unsqueeze(0), null);
torch.nn.functional.binary_cross_entropy(torch.sigmoid(outs[0, -1].matmul(wo) + bo), torch.tensor(1.0, torch.float64)).backward();
double Worst(torch.Tensor t, Matrix<double> m) => t.contiguous().data<double>().ToArray().Zip(m.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));
var differences = new (string Name, double Value)[]
{
    ("∂L/∂W_i", Worst(rnn.get_parameter("weight_ih_l0")!.grad!.T, grads.Wi)),
    ("∂L/∂W_h", Worst(rnn.get_parameter("weight_hh_l0")!.grad!.T, grads.Wh)),
    ("∂L/∂b", Worst(rnn.get_parameter("bias_ih_l0")!.grad!.unsqueeze(0), grads.B.ToRowMatrix())),
    ("∂L/∂W_o", Worst(wo.grad!.unsqueeze(0), grads.Wo.ToRowMatrix())),
    ("∂L/∂b_o", Math.Abs(bo.grad!.item<double>() - grads.Bo)),
};
foreach (var (name, value) in differences) Console.WriteLine($"{name,-8} worst difference {value:E2}");
Claims.Check(differences.All(d => d.Value < 1e-12), "every BPTT gradient equals TorchSharp's autograd to 1e-12");
Claims.Close(grads.Bo, pass.Prediction - reviews[0].Y, 1e-15, "∂L/∂b_o = ŷ − y, as the notes derive for sigmoid and cross-entropy");

// ## Gradient descent on the three reviews

var live = LiveChart.Show("Training loss over the three reviews (live)");
double Total() => reviews.Sum(r => SimpleRnn.Loss(model.Forward(r.X).Prediction, r.Y));
double start = Total();
for (int epoch = 1; epoch <= 200; epoch++)
{
    foreach (var (x, y) in reviews) model.Step(model.Backward(model.Forward(x), y), learningRate: 0.5);
    if (epoch == 1 || epoch % 10 == 0) live.Add("loss", epoch, Total());
}
Console.WriteLine($"loss {start:F3} → {Total():F4}; predictions: " + string.Join(", ", reviews.Select(r => $"{model.Forward(r.X).Prediction:F3} (y = {r.Y})")));
Claims.Check(Total() < start / 10, "gradient descent lowers the loss more than ten-fold");
Claims.Check(reviews.All(r => (model.Forward(r.X).Prediction > 0.5) == (r.Y == 1)), "all three reviews are classified correctly");

// ## Vanishing gradients: how much reaches the early steps?
//
// A 40-step sequence, the loss at the end only. ‖∂L/∂o_t‖ shrinks by a factor at every step back.
// For an LSTM the cell state passes gradient through $f_t \odot$ — an additive path — and with the
// common initialisation of the forget-gate bias at 1, far more of it survives.

const int length = 40;
var longSequence = Matrix<double>.Build.Dense(length, 3, (_, _) => random.System.NextDouble() * 2 - 1);
var plainRnn = new SimpleRnn(3, 8, new Random(3));
var rnnNorms = plainRnn.Backward(plainRnn.Forward(longSequence), 1).StateGradientNorms;
var lstm = new Lstm(3, 8, new Random(3));
for (int u = 0; u < 8; u++) lstm.Bf[u] = 1.0;   // forget-gate bias 1: remember by default
var lstmPass = lstm.Forward(longSequence);
var outside = Enumerable.Range(0, length).Select(t => Vector<double>.Build.Dense(8, t == length - 1 ? 1.0 : 0.0)).ToArray();
var lstmNorms = lstm.Backward(lstmPass, outside).HiddenGradientNorms;
var distance = Enumerable.Range(0, length).Select(t => (double)(length - 1 - t)).ToArray();
Show(Charts.Lines("Gradient reaching each step (log10 ‖∂L/∂h_t‖) against its distance from the loss", "steps before the end", "log10 norm",
    new Series("simple RNN", distance, rnnNorms.Select(Math.Log10).ToArray()),
    new Series("LSTM", distance, lstmNorms.Select(Math.Log10).ToArray())));

double rnnRatio = rnnNorms[0] / rnnNorms[^1], lstmRatio = lstmNorms[0] / lstmNorms[^1];
Console.WriteLine($"gradient at step 1 relative to step {length}: simple RNN {rnnRatio:E1}, LSTM {lstmRatio:E1}");
Claims.Check(rnnRatio < 1e-3, "in the simple RNN less than a thousandth of the gradient reaches the first step");
Claims.Check(lstmRatio > 100 * rnnRatio, "the LSTM keeps at least a hundred times more of it");

// ## Exploding gradients and clipping
//
// When $W_h$ stretches vectors (here $W_h = 1.5\,I$) and tanh works in its near-linear range (small
// inputs, so the states stay small), every factor $\partial o_t/\partial o_{t-1} \approx 1.5\,I$: the gradient
// *grows* towards the early steps, about $1.5^{14} \approx 290$-fold over 15 steps. (With large states tanh
// saturates and the factor $1 - o_t^2$ shrinks it again — one reason tanh RNNs vanish more often than they explode.)
// Clipping by global norm caps the update without changing its direction.

var exploding = new SimpleRnn(3, 8, new Random(4));
exploding.Wh.Clear();
for (int u = 0; u < 8; u++) exploding.Wh[u, u] = 1.5;
exploding.B.Clear();
var small = longSequence.SubMatrix(0, 15, 0, 3) * 1e-4;
var eg = exploding.Backward(exploding.Forward(small), 1);
Console.WriteLine($"‖∂L/∂o_1‖ / ‖∂L/∂o_15‖ = {eg.StateGradientNorms[0] / eg.StateGradientNorms[^1]:F1}");
double before = GradientClipping.ClipByGlobalNorm(new[] { eg.Wi, eg.Wh }, new[] { eg.B, eg.Wo }, maxNorm: 1.0);
double after = GradientClipping.GlobalNorm(new[] { eg.Wi, eg.Wh }, new[] { eg.B, eg.Wo });
Console.WriteLine($"global gradient norm {before:F2} → {after:F2} after clipping");
Claims.Check(eg.StateGradientNorms[0] > 100 * eg.StateGradientNorms[^1], "with W_h = 1.5·I the gradient at the first step is over a hundred times that at the last");
Claims.Check(Math.Abs(after - 1) < 1e-12 || before <= 1, "clipping brings the global norm down to the limit");

// ## Summary
//
// * BPTT sums each weight's gradient over the unfolded steps; the hand-written version equals autograd.
// * Products of Jacobians make gradients vanish (or explode) with distance; LSTMs keep an additive
//   path through the cell state; clipping tames explosions.
//
// ## Exercises
//
// 1. How many terms does $\partial L/\partial W_i$ have for a 7-word review? Replace `-1`.
// 2. After training, what does the model predict for "cat cat cat" — above or below ½? Replace `""` with `"above"` or `"below"`.

int answer1 = -1;
string answer2 = "";

Claims.Exercise("Exercise 1", answer1 == 7);
Claims.Exercise("Exercise 2", answer2 == (model.Forward(Words(0, 0, 0)).Prediction > 0.5 ? "above" : "below"));
