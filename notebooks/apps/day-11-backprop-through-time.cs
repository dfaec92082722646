// day-11-backprop-through-time.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-11-backprop-through-time.cs
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

// # Day 11 — Backpropagation through time, and the problems with RNNs
//
// Day 10 trained an RNN with `loss.backward()` and let autograd find the gradients. This day opens
// that box. An RNN uses **the same weights at every step**, so a change in $W_h$ changes every state,
// and each state changes all the states after it: the gradient has to follow every one of those paths.
// Writing them out gives **backpropagation through time** (BPTT), and also explains the two problems
// that made simple RNNs hard to train — gradients that **vanish** or **explode** with distance — and the
// two everyday remedies, **truncated BPTT** and **gradient clipping**.
//
// The derivation uses the notes' sentiment example, small enough to write every term: a vocabulary
// of **cat, mat, rat** as one-hot vectors, three-word reviews, 3 hidden units, a sigmoid output and
// binary cross-entropy (with biases, unlike the notes, so the model matches Keras and TorchSharp):
//
// $$o_t = \tanh(x_t W_i + o_{t-1} W_h + b),\quad o_0 = 0,\quad \hat y = \sigma(o_3 W_o + b_o),\quad L = -y\log\hat y - (1-y)\log(1-\hat y).$$
//
// The experiments that follow use real text: a sentence of *Pride and Prejudice* for the gradient
// norms, and day 10's baby names for truncated BPTT.
//
// Library types used here: `SimpleRnn`, `SimpleRnnGradients`, `Lstm`, `GradientClipping`,
// `Vocabulary`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(11);   // this day's exercise hints, kept off the page until you try
Matrix<double> Words(params int[] w) =>                         // cat = 0, mat = 1, rat = 2
    Matrix<double>.Build.Dense(w.Length, 3, (t, f) => w[t] == f ? 1 : 0);   // (T, 3) one-hot
var reviews = new (Matrix<double> X, double Y)[]                          // the notes' three rows
    { (Words(0, 1, 2), 1), (Words(2, 2, 1), 1), (Words(1, 0, 0), 0) };
var model = new SimpleRnn(features: 3, units: 3, random.System);

// ## The dependency chart
//
// Unfolded over a three-word review, the model is a chain. Each arrow says "is computed from";
// the weights enter at every step:
//
// ```
//         W_i        W_i        W_i
//          |          |          |
//   x_1 -->|   x_2 -->|   x_3 -->|
//          v          v          v
//  o_0 --> o_1 -----> o_2 -----> o_3 ----> ŷ ----> L
//          ^          ^          ^         ^
//          |          |          |         |
//         W_h        W_h        W_h     W_o, b_o
// ```
//
// $W_o$ touches the loss along one path, so its gradient is one chain-rule product: with
// $z = o_3 W_o + b_o$, $\partial L/\partial z = \hat y - y$ (sigmoid and cross-entropy cancel, as on
// day 8), hence $\partial L/\partial W_o = (\hat y - y)\,o_3$ and $\partial L/\partial b_o = \hat y - y$.
//
// $W_i$ is different: it reaches $L$ through $o_3$ directly, through $o_2$ and then $o_3$, and through
// $o_1$, $o_2$, $o_3$. Two kinds of derivative keep this straight:
//
// * the **immediate** derivative $\partial^+ o_t/\partial W_i$: how $o_t$ changes with $W_i$ when
//   $o_{t-1}$ is held fixed — only the $W_i$ *in step $t$'s own formula* moves;
// * the **total** derivative $d o_t / d W_i$: how $o_t$ changes when $W_i$ changes everywhere,
//   including through $o_{t-1}$.
//
// Since $o_t$ depends on $W_i$ directly and through $o_{t-1}$, the chain rule gives a recursion:
//
// $$\frac{d o_t}{d W_i} = \frac{\partial^+ o_t}{\partial W_i} + \frac{\partial o_t}{\partial o_{t-1}}\,\frac{d o_{t-1}}{d W_i}, \qquad \frac{d o_0}{d W_i} = 0 .$$
//
// Unrolled for $t = 3$:
//
// $$\frac{d o_3}{d W_i} = \frac{\partial^+ o_3}{\partial W_i} + \frac{\partial o_3}{\partial o_2}\frac{\partial^+ o_2}{\partial W_i} + \frac{\partial o_3}{\partial o_2}\frac{\partial o_2}{\partial o_1}\frac{\partial^+ o_1}{\partial W_i} = \sum_{j=1}^{3}\Big(\prod_{k=j+1}^{3}\frac{\partial o_k}{\partial o_{k-1}}\Big)\frac{\partial^+ o_j}{\partial W_i}.$$
//
// Multiplying by $\partial L/\partial o_3 = (\hat y - y)\,W_o^\top$ gives the **sum over time**:
//
// $$\frac{\partial L}{\partial W_i} = \sum_{j=1}^{3} \frac{\partial L}{\partial o_j}\,\frac{\partial^+ o_j}{\partial W_i}, \qquad \frac{\partial L}{\partial o_j} = \frac{\partial L}{\partial o_3}\prod_{k=j+1}^{3}\frac{\partial o_k}{\partial o_{k-1}} .$$
//
// One term per step, because one copy of $W_i$ is used per step. The notes write the same three
// terms, but label them $\partial L/\partial w_1$, $\partial L/\partial w_2$, $\partial L/\partial w_3$
// as if they were three weights: they are the three **uses** of the one $W_i$, and the gradient is
// their sum. In the notes' sum, $\partial o_j/\partial W_i$ must be read as the **immediate** derivative;
// with the total one, the paths through earlier states would be counted twice. $W_h$ has the same
// sum with $\partial^+ o_j/\partial W_h$ (its $j = 1$ term is 0, because $o_0 = 0$).
//
// **Each factor, written out.** With the pre-activation $a_t = x_t W_i + o_{t-1} W_h + b$ and
// $o_t = \tanh(a_t)$: the gradient at the state becomes $\delta_t = \partial L/\partial o_t \odot (1 - o_t^2)$
// at the pre-activation; $a_t$ is linear in the weights, so the immediate terms are
// $x_t^\top \delta_t$ for $W_i$, $o_{t-1}^\top\delta_t$ for $W_h$ and $\delta_t$ for $b$; and one step
// back, $\partial L/\partial o_{t-1} = \delta_t W_h^\top$. So each Jacobian
// $\partial o_t/\partial o_{t-1}$ is "multiply by $1 - o_t^2$, then by $W_h^\top$" — remember this
// product; it decides whether gradients vanish.
//
// **The sum, seen by autograd.** If each step had its *own* copy of $W_i$ — three tensors with the same
// values — autograd would give each copy one term of the sum, and the three must add up to the
// gradient of the shared weight:

var (review, label) = reviews[0];                                              // cat mat rat → 1
var copies = Enumerable.Range(0, 3).Select(_ => model.Wi.ToTensor().requires_grad_()).ToArray();
var shared = model.Wi.ToTensor().requires_grad_();
var (wh, b, wo) = (model.Wh.ToTensor(), model.B.ToTensor(), model.Wo.ToTensor());
torch.Tensor Loss(Func<int, torch.Tensor> wiAt)
{
    var o = torch.zeros(3, dtype: torch.float64);                              // o_0 = 0, (3,)
    for (int t = 0; t < 3; t++)
        o = torch.tanh(review.Row(t).ToTensor().matmul(wiAt(t)) + o.matmul(wh) + b);
    var yHat = torch.sigmoid(o.matmul(wo) + model.Bo);
    return nn.functional.binary_cross_entropy(yHat, torch.tensor(label, torch.float64));
}
Loss(t => copies[t]).backward();
Loss(_ => shared).backward();
for (int j = 0; j < 3; j++)
    Console.WriteLine($"term j = {j + 1} (the W_i of step {j + 1}): "
        + $"norm {copies[j].grad!.norm().item<double>():F4}");
var summed = copies[0].grad! + copies[1].grad! + copies[2].grad!;
double gap = (summed - shared.grad!).abs().max().item<double>();
Console.WriteLine($"‖sum of terms − gradient of the shared W_i‖_max = {gap:E1}");
if (gap > 1e-12) throw new Exception("the per-step terms do not add up to the shared gradient");

// The three terms add up to the shared weight's gradient to machine precision: BPTT is nothing but
// "sum the gradient over every use of the weight". The terms are not equal — the one of the last
// step is usually the largest, because the gradient reaching earlier steps has passed through more
// factors $\operatorname{diag}(1 - o_t^2)\,W_h^\top$, each of which here shrinks it. That is the
// vanishing gradient in miniature, and it is measured at scale below.
//
// ## The gradients by hand, checked against TorchSharp autograd
//
// The library's `SimpleRnn.Backward` is the loop above (you write it in Exercise 1). Its five
// gradients must equal autograd's for TorchSharp's `nn.RNN` with the same weights:

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
var wo_2 = model.Wo.ToTensor().requires_grad_(true);
var bo = torch.tensor(model.Bo, torch.float64).requires_grad_(true);
var (outs, _) = rnn.forward(reviews[0].X.ToTensor().unsqueeze(0), null);
var yHat = torch.sigmoid(outs[0, -1].matmul(wo_2) + bo);
torch.nn.functional.binary_cross_entropy(yHat, torch.tensor(1.0, torch.float64)).backward();
double Worst(torch.Tensor t, Matrix<double> m) => t.contiguous().data<double>().ToArray()
    .Zip(m.ToRowMajorArray()).Max(p => Math.Abs(p.First - p.Second));
var differences = new (string Name, double Value)[]
{
    ("∂L/∂W_i", Worst(rnn.get_parameter("weight_ih_l0")!.grad!.T, grads.Wi)),
    ("∂L/∂W_h", Worst(rnn.get_parameter("weight_hh_l0")!.grad!.T, grads.Wh)),
    ("∂L/∂b", Worst(rnn.get_parameter("bias_ih_l0")!.grad!.unsqueeze(0), grads.B.ToRowMatrix())),
    ("∂L/∂W_o", Worst(wo_2.grad!.unsqueeze(0), grads.Wo.ToRowMatrix())),
    ("∂L/∂b_o", Math.Abs(bo.grad!.item<double>() - grads.Bo)),
};
foreach (var (name, value) in differences)
    Console.WriteLine($"{name,-8} worst difference {value:E2}");
