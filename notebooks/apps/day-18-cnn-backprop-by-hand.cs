// day-18-cnn-backprop-by-hand.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-18-cnn-backprop-by-hand.cs
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

// # Day 18 — CNN backpropagation by hand
//
// > Trainable parameters: $w_1 = (3, 3)$, $w_2 = (1, 4)$, biases $b_1, b_2$ — total 15 parameters. Loss: binary
// > classification. Divide backprop into 2 parts: ① CNN ② ANN … the gradient of max pooling: only the max
// > elements have a role; put them back in their original place.
// > — the course notes, "CNN Back Prop"
//
// Day 17 trained a CNN with TorchSharp's `backward()`. Today that call is opened up: for the smallest CNN that
// has every ingredient — one convolution, a ReLU, max pooling, flatten, one dense output — we derive each
// gradient with the chain rule, write the backward pass as code in this notebook, check every gradient against
// TorchSharp's autograd, and train the network with it. The notes' network has 15 parameters and tells two
// classes apart; here, MNIST zeros from ones.
//
// **The model and every shape**, for one image (the notes' second version. Their first, "$Z_2 = F W_2$" with
// $F$ of shape (4, 1) and $W_2$ of shape (1, 4), does multiply, but (4, 1)(1, 4) is a (4, 4) outer product —
// sixteen numbers, not one score; the order that gives one score is $W_2 F$, (1, 4)(4, 1) = (1, 1)):
//
// | quantity | definition | shape |
// | --- | --- | --- |
// | $X$ | the image | (6, 6) |
// | $W_1$, $b_1$ | filter, bias | (3, 3), scalar |
// | $Z_1$ | $\operatorname{conv}(X, W_1) + b_1$, valid, stride 1 | (4, 4) |
// | $A_1$ | $\operatorname{relu}(Z_1)$ | (4, 4) |
// | $P_1$ | $\operatorname{maxpool}_{2\times 2}(A_1)$ | (2, 2) |
// | $f$ | $\operatorname{flatten}(P_1)$, row by row | (4, 1) |
// | $W_2$, $b_2$ | dense weights, bias | (1, 4), scalar |
// | $z_2$ | $W_2 f + b_2$ | (1, 1) |
// | $a_2$ | $\sigma(z_2)$, the predicted probability of "1" | (1, 1) |
//
// Parameters: $9 + 1 + 4 + 1 = 15$. For a batch of $m$ images we stack the $f_i^\top$ as the rows of
// $F$ (shape $(m, 4)$), so that $Z_2 = F W_2^\top + b_2$ has shape $(m, 1)$, and the loss is the mean binary
// cross-entropy (the notes drop the index $i$ on $A_2$; it belongs there):
//
// $$L = \frac{1}{m}\sum_{i=1}^{m}\Big[-y_i \log a_{2,i} - (1-y_i)\log(1-a_{2,i})\Big].$$
//
// Library types used here: `SmallCnn` (the same network in the library, compared at the end), `Datasets`,
// `TrainTestSplit`; notebook helpers `Charts`, `LiveChart`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(18);   // this day's exercise hints, kept off the page until you try
var mnist = Datasets.MnistDigits();                             // 10,000 digits, 28×28, in [0, 1]
int[] zerosAndOnes = Enumerable.Range(0, mnist.Count).Where(i => mnist.Labels[i] <= 1).ToArray();
// The notes' network takes 6×6 images: drop the 2-pixel border (24×24 left), average 4×4 blocks.
Matrix<double> Small(int i) => Matrix<double>.Build.Dense(6, 6, (r, c) =>
    mnist.Image(i).SubMatrix(2 + 4 * r, 4, 2 + 4 * c, 4).Enumerate().Average());   // (6, 6)
var (trainPos, testPos) = TrainTestSplit.Indices(zerosAndOnes.Length, 0.7, Seeds.Default);
Matrix<double>[] Images(int[] pos) => pos.Select(p => Small(zerosAndOnes[p])).ToArray();
Vector<double> Labels(int[] pos) =>
    Vector<double>.Build.DenseOfEnumerable(pos.Select(p => (double)mnist.Labels[zerosAndOnes[p]]));
var (xTrain, yTrain) = (Images(trainPos), Labels(trainPos));      // m × (6, 6), (m,)
var (xTest, yTest) = (Images(testPos), Labels(testPos));
Console.WriteLine($"{xTrain.Length} training and {xTest.Length} held-out images; "
    + $"share of ones in the held-out set: {yTest.Average():P1}");

