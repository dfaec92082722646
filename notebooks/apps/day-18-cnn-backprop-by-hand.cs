// day-17-cnn-backprop-by-hand.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-17-cnn-backprop-by-hand.cs
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

// # Day 17 — CNN backpropagation by hand
//
// The notes' small CNN, for a binary task (is it a 0 or a 1?), with its 15 trainable parameters
// $W_1$ (3×3), $b_1$, $W_2$ (1×4), $b_2$:
//
// $$Z_1 = \operatorname{conv}(X, W_1) + b_1,\quad A_1 = \operatorname{relu}(Z_1),\quad P_1 = \operatorname{maxpool}(A_1),\quad F = \operatorname{flatten}(P_1),$$
// $$Z_2 = F W_2 + b_2,\quad A_2 = \sigma(Z_2),\quad L = \frac{1}{m}\sum_{i=1}^{m} \left[-y_i \log A_2 - (1-y_i)\log(1-A_2)\right].$$
//
// Back-propagation, split as in the notes into the ANN part and the CNN part:
//
// 1. $\dfrac{\partial L}{\partial A_2}\dfrac{\partial A_2}{\partial Z_2} = \dfrac{A_2 - y}{A_2(1-A_2)}\cdot A_2(1-A_2) = A_2 - y$
// 2. $\dfrac{\partial L}{\partial W_2} = (A_2 - y)\,F^\top$, $\quad \dfrac{\partial L}{\partial b_2} = A_2 - y$
// 3. $\dfrac{\partial L}{\partial F} = (A_2 - y)\,W_2$, reshaped to $P_1$'s shape
// 4. max pooling: $\dfrac{\partial L}{\partial A_{1,mn}} = \dfrac{\partial L}{\partial P_{1,xy}}$ if $A_{1,mn}$ is its window's maximum, else $0$
// 5. ReLU: $\dfrac{\partial A_1}{\partial Z_1} = 1$ if $Z_1 > 0$, else $0$
// 6. convolution: $z_{11} = x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22} + b_1$, … so
//    $\dfrac{\partial L}{\partial w_{ij}} = \sum_{y,x} \dfrac{\partial L}{\partial z_{yx}}\, x_{y+i,\,x+j}$ and $\dfrac{\partial L}{\partial b_1} = \operatorname{sum}\!\left(\dfrac{\partial L}{\partial Z_1}\right)$
//
// (with the $\frac{1}{m}$ of the mean loss carried along). Then gradient descent:
// $\theta \leftarrow \theta - \eta\,\partial L/\partial\theta$ for all four parameters.
//
// Library types used here: `SmallCnn`, `Conv2d`, `MaxPool2d`, `ImageBatch`, `TrainTestSplit`, `Datasets`;
// notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var digits = Datasets.Digits();
// Zeros and ones only, cropped to the central 6×6 pixels (the border is almost always blank), scaled to [0, 1].
int[] zerosAndOnes = Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] <= 1).ToArray();
ImageBatch Images(IReadOnlyList<int> rows) => new(rows.Count, 1, 6, 6,
    rows.SelectMany(i => Enumerable.Range(1, 6).SelectMany(r => Enumerable.Range(1, 6).Select(c => digits.Image(i)[r, c] / 16))).ToArray());
Vector<double> Labels(IReadOnlyList<int> rows) => Vector<double>.Build.DenseOfEnumerable(rows.Select(i => (double)digits.Labels[i]));
var (trainPos, testPos) = TrainTestSplit.Indices(zerosAndOnes.Length, 0.7, Seeds.Default);
int[] trainRows = trainPos.Select(p => zerosAndOnes[p]).ToArray(), testRows = testPos.Select(p => zerosAndOnes[p]).ToArray();
var (xTrain, yTrain, xTest, yTest) = (Images(trainRows), Labels(trainRows), Images(testRows), Labels(testRows));
var model = new SmallCnn(6, random.System);
Console.WriteLine($"{xTrain.Batch} training and {xTest.Batch} held-out images; the model has {model.ParameterCount} parameters");
Claims.Check(model.ParameterCount == 15, "the notes' CNN has 15 trainable parameters: 9 + 1 + 4 + 1");

// ## Forward: every shape

var pass = model.Forward(xTrain);
Console.WriteLine($"X  {ErrorMessage.FormatShape(xTrain.Shape)}\nZ1 {ErrorMessage.FormatShape(pass.Z1.Shape)}\nA1 {ErrorMessage.FormatShape(pass.A1.Shape)}\nP1 {ErrorMessage.FormatShape(pass.P1.Shape)}\nF  ({pass.F.RowCount}, {pass.F.ColumnCount})\nZ2 ({pass.Z2.Count},)\nA2 ({pass.A2.Count},)");
Claims.Check(pass.F.ColumnCount == 4, "flattening the 2×2 pooled map gives the notes' F of 4 features per image");