Claims.Check(differences.All(d => d.Value < 1e-12),
    "every BPTT gradient equals TorchSharp's autograd to 1e-12");
Claims.Close(grads.Bo, pass.Prediction - reviews[0].Y, 1e-15,
    "∂L/∂b_o = ŷ − y, as the notes derive for sigmoid and cross-entropy");

// Every gradient agrees to $10^{-12}$, and $\partial L/\partial b_o = \hat y - y$ exactly as derived.
// Gradient descent with these gradients then fits the notes' three reviews:

var live = LiveChart.Show("Training loss over the three reviews (live)");
double Total() => reviews.Sum(r => SimpleRnn.Loss(model.Forward(r.X).Prediction, r.Y));
double start = Total();
for (int epoch = 1; epoch <= 200; epoch++)
{
    foreach (var (x, y) in reviews)
    {
        var p = model.Forward(x);                                          // forward
        var g = model.Backward(p, SimpleRnn.LossGradient(p.Prediction, y)); // BPTT
        model.Step(g, learningRate: 0.5);                                  // W ← W − η ∂L/∂W
    }
    if (epoch == 1 || epoch % 10 == 0) live.Add("loss", epoch, Total());
}
Console.WriteLine($"loss {start:F3} → {Total():F4}; predictions: "
    + string.Join(", ", reviews.Select(r => $"{model.Forward(r.X).Prediction:F3} (y = {r.Y})")));
Claims.Check(Total() < start / 10, "gradient descent lowers the loss more than ten-fold");
Claims.Check(reviews.All(r => (model.Forward(r.X).Prediction > 0.5) == (r.Y == 1)),
    "all three reviews are classified correctly");

// Three reviews are memorised in a few hundred steps: the loss falls by more than ten times and all
// three are classified correctly. That shows the gradients are right, not that the model understood
// anything (Exercise 3 asks what it learnt). From here on the input is real text.
//
// ## Vanishing gradients: how much reaches the early steps?
//
// A sentence of 40 characters from the opening of *Pride and Prejudice*, one-hot over its characters,
// is read by a simple RNN with 8 units; the loss sits at the end only. For every step $t$ we measure
// $\|\partial L/\partial h_t\|$, the gradient that reaches the state at step $t$ (the library's
// backward pass records it). For an LSTM (day 13) the cell state passes the gradient on through
// $f_t \odot$ — an additive path — and with the common initialisation of the forget-gate bias at 1
// far more of it survives. Both models have untrained, randomly drawn weights: the question is what
// the architecture does to a gradient before any training.

var austen = Datasets.JaneAusten()[1].Text;              // Pride and Prejudice
string sentence = austen.Substring(austen.IndexOf("It is a truth"), 40);
var letters = Vocabulary.Characters(new[] { austen[..20000] });
int V = letters.Count;
var longSequence = Matrix<double>.Build.Dense(40, V,
    (t, k) => letters.Id(sentence[t..(t + 1)]) == k ? 1 : 0);                   // (T, V) one-hot
const int length = 40;
Console.WriteLine($"\"{sentence}\" → one-hot {ErrorMessage.FormatShape(40, V)}");
var plainRnn = new SimpleRnn(V, 8, new Random(3));
var rnnNorms = plainRnn.Backward(plainRnn.Forward(longSequence), logitGradient: 1)
    .StateGradientNorms;                                                  // (40,)
var lstm = new Lstm(V, 8, new Random(3));
for (int u = 0; u < 8; u++) lstm.Bf[u] = 1.0;   // forget-gate bias 1: remember by default
var lstmPass = lstm.Forward(longSequence);
var outside = Enumerable.Range(0, length)
    .Select(t => Vector<double>.Build.Dense(8, t == length - 1 ? 1.0 : 0.0)).ToArray();
var lstmNorms = lstm.Backward(lstmPass, outside).HiddenGradientNorms;
var distance = Enumerable.Range(0, length).Select(t => (double)(length - 1 - t)).ToArray();
Series Log10Line(string name, double[] norms) =>
    new(name, distance, norms.Select(Math.Log10).ToArray());
Display.Show(Charts.SmallMultiples("Gradient reaching each character, log10 ‖∂L/∂h_t‖",
    "characters before the loss", "log10 norm", new[] {
        ("simple RNN", new[] { Log10Line("simple RNN", rnnNorms) }),
        ("LSTM, forget bias 1", new[] { Log10Line("LSTM", lstmNorms) }) }, columns: 2));

string Sci(double v)                                      // 3.7·10^-12, as the prose writes it
{
    int e = (int)Math.Floor(Math.Log10(Math.Abs(v)));
    return $"{v / Math.Pow(10, e):F1}·10^{e}";
}
double rnnRatio = rnnNorms[0] / rnnNorms[^1], lstmRatio = lstmNorms[0] / lstmNorms[^1];
double rhoDefault = plainRnn.Wh.Evd().EigenValues.Max(v => v.Magnitude);   // spectral radius
Console.WriteLine($"gradient at step 1 relative to step {length}: "
    + $"simple RNN {Sci(rnnRatio)}, LSTM {Sci(lstmRatio)}; ratio {Sci(lstmRatio / rnnRatio)}");