int[] firstEight = trainPos.Take(8).Select(p => zerosAndOnes[p]).ToArray();
Display.Show(Charts.ImageGrid("Eight training digits at 28×28 …", firstEight.Select(mnist.Image).ToArray(), 8));

Display.Show(Charts.Enlarged(Charts.ImageGrid("… and the 6×6 images the network sees",
    xTrain.Take(8).ToArray(), 8), 1.1));

// At 6×6 a zero is a ring of grey blocks around a dark centre and a one a bright vertical bar: a few edges
// tell them apart, which is exactly what one 3×3 filter and a pooling layer can detect. The held-out set is
// about half ones, so always guessing the more common class would be right about half the time; that is the
// baseline the trained network has to beat.
//
// ## Forward
//
// The initial weights are drawn uniformly from $\pm 1/\sqrt{\text{fan-in}}$ (TorchSharp's default): fan-in 9 for
// the filter, 4 for the dense layer. The forward pass is day 16's sliding-window sum, a ReLU, day 17's
// max pooling, a flatten and the dense output — for each image, in loops one can read.

double U(double bound) => (2 * random.System.NextDouble() - 1) * bound;
var w1 = Matrix<double>.Build.Dense(3, 3, (_, _) => U(1.0 / 3));      // (3, 3), fan-in 9
double b1 = U(1.0 / 3);
var w2 = Matrix<double>.Build.Dense(1, 4, (_, _) => U(0.5));          // (1, 4), fan-in 4
double b2 = U(0.5);
// The same two layers as TorchSharp builds them: does the notes' count of 15 hold?
using (var conv = torch.nn.Conv2d(1, 1, 3))
using (var dense = torch.nn.Linear(4, 1))
{
    long torchCount = conv.parameters().Concat(dense.parameters()).Sum(p => p.numel());
    Claims.Check(torchCount == 15,
        "TorchSharp's Conv2d(1, 1, 3) and Linear(4, 1) have 15 parameters, the notes' count");
}

Matrix<double> Conv(Matrix<double> x, Matrix<double> w)      // day 16's sum: valid, stride 1
{
    var z = Matrix<double>.Build.Dense(x.RowCount - w.RowCount + 1,       // n − f + 1
        x.ColumnCount - w.ColumnCount + 1);
    for (int y = 0; y < z.RowCount; y++) for (int c = 0; c < z.ColumnCount; c++)
    for (int u = 0; u < w.RowCount; u++) for (int v = 0; v < w.ColumnCount; v++)
        z[y, c] += w[u, v] * x[y + u, c + v];
    return z;
}
// The position of the largest entry of 2×2 window (r, c) of a; the first one on ties, as PyTorch.
(int Row, int Column) ArgMax(Matrix<double> a, int r, int c)
{
    var best = (2 * r, 2 * c);
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++)
        if (a[2 * r + i, 2 * c + j] > a[best.Item1, best.Item2]) best = (2 * r + i, 2 * c + j);
    return best;
}
Pass Forward(Matrix<double>[] x)
{
    var z1 = x.Select(xi => Conv(xi, w1) + b1).ToArray();                // m × (4, 4)
    var a1 = z1.Select(z => z.Map(v => Math.Max(0, v))).ToArray();       // m × (4, 4)
    var f = Matrix<double>.Build.Dense(x.Length, 4, (i, k) =>            // (m, 4): row i = f_iᵀ
    {
        var (r, c) = ArgMax(a1[i], k / 2, k % 2);                        // P1[k/2, k%2], flattened
        return a1[i][r, c];
    });
    var z2 = f * w2.Row(0) + b2;                                         // (m,) = F W2ᵀ + b2
    return new Pass(z1, a1, f, z2.Map(v => 1 / (1 + Math.Exp(-v))));    // A2 = σ(Z2)
}
double Loss(Vector<double> a2, Vector<double> y) =>
    -a2.Zip(y, (a, t) => t * Math.Log(a) + (1 - t) * Math.Log(1 - a)).Average();

var pass = Forward(xTrain);
Console.WriteLine($"X {xTrain.Length}×(6, 6)  Z1, A1 {pass.Z1.Length}×(4, 4)  "
    + $"F ({pass.F.RowCount}, {pass.F.ColumnCount})  W2 ({w2.RowCount}, {w2.ColumnCount})  "
    + $"A2 ({pass.A2.Count},)");
