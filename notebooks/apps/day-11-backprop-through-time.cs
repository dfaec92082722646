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
// Library types used here: `SimpleRnn`, `SimpleRnnGradients`, `Lstm`, `GradientClipping`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Matrix<double> Words(params int[] w) => Matrix<double>.Build.Dense(w.Length, 3, (t, f) => w[t] == f ? 1 : 0);   // cat = 0, mat = 1, rat = 2
var reviews = new (Matrix<double> X, double Y)[] { (Words(0, 1, 2), 1), (Words(2, 2, 1), 1), (Words(1, 0, 0), 0) };   // the notes' three rows
var model = new SimpleRnn(features: 3, units: 3, random.System);

// ## The gradients by hand, checked against TorchSharp autograd

var pass = model.Forward(reviews[0].X);
var grads = model.Backward(pass, SimpleRnn.LossGradient(pass.Prediction, reviews[0].Y));
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
    foreach (var (x, y) in reviews) { var p = model.Forward(x); model.Step(model.Backward(p, SimpleRnn.LossGradient(p.Prediction, y)), learningRate: 0.5); }
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
var rnnNorms = plainRnn.Backward(plainRnn.Forward(longSequence), logitGradient: 1).StateGradientNorms;
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
var eg = exploding.Backward(exploding.Forward(small), logitGradient: 1);
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
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it (see day 1
// for how checks work). Reference solutions: `notebooks/solutions/day-10-backprop-through-time.dib`.
//
// ### Exercise 1 — write the BPTT loop
//
// `SimpleRnn.Backward` is the loop you write here. Walk backwards from the last step. At step $t$ the
// gradient arriving at the state, $\partial L/\partial o_t$, first passes through the tanh:
// $\delta_t = \partial L/\partial o_t \odot (1 - o_t^2)$, the gradient with respect to the
// pre-activation $x_t W_i + o_{t-1} W_h + b$. That pre-activation is linear in each weight, so step $t$
// contributes $x_t^\top \delta_t$ to $\partial L/\partial W_i$, $o_{t-1}^\top \delta_t$ to
// $\partial L/\partial W_h$ and $\delta_t$ to $\partial L/\partial b$ — the sum over time above. It also
// depends on $o_{t-1}$, which hands the gradient to the step before:
// $\partial L/\partial o_{t-1} = \delta_t W_h^\top$ (as a column vector, $W_h\,\delta_t$).
// Start from $\partial L/\partial o_T = (\hat y - y)\,W_o$. The check compares your three sums with the
// library's on a fresh RNN of a different size.

// Exercise 1: the BPTT loop
// x: inputs (T, features); states: o_0 = 0, o_1, …, o_T (T + 1 vectors of length units);
// wh: W_h (units, units); dLdoT: ∂L/∂o_T (units). Return ∂L/∂W_i (features, units), ∂L/∂W_h, ∂L/∂b.
(Matrix<double> DWi, Matrix<double> DWh, Vector<double> DB) Bptt(
    Matrix<double> x, IReadOnlyList<Vector<double>> states, Matrix<double> wh, Vector<double> dLdoT)
{
    return Exercise.Todo<(Matrix<double>, Matrix<double>, Vector<double>)>();
}

Exercise.Check("1", () =>
{
    var fresh = new SimpleRnn(features: 4, units: 5, new Random(11));
    var rng = new Random(12);
    var x = Matrix<double>.Build.Dense(6, 4, (_, _) => rng.NextDouble() * 2 - 1);   // (T, features) = (6, 4)
    var p = fresh.Forward(x);
    var reference = fresh.Backward(p, SimpleRnn.LossGradient(p.Prediction, label: 1));
    var (dWi, dWh, dB) = Bptt(x, p.States, fresh.Wh, (p.Prediction - 1) * fresh.Wo);
    return Exercise.Compare("your ∂L/∂W_i", dWi, reference.Wi, 1e-12)
        ?? Exercise.Compare("your ∂L/∂W_h", dWh, reference.Wh, 1e-12)
        ?? Exercise.Compare("your ∂L/∂b", dB, reference.B, 1e-12);
}, hint: "loop t from T down to 1; states[t] is o_t and states[t − 1] is o_{t−1}, x.Row(t − 1) is x_t; "
    + "MathNet's OuterProduct gives xᵀδ; update ∂L/∂o only after using it.");

// ### Exercise 2 — predict: how fast does the gradient vanish?
//
// Repeat the exploding-gradient experiment with $W_h = 0.5\,I$ instead of $1.5\,I$ (same tiny inputs,
// so tanh is nearly linear and $1 - o_t^2 \approx 1$). Predict $\log_{10}$ of
// $\|\partial L/\partial o_1\| / \|\partial L/\partial o_{15}\|$ — a number, before you run the cell
// below. A prediction within 0.5 of the measurement holds.

// Exercise 2: your prediction of log10(‖∂L/∂o_1‖ / ‖∂L/∂o_15‖) for W_h = 0.5·I
double? prediction2 = null;

var shrinking = new SimpleRnn(3, 8, new Random(4));
shrinking.Wh.Clear();
for (int u = 0; u < 8; u++) shrinking.Wh[u, u] = 0.5;
shrinking.B.Clear();
var sg = shrinking.Backward(shrinking.Forward(small), logitGradient: 1);
double measured = Math.Log10(sg.StateGradientNorms[0] / sg.StateGradientNorms[^1]);
Console.WriteLine($"log10(‖∂L/∂o_1‖ / ‖∂L/∂o_15‖) = {measured:F2}");
Exercise.Predict("2", prediction2, measured, tolerance: 0.5,
    why: "from o_15 back to o_1 the gradient is multiplied by ∂o_t/∂o_{t−1} = diag(1 − o_t²)·W_hᵀ ≈ 0.5·I "
        + "fourteen times, so the ratio is about 0.5¹⁴ ≈ 6·10⁻⁵ and its log10 about 14·log10(0.5) ≈ −4.2.");

// ### Exercise 3 — predict: a review the model never saw
//
// The model was trained on *cat mat rat* (positive), *rat rat mat* (positive) and *mat cat cat*
// (negative). Will it score *cat cat cat* **above** or **below** ½? Think about which words the final
// state $o_3$ depends on most, then run the cell below.

// Exercise 3: your prediction, "above" or "below"
string? prediction3 = null;

double catCatCat = model.Forward(Words(0, 0, 0)).Prediction;
Console.WriteLine($"ŷ(cat cat cat) = {catCatCat:F3}");
Exercise.Predict("3", prediction3, catCatCat > 0.5 ? "above" : "below",
    why: "below: the only negative review, mat cat cat, ends in cat cat, and the final state o_3 is made "
        + "mostly of the last words (each step back is damped by W_h and tanh). Three cats look like that "
        + "review's ending. Three reviews teach 'ends in cat → negative', not meaning: that needs real text.");

// ### Exercise 4 — recall: the length of the sum
//
// For a review of 7 words, how many terms does the sum over time for $\partial L/\partial W_i$ have?
// Answer with a number.

// Exercise 4: your answer, e.g. "12"
string? answer4 = null;

Exercise.Recall("4", answer4, "7902699be42c8a8e", hint: "one term per unfolded step: every step uses the same W_i.");