Console.WriteLine($"the simple RNN's W_h as drawn: spectral radius ρ = {rhoDefault:F2}");
Claims.Check(rnnRatio < 1e-3,
    "in the simple RNN less than a thousandth of the gradient reaches the first step");
Claims.Check(lstmRatio > 100 * rnnRatio,
    "at these initialisations the LSTM keeps at least a hundred times more of it");

// The simple RNN's line falls almost straight on the log scale: each character back multiplies
// the gradient by roughly the same factor, and after 39 steps only $3.7 \cdot 10^{-12}$ of it is left
// — the first characters of the sentence have, for training purposes, no influence on the loss. The
// LSTM, with its additive cell-state path and forget bias 1, keeps $3.8 \cdot 10^{-5}$, about
// $10^{7}$ times more, though still small.
//
// Do not read this as "an LSTM keeps ten million times more gradient": both models are
// **untrained**, and the comparison depends on how their weights were drawn (this $W_h$ has spectral
// radius $\rho = 0.86$, printed above). What gates buy is not a bigger gradient at initialisation but
// the ability to *learn* which units to keep (a forget gate near 1) and which to overwrite.
//
// ### The spectral radius of $W_h$ decides
//
// Each step back multiplies the gradient by $\operatorname{diag}(1 - h_t^2)\,W_h^\top$. The factor
// $1 - h_t^2$ is at most 1, so what can make the product grow is $W_h$: roughly, if its largest
// eigenvalue magnitude — the **spectral radius** $\rho$ — is below 1 the gradient shrinks geometrically,
// like $\rho^{k}$ after $k$ steps; above 1 it may grow, until tanh saturates and $1 - h_t^2$ pulls it
// down again. The slider sets $W_h = \rho\,Q$ with a fixed random rotation $Q$ (all its eigenvalues
// have magnitude 1, so $W_h$'s are exactly $\rho$) and reads the same Austen sentence.

var rotation = Matrix<double>.Build.Random(8, 8, new MathNet.Numerics.Distributions.Normal(
    0, 1, new Random(7))).QR().Q;                                              // orthogonal, (8, 8)
var frames = new List<(string, Series[])>();
var endRatio = new Dictionary<double, double>();
foreach (double rho in new[] { 0.5, 0.8, 1.0, 1.2, 1.5, 2.0 })
{
    var probe = new SimpleRnn(V, 8, new Random(3));
    (rho * rotation).CopyTo(probe.Wh);
    var norms = probe.Backward(probe.Forward(longSequence), logitGradient: 1).StateGradientNorms;
    endRatio[rho] = norms[0] / norms[^1];
    frames.Add(($"ρ = {rho}", new[] { new Series("log10 ‖∂L/∂h_t‖", distance,
        norms.Select(Math.Log10).ToArray()) }));
    Console.WriteLine($"ρ = {rho,3}: ‖∂L/∂h_1‖ / ‖∂L/∂h_40‖ = {Sci(endRatio[rho])}");
}
if (!(endRatio[0.5] < endRatio[1.0] && endRatio[1.0] < endRatio[2.0]))
    throw new Exception("a larger spectral radius should let more gradient through");
Claims.Check(endRatio[1.0] > lstmRatio,
    "an untrained simple RNN with ρ = 1 passes back more gradient than the untrained LSTM");
Display.Show(Charts.LinesSlider("Gradient per character as W_h = ρ·Q grows", "characters before the loss",
    "log10 ‖∂L/∂h_t‖", "spectral radius ρ", frames));

// Move the slider (the printed lines give every frame). At $\rho = 0.5$ the gradient reaching the
// first character is $7.0 \cdot 10^{-14}$ of that at the last, at $\rho = 0.8$ it is
// $3.1 \cdot 10^{-6}$, at $\rho = 1$ still $3.1 \cdot 10^{-3}$ (the tanh derivative alone shrinks it),
// at $\rho = 1.5$ it is $4.5 \cdot 10^{-1}$. At $\rho = 2$ it does **not** grow further
// ($4.1 \cdot 10^{-1}$): the states saturate, $1 - h_t^2$ becomes small at many steps and cancels the
// stretching. So the spectral radius controls vanishing directly, and saturation caps explosion —
// which is why initialising $W_h$ near $\rho \approx 1$ (e.g. an orthogonal matrix) is a common
// choice.
//
// The slider also corrects the comparison above: from $\rho = 1$ on, the **untrained simple RNN
// keeps more gradient than the untrained LSTM** ($3.1 \cdot 10^{-3}$ against $3.8 \cdot 10^{-5}$; the
// check above fails if not). The LSTM's lead came from how the simple RNN's $W_h$ was drawn
// ($\rho = 0.86$, not orthogonal). Gradient norms at initialisation say little about what a trained
// model can remember.
//
// ## Exploding gradients and clipping
//
// When $W_h$ stretches vectors (here $W_h = 1.5\,I$) and tanh works in its near-linear range (tiny
// inputs, so the states stay small), every factor $\partial o_t/\partial o_{t-1} \approx 1.5\,I$: the
// gradient *grows* towards the early steps, about $1.5^{14} \approx 290$-fold over 15 steps. (With
// large states tanh saturates and $1 - o_t^2$ shrinks it again, as the slider showed at $\rho = 2$;
// explosion needs both a stretching $W_h$ and states in tanh's near-linear range, which this
// experiment creates on purpose with tiny inputs.) An exploded gradient makes one update huge and throws the weights far
// away. **Clipping by global norm** rescales all gradients together, $g \leftarrow g \cdot \min(1, c/\|g\|)$, so the step keeps its direction but its length is at most $c$.