Console.WriteLine($"loss before training: {Loss(pass.A2, yTrain):F3} (ln 2 = {Math.Log(2):F3})");

// 1,489 training and 639 held-out images, half of them ones. Every shape agrees with the table: $F$ is
// (1489, 4) and $W_2$ is (1, 4), so $F W_2^\top$ is (1489, 1), one score per image. Before training the loss is
// 0.711, close to $\ln 2 = 0.693$, the loss of predicting $\frac12$ for every image: small random weights give
// $z_2 \approx 0$ and $\sigma(0) = \frac12$. This is the value the training curve below must start from.

// ## Backward, step by step
//
// We need $\partial L/\partial\theta$ for all four parameters. The chain rule runs the forward equations backwards;
// the notes split it into the dense part ("ANN", steps 1–3) and the convolution part ("CNN", steps 4–6). Every
// gradient has the shape of the quantity it is the gradient *of*.
//
// **Step 1 — loss and sigmoid.** For image $i$, with $a = a_{2,i}$:
// $\dfrac{\partial L}{\partial a} = \dfrac{1}{m}\left(-\dfrac{y_i}{a} + \dfrac{1-y_i}{1-a}\right) = \dfrac{1}{m}\,\dfrac{a - y_i}{a(1-a)}$,
// and $\dfrac{\partial a}{\partial z_{2,i}} = \sigma(z_{2,i})\big(1-\sigma(z_{2,i})\big) = a(1-a)$. The two denominators cancel:
//
// $$\frac{\partial L}{\partial z_{2,i}} = \frac{a_{2,i} - y_i}{m}, \qquad \frac{\partial L}{\partial Z_2} \text{ of shape } (m, 1).$$
//
// **Step 2 — dense weights.** $z_{2,i} = \sum_k W_{2,k}\, f_{i,k} + b_2$, so $\partial z_{2,i}/\partial W_{2,k} = f_{i,k}$ and
// $\partial z_{2,i}/\partial b_2 = 1$. Summing over the images that all use the same $W_2$:
//
// $$\frac{\partial L}{\partial W_2} = \sum_i \frac{\partial L}{\partial z_{2,i}}\, f_i^\top = \Big(\frac{\partial L}{\partial Z_2}\Big)^{\!\top} F \quad (1, m)(m, 4) = (1, 4), \qquad \frac{\partial L}{\partial b_2} = \sum_i \frac{\partial L}{\partial z_{2,i}} .$$
//
// For one image this is the notes' $(A_2 - y)\,f^\top$, shape (1, 4) like $W_2$.
//
// **Step 3 — into the features.** $\partial z_{2,i}/\partial f_{i,k} = W_{2,k}$, so
// $\dfrac{\partial L}{\partial F} = \dfrac{\partial L}{\partial Z_2}\, W_2$, $(m, 1)(1, 4) = (m, 4)$. Flatten only rearranged numbers, so its
// backward rearranges them back: row $i$ reshaped to (2, 2) is $\partial L/\partial P_1$ of image $i$. (The notes
// write this step as "$\partial F/\partial P_1 = \operatorname{reshape}(P_1, \text{Shape})$" and multiply by it; but
// $P_1$'s values do not enter here at all — what is reshaped is the incoming gradient $\partial L/\partial F$, not $P_1$.)
//
// **Step 4 — max pooling.** $P_{1,rc} = A_{1,r^*c^*}$ where $(r^*, c^*)$ is the position of the maximum in window $(r, c)$.
// So $\partial P_{1,rc}/\partial A_{1,uv}$ is 1 at $(u, v) = (r^*, c^*)$ and 0 at the three other positions of the window (a small
// change there does not change the maximum). The windows do not overlap, hence
//
// $$\frac{\partial L}{\partial A_{1,uv}} = \begin{cases}\dfrac{\partial L}{\partial P_{1,rc}} & (u, v) \text{ is the maximum of its window } (r, c)\\[4pt] 0 & \text{otherwise,}\end{cases}$$
//
// the notes' "put them back in their original place": a (4, 4) matrix with at most one non-zero per window.
//
// **Step 5 — ReLU.** $A_1 = \max(0, Z_1)$ element-wise: $\partial L/\partial Z_1 = \partial L/\partial A_1 \odot \mathbb{1}[Z_1 > 0]$, shape (4, 4).
//
// **Step 6 — the convolution.** Written out as in the notes, $z_{11} = x_{11}w_{11} + x_{12}w_{12} + x_{13}w_{13} + x_{21}w_{21} + \dots + x_{33}w_{33} + b_1$,
// and in general $z_{yx} = \sum_{u,v} x_{y+u,\,x+v}\, w_{uv} + b_1$. The weight $w_{uv}$ appears in all 16 outputs, each time multiplied
// by a different pixel, so its gradient sums over them (and over the images):
//
// $$\frac{\partial L}{\partial w_{uv}} = \sum_i \sum_{y,x} \frac{\partial L}{\partial z^{(i)}_{yx}}\; x^{(i)}_{y+u,\,x+v},\qquad \frac{\partial L}{\partial b_1} = \sum_i \sum_{y,x} \frac{\partial L}{\partial z^{(i)}_{yx}} .$$
//
// The first sum is itself a sliding-window sum: the image $X$ (6, 6) correlated with $\partial L/\partial Z_1$ (4, 4) as the
// "filter" gives a (3, 3) result, the shape of $W_1$. Here is all of it as code:

Gradients Backward(Matrix<double>[] x, Pass p, Vector<double> y)
{
    int m = x.Length;
    var dZ2 = (p.A2 - y) / m;                                      // step 1: (m,)
    var dW2 = dZ2.ToRowMatrix() * p.F;                             // step 2: (1, m)(m, 4) = (1, 4)
    double dB2 = dZ2.Sum();
    var dF = dZ2.ToColumnMatrix() * w2;                            // step 3: (m, 1)(1, 4) = (m, 4)
    var dW1 = Matrix<double>.Build.Dense(3, 3);
    double dB1 = 0;
    var dA1 = new Matrix<double>[m];
    var dZ1 = new Matrix<double>[m];
    for (int i = 0; i < m; i++)
    {
        dA1[i] = Matrix<double>.Build.Dense(4, 4);                 // step 4: route to each maximum
        for (int k = 0; k < 4; k++)
        {
            var (r, c) = ArgMax(p.A1[i], k / 2, k % 2);
            dA1[i][r, c] += dF[i, k];                               // dF row i = ∂L/∂P1, flattened
        }
        dZ1[i] = dA1[i].PointwiseMultiply(p.Z1[i].Map(v => v > 0 ? 1.0 : 0.0));   // step 5: (4, 4)
        dW1 += Conv(x[i], dZ1[i]);                                  // step 6: X ⋆ ∂L/∂Z1 → (3, 3)
        dB1 += dZ1[i].Enumerate().Sum();
    }
    return new Gradients(dW1, dB1, dW2, dB2, dA1, dZ1);
}

// Note `Conv(x[i], dZ1[i])`: the same valid sliding-window sum as in the forward pass, with $\partial L/\partial Z_1$
// in the role of the filter — step 6's formula read as code. Now the check. The same weights go into a TorchSharp
// graph built from `conv2d`, `relu`, `max_pool2d`, `flatten`, `matmul` and `binary_cross_entropy`; autograd computes
// every gradient independently, including the intermediate $\partial L/\partial Z_1$.

var grads = Backward(xTrain, pass, yTrain);
var graph = torch.NewDisposeScope();                                   // disposed below
int mTrain = xTrain.Length;
var tx = torch.tensor(xTrain.SelectMany(m => m.ToRowMajorArray()).ToArray(),
    new long[] { mTrain, 1, 6, 6 }, torch.float64);                                 // (m, 1, 6, 6)
var tw1 = w1.ToTensor().reshape(1, 1, 3, 3).requires_grad_(true);                  // (1, 1, 3, 3)
var tb1 = torch.tensor(new[] { b1 }, torch.float64).requires_grad_(true);          // (1,)
var tw2 = w2.ToTensor().requires_grad_(true);                                       // (1, 4)
var tb2 = torch.tensor(b2, torch.float64).requires_grad_(true);
var tz1 = torch.nn.functional.conv2d(tx, tw1, tb1);                                 // (m, 1, 4, 4)
tz1.retain_grad();
var tf = torch.nn.functional.max_pool2d(torch.nn.functional.relu(tz1), 2).flatten(1);   // (m, 4)
var ta2 = torch.sigmoid(tf.matmul(tw2.t()).squeeze(1) + tb2);                       // (m,)
var tLoss = torch.nn.functional.binary_cross_entropy(ta2, torch.tensor(yTrain.ToArray()));
tLoss.backward();