// ## Backward by hand, checked against TorchSharp autograd
//
// The same weights go into a TorchSharp graph; autograd computes every gradient independently.
// The hand-written ones must agree, including the intermediate $\partial L/\partial Z_1$.

var grads = model.Backward(pass, SmallCnn.LossGradient(pass.A2, yTrain));
var w1 = model.Convolution.Weights.ToTensor().requires_grad_(true);
var b1 = torch.tensor(model.Convolution.Bias, torch.float64).requires_grad_(true);
var w2 = torch.tensor(model.W2.ToArray(), torch.float64).requires_grad_(true);
var b2 = torch.tensor(model.B2, torch.float64).requires_grad_(true);
var z1 = torch.nn.functional.conv2d(xTrain.ToTensor(), w1, b1);
z1.retain_grad();
var a2 = torch.sigmoid(torch.nn.functional.max_pool2d(torch.nn.functional.relu(z1), new long[] { 2, 2 }).flatten(1).matmul(w2) + b2);
var torchLoss = torch.nn.functional.binary_cross_entropy(a2, torch.tensor(yTrain.ToArray(), torch.float64));
torchLoss.backward();
double Worst(torch.Tensor t, IEnumerable<double> mine) => t.data<double>().ToArray().Zip(mine).Max(p => Math.Abs(p.First - p.Second));
var checks = new (string Name, double Difference)[]
{
    ("L", Math.Abs(torchLoss.item<double>() - SmallCnn.Loss(pass.A2, yTrain))),
    ("∂L/∂W2", Worst(w2.grad!, grads.W2)),
    ("∂L/∂b2", Math.Abs(b2.grad!.item<double>() - grads.B2)),
    ("∂L/∂Z1", Worst(z1.grad!, grads.Z1.Data)),
    ("∂L/∂W1", Worst(w1.grad!, grads.W1.ToRowMajorArray())),
    ("∂L/∂b1", Math.Abs(b1.grad!.item<double>() - grads.B1)),
};
foreach (var (name, difference) in checks) Console.WriteLine($"{name,-7} worst difference {difference:E2}");
Claims.Check(checks.All(c => c.Difference < 1e-10), "every hand-written gradient matches TorchSharp autograd to 1e-10");

// Max pooling's backward pass in a picture: for one image, $\partial L/\partial A_1$ is zero except at
// the four window maxima (the notes' 2×2 → 4×4 figure).

var dA1 = grads.A1.ToMatrix(image: 0);
Claims.Check(dA1.Enumerate().Count(v => v != 0) <= 4, "at most one non-zero gradient per pooling window");
Show(Charts.Heatmap("∂L/∂A1 of the first image: gradient only at each window's maximum", dA1));

// ## Gradient descent on all four parameters

var live = LiveChart.Show("Training loss of the hand-written CNN (live)", "step");
var losses = new List<double>();
for (int step = 1; step <= 300; step++)
{
    var forward = model.Forward(xTrain);
    losses.Add(SmallCnn.Loss(forward.A2, yTrain));
    model.Step(model.Backward(forward, SmallCnn.LossGradient(forward.A2, yTrain)), learningRate: 1.0);
    if (step == 1 || step % 20 == 0) live.Add("training loss", step, losses[^1]);
}
double Accuracy(ImageBatch x, Vector<double> y) => model.Forward(x).A2.Zip(y, (p, t) => (p > 0.5 ? 1.0 : 0.0) == t ? 1.0 : 0.0).Average();
Console.WriteLine($"loss {losses[0]:F4} → {losses[^1]:F4}; held-out accuracy {Accuracy(xTest, yTest):P1}");
Claims.Check(losses[^1] < losses[0] / 10, "the training loss falls more than ten-fold");
Claims.Check(Accuracy(xTest, yTest) >= 0.95, "the 15-parameter CNN tells held-out zeros from ones at least 95% of the time");