var exploding = new SimpleRnn(V, 8, new Random(4));
exploding.Wh.Clear();
for (int u = 0; u < 8; u++) exploding.Wh[u, u] = 1.5;
exploding.B.Clear();
var small = longSequence.SubMatrix(0, 15, 0, V) * 1e-4;   // 15 characters, scaled down
var eg = exploding.Backward(exploding.Forward(small), logitGradient: 1);
double growth = eg.StateGradientNorms[0] / eg.StateGradientNorms[^1];
Console.WriteLine($"‖∂L/∂o_1‖ / ‖∂L/∂o_15‖ = {growth:F1}");
var raw = new[] { eg.Wi, eg.Wh, eg.B.ToRowMatrix(), eg.Wo.ToRowMatrix() }
    .Select(m => m.ToTensor()).ToArray();                        // copies, before clipping
var asParameters = raw.Select(g =>
{
    var w = new TorchSharp.Modules.Parameter(torch.zeros_like(g));
    (w * g).sum().backward();                                    // w.grad = g
    return w;
}).ToArray();
double torchBefore = nn.utils.clip_grad_norm_(asParameters, 1.0);  // TorchSharp's clipping
double before = GradientClipping.ClipByGlobalNorm(new[] { eg.Wi, eg.Wh }, new[] { eg.B, eg.Wo },
    maxNorm: 1.0);
double after = GradientClipping.GlobalNorm(new[] { eg.Wi, eg.Wh }, new[] { eg.B, eg.Wo });
Console.WriteLine($"global gradient norm {before:F2} → {after:F2} after clipping");
Claims.Check(eg.StateGradientNorms[0] > 100 * eg.StateGradientNorms[^1],
    "with W_h = 1.5·I the gradient at the first step is over a hundred times that at the last");
var clipped = new[] { eg.Wi, eg.Wh, eg.B.ToRowMatrix(), eg.Wo.ToRowMatrix() };
double clipGap = clipped.Zip(asParameters).Max(p =>
    (p.First.ToTensor() - p.Second.grad!).abs().max().item<double>());
Console.WriteLine($"TorchSharp's clip_grad_norm_: norm before {torchBefore:F2}; "
    + $"largest difference from ours after clipping {clipGap:E1}");
Claims.Check(Math.Abs(torchBefore - before) < 1e-9 * before && clipGap < 1e-8,
    "our clipping gives TorchSharp's clip_grad_norm_ result, entry for entry (to 1e-8)");

// The measured growth, 291.9, is the predicted $1.5^{14} \approx 292$: in the near-linear regime the
// Jacobian product is just $W_h^{14}$. The global gradient norm of 603.6 would move the weights by
// hundreds of learning rates in one step; after clipping it is exactly 1.00, and the direction is the
// same (every gradient is scaled by the same factor $1/603.6$). TorchSharp's `clip_grad_norm_`, given the
// same gradients, returns the same norm and the same clipped entries to about $10^{-9}$: it divides by
// the norm plus $10^{-6}$, a guard against dividing by zero.
//
// ## Truncated BPTT
//
// Full BPTT keeps every state of the sequence and walks back through all of them. For a name that is
// cheap; for a language model reading a whole novel (a many-to-many RNN predicting the next character
// at every position of 700,000 characters) it is impossible: memory grows with the length, one update
// needs a pass over the whole book, and the terms from far away have vanished anyway. **Truncated BPTT**
// limits the walk back to the last $k$ steps:
//
// $$\frac{\partial L}{\partial W} \approx \sum_{j=T-k+1}^{T} \frac{\partial L}{\partial o_j}\,\frac{\partial^+ o_j}{\partial W},$$
//
// i.e. the sum over time keeps only its last $k$ terms. In code it is one call: **detach** the state
// before the last $k$ steps (`h.detach()`: same values, but autograd treats it as a constant). The
// forward pass is unchanged — the state still carries information from the whole past — but the
// weights are never told how to put information *into* the state more than $k$ steps before the loss.
// For a novel, one cuts the text into chunks of $k$ characters, carries the detached state from chunk
// to chunk, and updates after each chunk.
//
// What can a truncated model not learn? Anything whose evidence is further than $k$ steps from the
// loss. The test: day 10's task, but each name is fed **reversed**, so its most informative letters,
// the ending, are read **first** — as far from the loss as possible. The model below steps through the
// letters with `nn.RNNCell` (one step of day 10's recurrence), so that it can detach at step
// $\text{length} - k$ of each name, and it keeps each name's state once the name has ended (padding).