double Worst(torch.Tensor t, IEnumerable<double> mine) =>
    t.contiguous().data<double>().ToArray().Zip(mine).Max(p => Math.Abs(p.First - p.Second));
var checks = new (string Name, double Difference)[]
{
    ("L", Math.Abs(tLoss.item<double>() - Loss(pass.A2, yTrain))),
    ("∂L/∂W2", Worst(tw2.grad!, grads.W2.ToRowMajorArray())),
    ("∂L/∂b2", Math.Abs(tb2.grad!.item<double>() - grads.B2)),
    ("∂L/∂Z1", Worst(tz1.grad!, grads.Z1.SelectMany(z => z.ToRowMajorArray()))),
    ("∂L/∂W1", Worst(tw1.grad!, grads.W1.ToRowMajorArray())),
    ("∂L/∂b1", Math.Abs(tb1.grad!.item<double>() - grads.B1)),
};
foreach (var (name, difference) in checks)
    Console.WriteLine($"{name,-7} worst difference {difference:E1}");
Claims.Check(checks.All(c => c.Difference < 1e-12),
    "every hand-written gradient matches autograd to 1e-12");
graph.Dispose();

// All six agree to about $10^{-16}$, the rounding error of double precision: the loss, both dense gradients,
// the intermediate $\partial L/\partial Z_1$ (1489 × 16 numbers) and both convolution gradients. Had any step been wrong — a
// missing $\frac1m$, the gradient sent to the wrong position of a window, the ReLU mask left out, a transposed
// $W_2$ — the difference would be of the size of the gradients themselves (around $10^{-3}$ to $10^{-1}$), not
// $10^{-16}$. (Masking with $\mathbb{1}[A_1 > 0]$ instead of $\mathbb{1}[Z_1 > 0]$ would *not* be a bug:
// $A_1 = \max(0, Z_1)$ is positive exactly where $Z_1$ is, so the two masks are the same matrix.) Step 4 in a picture, for the first training image:

var dA1 = grads.A1[0];                                                 // (4, 4), first image
bool routed = Enumerable.Range(0, 4).All(k =>
{
    var (r, c) = ArgMax(pass.A1[0], k / 2, k % 2);
    int top = 2 * (k / 2), left = 2 * (k % 2);                            // window k's corner
    int nonZero = Enumerable.Range(0, 4).Count(j => dA1[top + j / 2, left + j % 2] != 0);
    return dA1[r, c] != 0 && nonZero == 1;
});
Console.WriteLine("A1 of the first image:\n" + pass.A1[0].ToMatrixString(4, 4, "F3")
    + "∂L/∂A1:\n" + dA1.ToMatrixString(4, 4, "E2"));
Claims.Check(routed,
    "in each of the four windows exactly one entry — the window's maximum — gets gradient");
Display.Show(Charts.Heatmap("∂L/∂A1 of the first image: one non-zero per 2×2 window, at its maximum", dA1,
    xTitle: "column of A1", yTitle: "row of A1"));

// In the top-left window the largest of $0.046, 0, 0.081, 0$ is $0.081$ at row 1, column 0, and that is the
// only entry of the window with a gradient; in the top-right window it is $0.116$ at (1, 2). The two bottom windows
// are all zeros — the ReLU cut every value there — so there is a four-way tie. By the convention PyTorch uses
// (first maximum in reading order) the gradient goes to the window's top-left entry, (2, 0) and (2, 2); step 5 then
// multiplies it by $\mathbb{1}[Z_1 > 0] = 0$, so those windows pass nothing to the filter. The other 12 entries of
// $\partial L/\partial A_1$ are exactly 0: a value that was not a maximum had no effect on the loss. This is the price
// of max pooling during training: each step only 4 of the 16 positions of every map learn.

// ## The library's version
//
// `SmallCnn` in the library is the same network with the same six steps (its `Backward` uses the library's
// `MaxPool2d` and `Conv2d` layers). Given the same weights it must produce the same gradients:

var library = SmallCnn.FromWeights(w1, b1, w2.Row(0), b2);
var libraryPass = library.Forward(new ImageBatch(xTrain.Length, 1, 6, 6,             // (m, 1, 6, 6)
    xTrain.SelectMany(x => x.ToRowMajorArray()).ToArray()));