// ## Summary
//
// * Backward through the dense head: $(A_2 - y)$ times the input, as in logistic regression.
// * Flatten's backward is a reshape; max pooling routes the gradient to each window's maximum;
//   ReLU passes it where $Z_1 > 0$; the convolution's weight gradient correlates the input with
//   $\partial L/\partial Z_1$, and its bias gradient is the sum of $\partial L/\partial Z_1$.
// * All of it agrees with TorchSharp's autograd to rounding error.
//
// ## Exercises
//
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it (see day 1
// for how checks work). Reference solutions: `notebooks/solutions/day-17-cnn-backprop-by-hand.dib`.
//
// ### Exercise 1 — max pooling's backward pass
//
// Write step 4 for one feature map: given the map $A$ that went into a 2×2 max pool with stride 2
// (an even number of rows and columns) and the gradient $\partial L/\partial P$ arriving at the pooled
// output, return $\partial L/\partial A$: each window passes its gradient to the position of its
// maximum and zero to the other three. (On a tie, give it to the first maximum in reading order, as
// PyTorch does.) The check builds a random map and compares with TorchSharp's autograd through
// `max_pool2d`.

// Exercise 1: max-pool backward for one map
// a: the pooled map's input (H, W); dP: ∂L/∂P (H/2, W/2). Return ∂L/∂A (H, W).
Matrix<double> MaxPoolBackward(Matrix<double> a, Matrix<double> dP)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(17);
    var a = Matrix<double>.Build.Dense(6, 8, (_, _) => rng.NextDouble());       // (H, W) = (6, 8)
    var dP = Matrix<double>.Build.Dense(3, 4, (_, _) => rng.NextDouble() - 0.5);
    using var scope = torch.NewDisposeScope();
    var ta = a.ToTensor().reshape(1, 1, 6, 8).requires_grad_();
    torch.nn.functional.max_pool2d(ta, new long[] { 2, 2 }).backward(new[] { dP.ToTensor().reshape(1, 1, 3, 4) });
    return Exercise.Compare("your ∂L/∂A", MaxPoolBackward(a, dP), ta.grad!.reshape(6, 8).ToMatrix(), 1e-12);
}, hint: "loop over the windows (r, c) of dP; the window covers rows 2r, 2r+1 and columns 2c, 2c+1 of a; "
    + "find its largest entry and add dP[r, c] there.");

// ### Exercise 2 — the convolution's gradients
//
// Write step 6 for one image and one 3×3 filter (no padding, stride 1). Since
// $z_{yx} = \sum_{i,j} x_{y+i,\,x+j}\,w_{ij} + b_1$, each weight collects
// $\partial L/\partial w_{ij} = \sum_{y,x} \frac{\partial L}{\partial z_{yx}}\, x_{y+i,\,x+j}$ and the bias
// $\partial L/\partial b_1 = \sum_{y,x} \partial L/\partial z_{yx}$. The check compares with TorchSharp's
// autograd through `conv2d` on a random image.

// Exercise 2: the 3×3 filter's gradients
// x: the image (H, W); dZ: ∂L/∂Z (H − 2, W − 2). Return ∂L/∂W (3, 3) and ∂L/∂b.
(Matrix<double> DW, double DB) ConvBackward(Matrix<double> x, Matrix<double> dZ)
{
    return Exercise.Todo<(Matrix<double>, double)>();
}

Exercise.Check("2", () =>
{
    var rng = new Random(171);
    var x = Matrix<double>.Build.Dense(7, 6, (_, _) => rng.NextDouble());        // (H, W) = (7, 6)
    var w = Matrix<double>.Build.Dense(3, 3, (_, _) => rng.NextDouble() - 0.5);
    var dZ = Matrix<double>.Build.Dense(5, 4, (_, _) => rng.NextDouble() - 0.5);  // (H − 2, W − 2)
    using var scope = torch.NewDisposeScope();
    var tw = w.ToTensor().reshape(1, 1, 3, 3).requires_grad_();
    var tb = torch.zeros(1, dtype: torch.float64).requires_grad_();
    torch.nn.functional.conv2d(x.ToTensor().reshape(1, 1, 7, 6), tw, tb).backward(new[] { dZ.ToTensor().reshape(1, 1, 5, 4) });
    var (dW, dB) = ConvBackward(x, dZ);
    return Exercise.Compare("your ∂L/∂W", dW, tw.grad!.reshape(3, 3).ToMatrix(), 1e-12)
        ?? Exercise.Compare("your ∂L/∂b", dB, tb.grad!.item<double>(), 1e-12);
}, hint: "four nested loops: i, j over the filter and y, x over dZ; x[y + i, x + j] is the pixel that w[i, j] met at output (y, x).");

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
    torch.nn.functional.avg_pool2d(a1, new long[] { 2, 2 }).backward(new[] { torch.ones(1, 1, 2, 2, dtype: torch.float64) });
    long nonZero = a1.grad!.count_nonzero().item<long>();
    Console.WriteLine($"average pooling: {nonZero} of 16 entries of ∂L/∂A1 are non-zero; each is {a1.grad![0, 0, 0, 0].item<double>()}");
    Exercise.Predict("3", prediction3, nonZero, tolerance: 0,
        why: "an average depends on all four inputs of its window, each with weight ¼, so every entry of A1 "
            + "gets a quarter of its window's gradient: all 16 are non-zero. Max pooling depends on one input per window only.");
}

// ### Exercise 4 — recall: what a pooling layer learns
//
// How many trainable parameters does a 2×2 max-pooling layer have? Answer with a number.

// Exercise 4: your answer, e.g. "12"
string? answer4 = null;

Exercise.Recall("4", answer4, "5feceb66ffc86f38", hint: "look at the 15 parameters listed at the top: which belong to the pool?");