var names = Datasets.BabyNames();
var nameVocab = Vocabulary.Characters(names.Select(n => n.Name));
var nameRandom = new Random(Seeds.Default);
var nameOrder = Enumerable.Range(0, names.Count).OrderBy(_ => nameRandom.Next()).ToArray();
int[] testRows = nameOrder[..4000], validRows = nameOrder[4000..8000];
int[] trainRows = nameOrder[8000..];
string Reversed(string s) => new string(s.Reverse().ToArray());
(Tensor X, Tensor Lengths, Tensor Girl) NameBatch(IEnumerable<int> rows)
{
    var picked = rows.ToArray();
    var padded = nameVocab.EncodeBatch(picked.Select(r => Reversed(names[r].Name)));
    var x = nn.functional.one_hot(padded.ToTensor(), nameVocab.Count).to_type(torch.float32);
    var girl = torch.tensor(picked.Select(r => names[r].Sex == 'F' ? 1f : 0f).ToArray());
    return (x, padded.LengthTensor(), girl);                    // (B, T, V), (B,), (B,)
}
double TestAccuracy(StepRnn m) => RowsAccuracy(m, testRows);
double RowsAccuracy(StepRnn m, int[] rows)
{
    using var scope = torch.NewDisposeScope();
    using var noGrad = torch.no_grad();
    var (x, len, girl) = NameBatch(rows);
    var right = (m.forward(x, len) > 0).to_type(torch.float32) == girl;
    return right.to_type(torch.float32).mean().item<float>();
}

StepRnn TrainReversed(int k, LiveChart live, string name)
{
    torch.manual_seed(Seeds.Default);
    var m = new StepRnn(nameVocab.Count, 64);
    var optimizer = torch.optim.Adam(m.parameters(), lr: 0.01);
    var rng = new Random(Seeds.Default);
    for (int epoch = 1; epoch <= 3; epoch++)                    // 3 epochs: time budget
    {
        var order = trainRows.OrderBy(_ => rng.Next()).ToArray();
        for (int start = 0; start < order.Length; start += 128)
        {
            using var scope = torch.NewDisposeScope();
            var (x, len, girl) = NameBatch(order[start..Math.Min(start + 128, order.Length)]);
            var loss = nn.functional.binary_cross_entropy_with_logits(m.Logits(x, len, k), girl);
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(m.parameters(), 1.0);                   // clipping, as above
            optimizer.step();
        }
        live.Add(name, epoch, 100 * RowsAccuracy(m, validRows));
    }
    return m;
}
var liveTbptt = LiveChart.Show("Reversed names: full vs truncated BPTT", "epoch",
    "validation accuracy (%)");
var full = TrainReversed(int.MaxValue, liveTbptt, "full BPTT");
var truncated = TrainReversed(2, liveTbptt, "truncated, k = 2");

var firstTwo = trainRows.GroupBy(r => names[r].Name[..2])
    .ToDictionary(g => g.Key, g => g.Average(r => names[r].Sex == 'F' ? 1.0 : 0.0) >= 0.5);
bool FirstTwoSaysGirl(string s) => firstTwo.TryGetValue(s[..2], out bool g) ? g : true;
double firstTwoRule = testRows.Average(r =>
    FirstTwoSaysGirl(names[r].Name) == (names[r].Sex == 'F') ? 1.0 : 0.0);
double fullAccuracy = TestAccuracy(full), truncatedAccuracy = TestAccuracy(truncated);
Console.WriteLine($"test accuracy on reversed names: full BPTT {fullAccuracy:P1}, "
    + $"truncated (k = 2) {truncatedAccuracy:P1}; rule on the first two letters {firstTwoRule:P1}");
Console.WriteLine($"truncation costs {100 * (fullAccuracy - truncatedAccuracy):F1} points");
double standardError = Math.Sqrt(fullAccuracy * (1 - fullAccuracy) / testRows.Length);
if (fullAccuracy < truncatedAccuracy + 3 * standardError)
    throw new Exception("truncation should cost accuracy here");
if (truncatedAccuracy < firstTwoRule + 3 * standardError)
    throw new Exception("the truncated model should still beat the first-two-letters rule");

// Full BPTT reads the reversed names and reaches 83.4 % on the test names after three epochs: over at
// most 14 steps enough gradient still gets back to the first letters read (the ending). Truncated to
// $k = 2$ it reaches 76.0 % — 7.4 points worse (the check demands at least three standard errors), yet
// far above 63.0 %, the best one can do with the two letters that get a gradient (the rule on each
// name's first two letters). How does a model that never received a gradient from the ending still
// use it? The weights are **shared**: $W_x$ and $W_h$, trained only on the last two steps, are also the
// weights that wrote the ending into the state at the earlier steps, and the head reads that state.
// Truncation removes the *training signal* for long dependencies, not the forward information; what
// the model keeps from far back is whatever the short-range training happens to preserve. Here that
// is a good part of it, because vowel against consonant looks alike to the weights at any position;
// a dependency that needs the state to be shaped specifically for something far back is lost.
//
// The same cut seen from one name: the gradient of the loss with respect to each input letter,
// $\|\partial L/\partial x_t\|$, for the fully trained model, computed once with full BPTT and once
// truncated to the last two steps.