var libraryGrads = library.Backward(libraryPass, SmallCnn.LossGradient(libraryPass.A2, yTrain));
double libraryGap = new[] { (libraryGrads.W1 - grads.W1).Enumerate().Max(Math.Abs),
    (libraryGrads.W2 - grads.W2.Row(0)).AbsoluteMaximum(), Math.Abs(libraryGrads.B1 - grads.B1),
    Math.Abs(libraryGrads.B2 - grads.B2) }.Max();
Console.WriteLine($"largest difference, notebook vs SmallCnn gradients: {libraryGap:E1}");
Claims.Check(libraryGap < 1e-12, "the library's SmallCnn computes the notebook's gradients");

// ## Gradient descent on all four parameters
//
// $\theta \leftarrow \theta - \eta\,\partial L/\partial\theta$ for $W_1, b_1, W_2, b_2$, full batch (all training images every
// step), learning rate $\eta = 1$, 300 steps. The chart plots the loss at step 0 (before any update) and every 10th
// step after it, at its true step number.

var live = LiveChart.Show("Training loss of the hand-written CNN (step 0 = before training)",
    "step", "mean binary cross-entropy");
var losses = new List<double>();
const double learningRate = 1.0;
for (int step = 0; step <= 300; step++)
{
    var forward = Forward(xTrain);
    losses.Add(Loss(forward.A2, yTrain));
    if (step % 10 == 0) live.Add("training loss", step, losses[^1]);
    if (step == 300) break;                                     // the loss after 300 updates
    var g = Backward(xTrain, forward, yTrain);
    w1 -= learningRate * g.W1; b1 -= learningRate * g.B1;
    w2 -= learningRate * g.W2; b2 -= learningRate * g.B2;
}

double Accuracy(Matrix<double>[] x, Vector<double> y) =>
    Forward(x).A2.Zip(y, (p, t) => (p > 0.5 ? 1.0 : 0.0) == t ? 1.0 : 0.0).Average();
double majority = Math.Max(yTest.Average(), 1 - yTest.Average());
Console.WriteLine($"loss {losses[0]:F3} at step 0 → {losses[^1]:F4} at step 300; held-out accuracy "
    + $"{Accuracy(xTest, yTest):P1} (majority class {majority:P1})");
Claims.Check(losses[^1] < losses[0] / 10, "the training loss falls more than ten-fold");
Claims.Check(Accuracy(xTest, yTest) >= 0.95 && Accuracy(xTest, yTest) > majority + 0.3,
    "the 15-parameter CNN tells held-out zeros from ones at least 95% of the time, "
    + "far above the majority class");

var learned = w1;                                                        // (3, 3)
Console.WriteLine("the learned filter W1:\n" + learned.ToMatrixString(3, 3, "F2")
    + $"b1 = {b1:F2}; W2 = {w2.ToMatrixString(1, 4, "F2").Trim()}; b2 = {b2:F2}");

// The curve starts at step 0 at the untrained loss of 0.711 and falls to 0.0134 after 300 steps; on the 639
// held-out images the network is right 99.4% of the time, against 50.2% for always guessing the majority class.
// Fifteen parameters are enough because the task is easy for this architecture. The learned filter's weights are
// mostly positive and largest in its right column (2.23, 2.77, 1.10), so it responds most where bright ink lies
// under the right edge of its window. The signs of $W_2$ (1.17, −1.56, 1.73, −3.42 for the top-left, top-right,
// bottom-left and bottom-right pooled cells) reward responses in the left half of the feature map and punish those
// in the right half. A one is a single bar in the middle of the 6×6 image, under the right edge of the *left*
// windows; a zero also has ink at the right border, which lights up the right-hand cells with their negative weights.
//
// When to write a backward pass by hand: to understand it, to test a new layer (as here, against autograd), or in
// an environment without autograd. Otherwise, use autograd (day 17): it computes the same numbers for any network
// you can write down.