string probeName = "christina";
var (px, plen, pgirl) = NameBatch(new[] { names.ToList().FindIndex(n => n.Name == probeName) });
double[] InputGradient(int k)
{
    var x = px.clone().requires_grad_();                                      // (1, 9, V)
    nn.functional.binary_cross_entropy_with_logits(full.Logits(x, plen, k), pgirl).backward();
    return x.grad!.squeeze(0).norm(1).data<float>().Select(v => (double)v).ToArray();   // (9,)
}
double[] gFull = InputGradient(int.MaxValue), gCut = InputGradient(2);
var readOrder = Enumerable.Range(1, probeName.Length).Select(t => (double)t).ToArray();
Console.WriteLine("read order: " + Reversed(probeName));
Console.WriteLine("full:      " + string.Join(" ", gFull.Select(v => v.ToString("0.000"))));
Console.WriteLine("truncated: " + string.Join(" ", gCut.Select(v => v.ToString("0.000"))));
int lastTwo = probeName.Length - 2;
if (gCut.Take(lastTwo).Any(v => v != 0) ||
    gCut.Skip(lastTwo).Zip(gFull.Skip(lastTwo)).Any(p => Math.Abs(p.First - p.Second) > 1e-6))
    throw new Exception("truncation should zero the early steps and keep the last two unchanged");
string readLetters = string.Join(" ", Reversed(probeName).ToCharArray());
Display.Show(Charts.SmallMultiples($"‖∂L/∂x_t‖ for '{probeName}' read backwards",
    $"step: the letters read, in order, are {readLetters}",
    "gradient norm",
    new[] { ("full BPTT", new[] { new Series("‖∂L/∂x_t‖", readOrder, gFull) }),
            ("truncated, k = 2", new[] { new Series("‖∂L/∂x_t‖", readOrder, gCut) }) }, columns: 2));

// Read backwards, *christina* is *anitsirhc*: the ending *a*, *n*, *i* comes first. With full BPTT
// the gradient reaches every letter, but unevenly: 0.004 to 0.006 at the last three steps read
// (*r*, *h*, *c*), 0.001 to 0.002 in the middle, 0.003 at the very first (*a*) — even in a trained 9-step RNN, the letters far from
// the loss get a fraction of the gradient of the nearest ones. With $k = 2$ the first seven entries
// are exactly 0 and the last two are the same as with full BPTT: truncation cuts the sum over time,
// it does not change the terms it keeps (the check above tests both).
//
// ## When to use what
//
// * **Full BPTT** for sequences of a few hundred steps or fewer (names, sentences, reviews): exact
//   gradients, affordable memory.
// * **Truncated BPTT** for long streams (a novel, a sensor log, audio): choose $k$ at least as long as
//   the dependencies you need the model to learn — the reversed names show what happens when $k$ is
//   shorter. Carry the state across chunks so the forward pass still sees the past.
// * **Clip** gradients whenever you train an RNN (a maximum global norm of 1–5 is common); it costs
//   nothing when the gradients are small and saves the run when one explodes.
// * If the model must remember far back, clipping does not help (it fights explosion, not vanishing):
//   use an LSTM or GRU (days 13–14) or attention (day 15).

// ## Summary
//
// * BPTT sums each weight's gradient over its uses, one **immediate** term $\partial^+ o_j/\partial W$
//   per step, each carried back to the loss by a product of Jacobians
//   $\partial o_k/\partial o_{k-1} = \operatorname{diag}(1 - o_k^2)\,W_h^\top$; the hand-written
//   version equals autograd.
// * That product makes gradients vanish (spectral radius of $W_h$ below 1, or saturated tanh) or
//   explode (above 1) with distance; LSTMs keep an additive path through the cell state.
// * Truncated BPTT keeps only the last $k$ terms of the sum: cheap, but blind to dependencies longer
//   than $k$. Clipping by global norm caps the step length and keeps its direction.
//
// ## Exercises
//
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it (see day 1
// for how checks work). Reference solutions: `notebooks/solutions/day-11-backprop-through-time.dib`.
//
// ### Exercise 1 — write the BPTT loop
//
// `SimpleRnn.Backward` is the loop you write here: walk backwards from the last step, applying the
// paragraph "each factor, written out" above at every step — $\delta_t$, the three immediate terms
// added to their sums, then $\partial L/\partial o_{t-1} = \delta_t W_h^\top$ (as a column vector,
// $W_h\,\delta_t$).
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
    var x = Matrix<double>.Build.Dense(6, 4, (_, _) => rng.NextDouble() * 2 - 1); // (T, features)
    var p = fresh.Forward(x);
    var reference = fresh.Backward(p, SimpleRnn.LossGradient(p.Prediction, label: 1));
    var (dWi, dWh, dB) = Bptt(x, p.States, fresh.Wh, (p.Prediction - 1) * fresh.Wo);
    return Exercise.Compare("your ∂L/∂W_i", dWi, reference.Wi, 1e-12)
        ?? Exercise.Compare("your ∂L/∂W_h", dWh, reference.Wh, 1e-12)
        ?? Exercise.Compare("your ∂L/∂b", dB, reference.B, 1e-12);
});

// ### Exercise 2 — predict: how fast does the gradient vanish?
//
// Repeat the exploding-gradient experiment with $W_h = 0.5\,I$ instead of $1.5\,I$ (same tiny inputs,
// so tanh is nearly linear and $1 - o_t^2 \approx 1$). Predict $\log_{10}$ of
// $\|\partial L/\partial o_1\| / \|\partial L/\partial o_{15}\|$ — a number, before you run the cell
// below. A prediction within 0.5 of the measurement holds.

// Exercise 2: your prediction of log10(‖∂L/∂o_1‖ / ‖∂L/∂o_15‖) for W_h = 0.5·I
double? prediction2 = null;

var shrinking = new SimpleRnn(V, 8, new Random(4));
shrinking.Wh.Clear();
for (int u = 0; u < 8; u++) shrinking.Wh[u, u] = 0.5;
shrinking.B.Clear();
var sg = shrinking.Backward(shrinking.Forward(small), logitGradient: 1);
double measured = Math.Log10(sg.StateGradientNorms[0] / sg.StateGradientNorms[^1]);
Exercise.Predict("2", prediction2, measured, tolerance: 0.5,
    measured: $"log10(‖∂L/∂o_1‖ / ‖∂L/∂o_15‖) = {measured:F2}");

// ### Exercise 3 — predict: a review the model never saw
//
// The model was trained on *cat mat rat* (positive), *rat rat mat* (positive) and *mat cat cat*
// (negative). Will it score *cat cat cat* **above** or **below** ½? Think about which words the final
// state $o_3$ depends on most, then run the cell below.

// Exercise 3: your prediction, "above" or "below"
string? prediction3 = null;

double catCatCat = model.Forward(Words(0, 0, 0)).Prediction;
Exercise.Predict("3", prediction3, catCatCat > 0.5 ? "above" : "below",
    measured: $"ŷ(cat cat cat) = {catCatCat:F3}");

// ### Exercise 4 — recall: the length of the sum
//
// For a review of 7 words, how many terms does the sum over time for $\partial L/\partial W_i$ have?
// Answer with a number.

// Exercise 4: your answer, e.g. "12"
string? answer4 = null;

Exercise.Recall("4", answer4, "7902699be42c8a8e");

// ### Exercise 5 — train the RNN with your own BPTT
//
// Write the loop that fits the three reviews with **your** `Bptt` (Exercise 1) for $W_i$, $W_h$, $b$
// and the output layer's two gradients from "The dependency chart", one step
// $W \leftarrow W - \eta\,\partial L/\partial W$ per review (update the MathNet weights in place;
// `m.Bo` is a property). The check trains one fresh model with your loop and one with the library's
// `Backward` (verified against autograd above) and compares the trained weights and losses.

// Exercise 5: a training loop driven by your Bptt
void TrainWithYourBptt(SimpleRnn m, IReadOnlyList<(Matrix<double> X, double Y)> data, int epochs,
    double eta)
{
    Exercise.Todo();
}

Exercise.Check("5", () =>
{
    var (yours, library) = (new SimpleRnn(3, 3, new Random(5)), new SimpleRnn(3, 3, new Random(5)));
    double LossOf(SimpleRnn m) => reviews.Sum(r => SimpleRnn.Loss(m.Forward(r.X).Prediction, r.Y));
    double start = LossOf(yours);
    TrainWithYourBptt(yours, reviews, 100, 0.5);
    for (int epoch = 0; epoch < 100; epoch++)
        foreach (var (x, y) in reviews)
        {
            var pass = library.Forward(x);
            library.Step(library.Backward(pass, SimpleRnn.LossGradient(pass.Prediction, y)), 0.5);
        }
    return Exercise.Compare("your trained W_h", yours.Wh, library.Wh, 1e-9)
        ?? Exercise.Compare("your trained W_i", yours.Wi, library.Wi, 1e-9)
        ?? Exercise.Compare("your trained W_o", yours.Wo, library.Wo, 1e-9)
        ?? Exercise.Compare("your loss after training", LossOf(yours), LossOf(library), 1e-9)
        ?? (LossOf(yours) < start / 10 ? null
            : $"the loss fell only from {start:F3} to {LossOf(yours):F3}");
});

// Types declared in the notebook's cells (C# puts them after the statements).

class StepRnn : nn.Module<Tensor, Tensor, Tensor>
{
    public readonly TorchSharp.Modules.RNNCell cell;
    public readonly TorchSharp.Modules.Linear head;
    readonly int units;
    public StepRnn(int vocabulary, int units) : base("StepRnn")
    {
        this.units = units;
        cell = nn.RNNCell(vocabulary, units);   // h_t = tanh(x_t W_xᵀ + h_{t−1} W_hᵀ + b)
        head = nn.Linear(units, 1);
        RegisterComponents();
    }
    public override Tensor forward(Tensor x, Tensor lengths) => Logits(x, lengths, int.MaxValue);
    // x: (B, T, V) one-hot, lengths: (B,); the gradient flows back through each name's last k steps
    public Tensor Logits(Tensor x, Tensor lengths, int k)
    {
        var h = torch.zeros(x.shape[0], units);                              // h_0 = 0, (B, H)
        for (long t = 0; t < x.shape[1]; t++)
        {
            var cut = (lengths - Math.Min(k, 1000)).ge(t).unsqueeze(1);      // (B, 1): t ≤ len − k
            h = torch.where(cut, h.detach(), h);                             // truncation
            var next = cell.forward(x[.., t], h);                            // (B, H)
            h = torch.where((lengths > t).unsqueeze(1), next, h);            // padding: keep h
        }
        return head.forward(h).squeeze(1);                                   // (B,) logits
    }
}