// ## Summary
//
// * Every shape: $X$ (6, 6) → $Z_1, A_1$ (4, 4) → $P_1$ (2, 2) → $f$ (4, 1) → $z_2 = W_2 f + b_2$ with $W_2$ (1, 4); for a
//   batch $F$ is $(m, 4)$ and $Z_2 = F W_2^\top + b_2$. A gradient always has the shape of its variable.
// * Dense head: $\partial L/\partial Z_2 = (A_2 - y)/m$, then $\partial L/\partial W_2 = (\partial L/\partial Z_2)^\top F$ — logistic regression's gradient.
// * Flatten's backward is a reshape; max pooling routes each window's gradient to its maximum; ReLU passes it
//   where $Z_1 > 0$; the filter's gradient is the input correlated with $\partial L/\partial Z_1$, the bias's is its sum.
// * Written as 30 lines of loops, all of it agrees with TorchSharp's autograd and the library's `SmallCnn` to
//   rounding error, and trains the network.
//
// ## Exercises
//
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it (see day 1 for how
// checks work). Reference solutions: `notebooks/solutions/day-18-cnn-backprop-by-hand.dib`.
//
// ### Exercise 1 — max pooling with overlapping windows
//
// Step 4 above relies on the windows not overlapping: every entry of $A_1$ belongs to one window. AlexNet pooled
// with **3×3 windows and stride 2**, so neighbouring windows share a row or a column, and one entry can be the
// maximum of two (or four) windows at once. Write the backward pass of that pool for one map: given the map $A$
// (shape (H, W), both odd) and the gradient $\partial L/\partial P$ arriving at the pooled output (shape
// ((H − 1)/2, (W − 1)/2)), return $\partial L/\partial A$. The check builds a random 7×9 map and compares with
// TorchSharp's autograd through `max_pool2d` with kernel 3 and stride 2.

// Exercise 1: backward of a 3×3 max pool with stride 2 (overlapping windows)
// a: the pool's input (H, W); dP: ∂L/∂P ((H − 1)/2, (W − 1)/2). Return ∂L/∂A (H, W).
Matrix<double> MaxPoolBackward(Matrix<double> a, Matrix<double> dP)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(17);
    var a = Matrix<double>.Build.Dense(7, 9, (_, _) => rng.NextDouble());       // (H, W) = (7, 9)
    var dP = Matrix<double>.Build.Dense(3, 4, (_, _) => rng.NextDouble() - 0.5);
    using var scope = torch.NewDisposeScope();
    var ta = a.ToTensor().reshape(1, 1, 7, 9).requires_grad_();
    torch.nn.functional.max_pool2d(ta, new long[] { 3, 3 }, new long[] { 2, 2 })
        .backward(new[] { dP.ToTensor().reshape(1, 1, 3, 4) });
    return Exercise.Compare("your ∂L/∂A", MaxPoolBackward(a, dP),
        ta.grad!.reshape(7, 9).ToMatrix(), 1e-12);
});

// ### Exercise 2 — the filter's gradient when the window strides
//
// Step 6 slid the filter one pixel at a time. Day 16's stride-2 convolution moves it two pixels per output:
// $z_{yx} = \sum_{u,v} x_{2y+u,\,2x+v}\, w_{uv} + b$. Derive $\partial L/\partial w_{ij}$ and $\partial L/\partial b$ for it and
// write them for one image and a 3×3 filter (no padding). The check compares with TorchSharp's autograd through
// `conv2d` with stride 2 on a random 9×7 image.

// Exercise 2: the 3×3 filter's gradients for a stride-2 convolution
// x: the image (H, W); dZ: ∂L/∂Z ((H − 3)/2 + 1, (W − 3)/2 + 1). Return ∂L/∂W (3, 3) and ∂L/∂b.
(Matrix<double> DW, double DB) ConvBackward(Matrix<double> x, Matrix<double> dZ)
{
    return Exercise.Todo<(Matrix<double>, double)>();
}

Exercise.Check("2", () =>
{
    var rng = new Random(171);
    var x = Matrix<double>.Build.Dense(9, 7, (_, _) => rng.NextDouble());        // (H, W) = (9, 7)
    var w = Matrix<double>.Build.Dense(3, 3, (_, _) => rng.NextDouble() - 0.5);
    var dZ = Matrix<double>.Build.Dense(4, 3, (_, _) => rng.NextDouble() - 0.5);  // stride 2
    using var scope = torch.NewDisposeScope();
    var tw = w.ToTensor().reshape(1, 1, 3, 3).requires_grad_();
    var tb = torch.zeros(1, dtype: torch.float64).requires_grad_();
    torch.nn.functional.conv2d(x.ToTensor().reshape(1, 1, 9, 7), tw, tb,
            strides: new long[] { 2, 2 })
        .backward(new[] { dZ.ToTensor().reshape(1, 1, 4, 3) });
    var (dW, dB) = ConvBackward(x, dZ);
    return Exercise.Compare("your ∂L/∂W", dW, tw.grad!.reshape(3, 3).ToMatrix(), 1e-12)
        ?? Exercise.Compare("your ∂L/∂b", dB, tb.grad!.item<double>(), 1e-12);
});

// ### Exercise 3 — predict: average pooling instead of max
//
// With max pooling, $\partial L/\partial A_1$ of one 4×4 map has at most 4 non-zero entries (the
// picture above). If the model used **2×2 average pooling** instead, how many of the 16 entries of
// $\partial L/\partial A_1$ would be non-zero (for a gradient $\partial L/\partial P_1$ with no zero
// entry)? Predict a number, then run the experiment.

// Exercise 3: your prediction, the number of non-zero entries of ∂L/∂A1 under average pooling
double? prediction3 = null;

using (var scope = torch.NewDisposeScope())
{
    var a1 = torch.rand(1, 1, 4, 4, dtype: torch.float64).requires_grad_();
    torch.nn.functional.avg_pool2d(a1, new long[] { 2, 2 })
        .backward(new[] { torch.ones(1, 1, 2, 2, dtype: torch.float64) });
    long nonZero = a1.grad!.count_nonzero().item<long>();
    Exercise.Predict("3", prediction3, nonZero, tolerance: 0,
        measured: $"average pooling: {nonZero} of 16 entries of ∂L/∂A1 are non-zero; "
            + $"each is {a1.grad![0, 0, 0, 0].item<double>()}");
}

// ### Exercise 4 — recall: what a pooling layer learns
//
// How many trainable parameters does a 2×2 max-pooling layer have? Answer with a number.

// Exercise 4: your answer, e.g. "12"
string? answer4 = null;

Exercise.Recall("4", answer4, "5feceb66ffc86f38");

// ### Exercise 5 — the gradient that reaches the image
//
// This network's convolution is its first layer, so nothing needs $\partial L/\partial X$. In a deeper CNN the layer
// before does: it is what step 3 was for the dense layer, the gradient handed backwards. From
// $z_{yx} = \sum_{u,v} x_{y+u,\,x+v}\, w_{uv} + b_1$, pixel $x_{rc}$ meets weight $w_{uv}$ in output $(r - u, c - v)$, whenever
// that output exists, so
//
// $$\frac{\partial L}{\partial x_{rc}} = \sum_{u,v} \frac{\partial L}{\partial z_{r-u,\,c-v}}\; w_{uv}\qquad(\text{terms with } r-u \text{ or } c-v \text{ outside } \partial L/\partial Z \text{ left out}),$$
//
// a "full" convolution: $\partial L/\partial Z$ padded by 2 zeros on every side, correlated with $W$ rotated by 180°.
// Write it for a 3×3 filter; the check compares with TorchSharp's autograd through `conv2d` on a random 7×6 image.

// Exercise 5: ∂L/∂X of a valid 3×3 convolution
// dZ: ∂L/∂Z (H − 2, W − 2); w: the filter (3, 3). Return ∂L/∂X (H, W).
Matrix<double> InputGradient(Matrix<double> dZ, Matrix<double> w)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("5", () =>
{
    var rng = new Random(185);
    var x = Matrix<double>.Build.Dense(7, 6, (_, _) => rng.NextDouble());  // (H, W) = (7, 6)
    var w = Matrix<double>.Build.Dense(3, 3, (_, _) => rng.NextDouble() - 0.5);     // (3, 3)
    var dZ = Matrix<double>.Build.Dense(5, 4, (_, _) => rng.NextDouble() - 0.5);  // (H − 2, W − 2)
    using var scope = torch.NewDisposeScope();
    var tx = x.ToTensor().reshape(1, 1, 7, 6).requires_grad_();
    torch.nn.functional.conv2d(tx, w.ToTensor().reshape(1, 1, 3, 3))
        .backward(new[] { dZ.ToTensor().reshape(1, 1, 5, 4) });
    return Exercise.Compare("your ∂L/∂X", InputGradient(dZ, w),
        tx.grad!.reshape(7, 6).ToMatrix(), 1e-12);
});

// Types declared in the notebook's cells (C# puts them after the statements).

record Pass(Matrix<double>[] Z1, Matrix<double>[] A1, Matrix<double> F, Vector<double> A2);

record Gradients(Matrix<double> W1, double B1, Matrix<double> W2, double B2,
    Matrix<double>[] A1, Matrix<double>[] Z1);
