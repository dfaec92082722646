// day-17-pooling-cnn-vs-ann.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-17-pooling-cnn-vs-ann.cs
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

// # Day 17 — Pooling, and CNN vs ANN
//
// > Convolution alone has issues: memory, **translation variance**, location dependency. **Pooling**
// > down-samples the feature map (max, min, average …), applied after the non-linearity.
// > Advantages: smaller feature maps, **translation invariance**. Disadvantages: can't be used in image
// > segmentation; it loses a lot of information (depends on the application).
// > Architecture: convolution → padding/stride → pooling.
// > — the course notes, "Pooling", "CNN vs ANN"
//
// Day 16 built the convolution: a filter slid over the image, detecting its pattern wherever it is. Its
// output is still a map as large as the image (with "same" padding), and it still says *where* each edge
// is, pixel by pixel. For classifying a boot we mostly want to know *that* there is a heel-like edge
// somewhere near the bottom, not in which exact pixel. **Pooling** summarises each small window of a
// feature map by one number — Hubel and Wiesel's *complex cell*, which responds to its preferred edge
// anywhere in a larger receptive field.
//
// This notebook defines pooling and shows what it keeps and what it throws away, then writes a complete
// CNN (convolution → ReLU → pooling, twice, then a dense layer) in TorchSharp, trains it on 28×28
// Fashion-MNIST, compares it with a dense network (day 8's MLP) of the same number of parameters, and
// tests both on shifted images. The test reveals that a CNN with a flatten-and-dense head is far less
// shift-invariant than its reputation; a **global average pooling** head is the fix, and it is measured.
//
// Library types used here: `MaxPool2d`, `AvgPool2d`, `ImageBatch`, `EdgeKernels`, `ImageShift`,
// `TrainTestSplit`, `Datasets`;
// notebook helpers `Charts`, `LiveChart`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(17);   // this day's exercise hints, kept off the page until you try
var fashion = Datasets.FashionMnist();                   // 10,000 images, 28×28, 10 classes

// ## Max and average pooling
//
// Pooling with a $k \times k$ window and stride $k$ cuts the map into non-overlapping windows and keeps one
// number per window:
//
// $$P^{\max}_{y,x} = \max_{0 \le i,j < k} A_{yk+i,\; xk+j}, \qquad P^{\text{avg}}_{y,x} = \frac{1}{k^2}\sum_{0 \le i,j < k} A_{yk+i,\; xk+j}.$$
//
// It has no weights to learn, works on each channel separately, and with $k = 2$ halves the height and
// width, so the next convolution layer costs a quarter as much and its 3×3 filter covers a 6×6 region of
// the layer before: receptive fields grow. The output size follows day 16's formula with $f = s = k$,
// $p = 0$: $\lfloor (n - k)/k \rfloor + 1 = \lfloor n/k \rfloor$.

var a = Matrix<double>.Build.DenseOfArray(new double[,]
    { { 1, 9, 2, 0 }, { 3, 4, 8, 1 }, { 0, 1, 2, 3 }, { 7, 2, 5, 6 } });                 // (4, 4)
var max = new MaxPool2d(2).Forward(ImageBatch.FromMatrix(a)).Output.ToMatrix();     // (2, 2)
var avg = new AvgPool2d(2).Forward(ImageBatch.FromMatrix(a)).Output.ToMatrix();
Console.WriteLine("max pool:\n" + max.ToMatrixString() + "average pool:\n" + avg.ToMatrixString());
Claims.Check(max.Equals(Matrix<double>.Build.DenseOfArray(new double[,] { { 9, 8 }, { 7, 6 } })),
    "max pooling keeps each 2×2 window's largest value");

// The top-left window $\{1, 9, 3, 4\}$ gives 9 under max pooling and 4.25 under average pooling. Max
// pooling reports "the feature was present somewhere in this window, this strongly"; average pooling reports
// how much of the window had it. After a ReLU, a feature map is mostly zeros with a few strong responses:
// averaging dilutes a single strong edge by $k^2$, the maximum keeps it. That is why max pooling is the usual
// choice between convolution layers, and averaging is used where the *amount* matters — at the very end of a
// network (global average pooling, below).
//
// ### Exercise 1 — pooling as loops
//
// Write both poolings for one map with a $k \times k$ window and stride $k$ (ignore leftover rows and columns
// when $k$ does not divide the size, as TorchSharp does). The check compares with TorchSharp's `max_pool2d`
// and `avg_pool2d` on random maps of several sizes.

// Exercise 1: max and average pooling for one map
// a: the map (h, w); k: window side and stride. Return P of shape (⌊h/k⌋, ⌊w/k⌋).
Matrix<double> Pool(Matrix<double> a, int k, bool useMax)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(17);
    foreach (var (h, w, k) in new[] { (4, 6, 2), (9, 9, 3), (7, 10, 2) })
    {
        var m = Matrix<double>.Build.Dense(h, w, (_, _) => rng.NextDouble() - 0.3);    // (h, w)
        using var scope = torch.NewDisposeScope();
        var t = m.ToTensor().reshape(1, 1, h, w);
        var maxRef = nn.functional.max_pool2d(t, k).reshape(h / k, w / k).ToMatrix();
        var avgRef = nn.functional.avg_pool2d(t, k).reshape(h / k, w / k).ToMatrix();
        var problem = Exercise.Compare($"your max pool of a {h}×{w} map, k = {k}",
                Pool(m, k, true), maxRef)
            ?? Exercise.Compare($"your average pool of a {h}×{w} map, k = {k}",
                Pool(m, k, false), avgRef);
        if (problem is not null) return problem;
    }
    return null;
});

// ## What pooling buys: a little translation invariance
//
// Move a feature by one pixel *within* a pooling window and the max-pooled map does not change:

var spot = Matrix<double>.Build.Dense(4, 4); spot[0, 0] = 5;
var moved = Matrix<double>.Build.Dense(4, 4); moved[1, 1] = 5;
var across = Matrix<double>.Build.Dense(4, 4); across[0, 2] = 5;
var pool = new MaxPool2d(2);
Matrix<double> Pooled(Matrix<double> m) => pool.Forward(ImageBatch.FromMatrix(m)).Output.ToMatrix();
string Flat(Matrix<double> m) => string.Join(" ", m.ToRowMajorArray());
Console.WriteLine($"pooled, spot at (0,0): {Flat(Pooled(spot))} | at (1,1): {Flat(Pooled(moved))}"
    + " | "
    + $"at (0,2): {Flat(Pooled(across))}");
Claims.Check(Pooled(spot).Equals(Pooled(moved)) && !Pooled(spot).Equals(Pooled(across)),
    "a move inside a pooling window leaves the pooled map unchanged; across windows it does not");

// The spot at (0, 0) and the spot at (1, 1) give the same pooled map, 5 in the top-left cell: within a
// window, position is forgotten. Moved to (0, 2), the spot crosses into the next window and the pooled map
// changes. So one 2×2 pooling forgives *some* shifts of one pixel, depending on where the feature sat in its
// window; it is not invariant to shifts in general. Two poolings forgive a little more. The experiment below
// measures how much that amounts to for a whole network.
//
// ## What pooling throws away
//
// The same invariance is a loss of information. The grid pools a real image (an ankle boot) with windows of
// 2, 4 and 7 pixels and draws each result back at 28×28, so that every pooled value covers its window.

int bootIndex = Array.IndexOf(fashion.Labels, 9);
var bootImage = fashion.ImageTensor(new[] { bootIndex });                  // (1, 1, 28, 28)
var poolPanels = new List<Matrix<double>>();
foreach (bool useMax in new[] { true, false })
foreach (int k in new[] { 1, 2, 4, 7 })
{
    using var scope = torch.NewDisposeScope();
    var pooled = useMax ? nn.functional.max_pool2d(bootImage, k)           // (1, 1, 28/k, 28/k)
                        : nn.functional.avg_pool2d(bootImage, k);
    var drawn = pooled.repeat_interleave(k, 2).repeat_interleave(k, 3);    // (1, 1, 28, 28)
    poolPanels.Add(drawn.reshape(28, 28).to(torch.float64).ToMatrix());
}
Display.Show(Charts.Enlarged(Charts.ImageGrid("An ankle boot pooled with k×k windows, drawn back at 28×28",
    poolPanels, 4, rowLabels: new[] { "max", "average" },
    columnLabels: new[] { "k = 1 (28×28)", "k = 2 (14×14)", "k = 4 (7×7)", "k = 7 (4×4)" },
    zMin: 0, zMax: 1), 2));

// Read the rows from left to right. Max pooling with $k = 2$ still shows a recognisable boot, a little blocky
// and a little *bolder*: every window takes its brightest pixel, so thin bright structures survive and
// dark gaps narrower than the window vanish. At $k = 4$ (7×7) the outline is a staircase and the texture of
// the shaft is gone; at $k = 7$ (4×4) only "something bright at the bottom and in the middle" remains. Average
// pooling keeps the overall brightness and blurs: the edges soften instead of thickening. Both have thrown
// away *where inside each window* things were, and no later layer can recover it.
//
// This is the notes' disadvantage, made visible. For classification it is mostly harmless: "boot" does not
// depend on a pixel's exact position. For **segmentation** — a label for every pixel — the network must
// answer exactly the question pooling discards; after two 2×2 poolings a 28×28 image is a 7×7 map, whose
// every cell is a 4×4 block of pixels. Segmentation networks (e.g. U-Net) therefore upsample again and feed
// the pre-pooling maps forward through skip connections. And even in classification, pooling after *every*
// convolution loses information that a deeper network might have used, which is why modern networks often
// downsample with strided convolutions (day 16) a few times instead.

// ## A CNN, written out
//
// The architecture of the notes — convolution → (padding) → pooling, repeated — followed by a dense layer
// that turns the final feature maps into 10 class scores. With "same" padding the shapes are:
//
// | layer | output shape | parameters |
// | --- | --- | --- |
// | input | (batch, 1, 28, 28) | |
// | conv 3×3, 1 → 16, pad 1, ReLU | (batch, 16, 28, 28) | $(9 \cdot 1 + 1)\cdot 16 = 160$ |
// | max pool 2 | (batch, 16, 14, 14) | 0 |
// | conv 3×3, 16 → 32, pad 1, ReLU | (batch, 32, 14, 14) | $(9 \cdot 16 + 1)\cdot 32 = 4{,}640$ |
// | max pool 2 | (batch, 32, 7, 7) | 0 |
// | flatten → dense 1568 → 10 | (batch, 10) | $(1568 + 1)\cdot 10 = 15{,}690$ |
//
// Three quarters of the parameters sit in the dense head: it has a separate weight for every class, channel
// and *position* of the 7×7 map. The class below is the whole model: the layers are fields, `forward` applies
// them, and TorchSharp's autograd provides the backward pass (day 18 writes it out by hand).

// The dense network for comparison is day 8's MLP, 784 inputs → one hidden ReLU layer → 10 outputs. With $h$
// hidden units it has $(784 + 1)h + (h + 1)\cdot 10 = 795h + 10$ parameters; $h = 26$ gives 20,680, within 1%
// of the CNN's 20,490. The MLP sees the 784 pixels as an unordered list.

torch.manual_seed(Seeds.Default);
var cnn = new FashionCnn();
var mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 26), nn.ReLU(), nn.Linear(26, 10));
long Parameters(nn.Module<Tensor, Tensor> m) => m.parameters().Sum(p => p.numel());
Console.WriteLine($"parameters: CNN {Parameters(cnn):N0}, MLP {Parameters(mlp):N0}");
Claims.Check(Parameters(cnn) == 160 + 4_640 + 15_690,
    "the CNN's parameters are the table's 160 + 4,640 + 15,690");
Claims.Check(Math.Abs(Parameters(cnn) - Parameters(mlp)) < 0.01 * Parameters(cnn),
    "the two networks have the same parameter budget within 1%");

// ## Training
//
// Fashion-MNIST's 10,000 test images are all the course ships. The split sets 8,000 aside for training and
// 2,000 for testing; to keep the notebook within its time budget we train on the first 6,000 of the former and
// hold out the first 1,000 of the latter (never used for a decision, only measured at the end). The loop is day 8's: shuffle, cut into
// mini-batches of 64, and for each batch compute the scores, the cross-entropy loss, `backward`, and an Adam
// `step`. Three epochs only, single-threaded, so that the notebook runs in seconds: the accuracies below are
// those of a short training run, a few points below what these networks reach with more epochs and data.

var (trainAll, testAll) = TrainTestSplit.Indices(fashion.Count, 0.8, seed: Seeds.Default);
int[] trainIdx = trainAll.Take(6000).ToArray(), testIdx = testAll.Take(1000).ToArray();
var xTrain = fashion.ImageTensor(trainIdx);      // (6000, 1, 28, 28), float32 in [0, 1]
var yTrain = fashion.LabelTensor(trainIdx);      // (6000,) class indices
var xTest = fashion.ImageTensor(testIdx);        // (1000, 1, 28, 28)
var yTest = fashion.LabelTensor(testIdx);        // (1000,)
const int epochs = 3, batchSize = 64;

void Train(nn.Module<Tensor, Tensor> model, string name, LiveChart live, Tensor? inputs = null)
{
    var x = inputs ?? xTrain;                            // (n, ...), row i labelled yTrain[i]
    var optimizer = torch.optim.Adam(model.parameters(), lr: 0.002);
    var shuffle = new Random(Seeds.Default);
    int n = (int)x.shape[0], batches = (n + batchSize - 1) / batchSize;
    model.train();
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        long[] order = Enumerable.Range(0, n).Select(i => (long)i)
            .OrderBy(_ => shuffle.Next()).ToArray();                             // a new shuffle
        for (int b = 0; b < batches; b++)
        {
            using var scope = torch.NewDisposeScope();
            var rows = torch.tensor(order.Skip(b * batchSize).Take(batchSize).ToArray());
            var logits = model.forward(x.index_select(0, rows));             // (batch, 10)
            var loss = nn.functional.cross_entropy(logits, yTrain.index_select(0, rows));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if (b % 25 == 0) live.Add(name, epoch + (double)b / batches, loss.item<float>());
        }
    }
    model.eval();
}

double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
{
    using var scope = torch.NewDisposeScope();
    using var noGrad = torch.no_grad();
    long correct = 0;
    for (long start = 0; start < x.shape[0]; start += 100)                  // 100 images at a time
    {
        long size = Math.Min(100, x.shape[0] - start);
        correct += model.forward(x.narrow(0, start, size)).argmax(1).eq(y.narrow(0, start, size))
            .sum().item<long>();
    }
    return (double)correct / x.shape[0];
}

var live = LiveChart.Show("Training loss per mini-batch (every 25th batch)", "epoch",
    "cross-entropy");
Train(cnn, "CNN", live);
Train(mlp, "MLP", live);

double cnnAccuracy = Accuracy(cnn, xTest, yTest), mlpAccuracy = Accuracy(mlp, xTest, yTest);
double chance = 1.0 / 10;                                 // the 10 classes are about equally common
Console.WriteLine($"held-out accuracy: CNN {cnnAccuracy:P1}, MLP {mlpAccuracy:P1} "
    + $"(chance {chance:P0}); CNN − MLP = {100 * (cnnAccuracy - mlpAccuracy):F1} points");
Console.WriteLine($"a uniform guess over 10 classes has cross-entropy ln 10 = {Math.Log(10):F2}");
Claims.Check(cnnAccuracy >= 0.80,
    "the CNN classifies at least 80% of the 1,000 held-out images correctly");
Claims.Check(cnnAccuracy > mlpAccuracy,
    "with the same parameter budget, the CNN beats the MLP on held-out images");

// The loss curves fall from about 2.3 — the cross-entropy of a uniform guess over 10 classes, $\ln 10 \approx 2.30$
// — within the first epoch, the CNN's faster and lower. On the 1,000 held-out images the CNN is right 82.9% of the
// time and the MLP 78.5%, with practically the same number of parameters (20,490 and 20,680). The difference is
// the assumption built into the architecture: the CNN spends its first 4,800 weights on 48 small filters that are
// reused at every position, so every training image teaches every position; the MLP's first layer has to learn
// each of its 26 detectors separately for each of the 784 pixels. On images that assumption is right, and it is
// worth about 4 points here (4.4). Both accuracies are from a short training run (three epochs, 6,000 images), so
// both would gain with more data and epochs.

// ## What the trained CNN learned
//
// The first layer's 16 filters, 3×3 weights each (white = positive, black = negative, one grey scale for all),
// and the 16 feature maps they produce on the ankle boot after the ReLU:

var filters = cnn.parameters().First().detach().to(torch.float64);                // (16, 1, 3, 3)
var filterImages = Enumerable.Range(0, 16).Select(k => filters[k, 0].ToMatrix()).ToArray();
double reach = filterImages.Max(f => f.Enumerate().Max(Math.Abs));
Display.Show(Charts.Enlarged(Charts.ImageGrid("The trained CNN's 16 first-layer filters (3×3)", filterImages, 8,
    zMin: -reach, zMax: reach), 1.5));

Matrix<double>[] firstMaps;
using (torch.no_grad())
{
    var mapsTensor = cnn.FirstMaps(bootImage).to(torch.float64);          // (1, 16, 28, 28)
    firstMaps = Enumerable.Range(0, 16).Select(k => mapsTensor[0, k].ToMatrix()).ToArray();
}
Display.Show(Charts.Enlarged(Charts.ImageGrid("Its 16 feature maps of the ankle boot (after ReLU)",
    firstMaps, 8), 1.3));

// How edge-like are the learned filters? Cosine similarity with day 16's hand-made edge kernels.
double Cosine(Matrix<double> u, Matrix<double> v) =>
    u.Enumerate().Zip(v.Enumerate(), (p, q) => p * q).Sum()
    / (u.FrobeniusNorm() * v.FrobeniusNorm());
var edgeKernels = new[] { EdgeKernels.SobelX, EdgeKernels.SobelY };
var bestMatch = filterImages.Select(f => edgeKernels.Max(e => Math.Abs(Cosine(f, e)))).ToArray();
double zeroSum = filterImages.Count(f =>
    Math.Abs(f.Enumerate().Sum()) < 0.5 * f.Enumerate().Sum(Math.Abs));
Console.WriteLine("largest |cosine| with Sobel x or y, per filter: "
    + string.Join(" ", bestMatch.Select(c => c.ToString("F2"))));
Console.WriteLine($"filters whose weights mostly cancel (|Σw| < ½ Σ|w|): {zeroSum} of 16");

// Learned filters are harder to read than hand-made ones, but the pattern of day 16 is there: many filters are
// bright on one side and dark on the other, i.e. they take differences of neighbouring pixels. In numbers,
// 9 of the 16 filters have weights that mostly cancel ($|\sum w| < \frac12 \sum |w|$), the mark of an edge
// detector that ignores flat regions, and four have a cosine similarity of 0.64–0.70 with a Sobel kernel; the
// others are less like either Sobel direction (0.12–0.48) and respond to other orientations, to brightness,
// or to darkness. The feature maps show it on the boot: some maps light up at the outline (edges of one
// orientation), some at the whole bright body, some only at the dark background just outside the boot.
// Nobody told the network to detect edges; the labels and gradient descent found that edges are useful.

// ## Shift the test images
//
// Now the test the notes' "translation invariance" invites. The first 500 held-out images are moved by $d$
// pixels — right, left, down and up in turn, the uncovered border filled with black (0) — and the trained
// networks classify the moved images. A shift of 1 pixel is 3.6% of the 28-pixel width; at 4 pixels (14%)
// parts of the larger articles leave the frame, so some loss is unavoidable for any model.
//
// Why 500 images, and is that enough? An accuracy $\hat p$ measured on $n$ images has standard error
// $\sqrt{\hat p(1-\hat p)/n}$, at most $\sqrt{0.25/500} = 2.2$ points for $n = 500$ (1.6 for all 1,000, at twice the run
// time). The differences discussed below are 7 points or more, three standard errors and beyond; a gap of
// one or two points between two models is noise at this size.
//
// Before running it, predict. The MLP has one weight per pixel position, so a shift presents it with inputs it
// has never seen in those positions. The CNN's convolutions move with the image; but its head has a weight for
// each of the 7×7 positions of the last feature maps, each of which covers 4×4 pixels.
//
// ### Exercise 2 — predict: how much does the CNN lose at 3 pixels?
//
// Predict the drop of the CNN's held-out accuracy, in percentage points, when the images are shifted by 3 pixels
// (averaged over the four directions). Clean accuracy minus shifted accuracy in points, e.g. `10` for a fall of ten
// points. A prediction within 10 points holds.
//
// <!-- numbers: 3.6% = 1/28, one pixel of the 28-pixel width; 14% = 4/28; 0.25 = the largest value of p̂(1 − p̂), at p̂ = ½ -->

// Exercise 2: your prediction of the CNN's accuracy drop at a 3-pixel shift, in percentage points
double? prediction2 = null;

int[] distances = { 0, 1, 2, 3, 4 };
var xShiftTest = xTest.narrow(0, 0, 500);                    // (500, 1, 28, 28), held out
var yShiftTest = yTest.narrow(0, 0, 500);                    // (500,)
double[] ShiftCurve(nn.Module<Tensor, Tensor> model) => distances.Select(d =>
{
    var moves = d == 0 ? new[] { (0, 0) } : new[] { (d, 0), (-d, 0), (0, d), (0, -d) };
    return moves.Average(m =>
    {
        using var shifted = ImageShift.Shift(xShiftTest, m.Item1, m.Item2);    // (500, 1, 28, 28)
        return Accuracy(model, shifted, yShiftTest);
    });
}).ToArray();
double[] cnnCurve = ShiftCurve(cnn), mlpCurve = ShiftCurve(mlp);       // printed after exercise 2
double StandardError(double share, int n = 500) => Math.Sqrt(share * (1 - share) / n);

double cnnDrop3 = 100 * (cnnCurve[0] - cnnCurve[3]);
Exercise.Predict("2", prediction2, Math.Round(cnnDrop3, 1), tolerance: 10,
    measured: $"CNN: {cnnCurve[0]:P1} unshifted, {cnnCurve[3]:P1} at 3 px, "
        + $"a drop of {cnnDrop3:F1} points");

for (int k = 0; k < distances.Length; k++)
    Console.WriteLine($"shift {distances[k]} px: CNN {cnnCurve[k]:P1}, MLP {mlpCurve[k]:P1}");
Console.WriteLine($"drop at 3 px: CNN {cnnDrop3:F1} points, "
    + $"MLP {100 * (mlpCurve[0] - mlpCurve[3]):F1} points");
Console.WriteLine($"standard error of an accuracy near 50%: {StandardError(0.5):P1} on 500 images, "
    + $"{StandardError(0.5, 1000):P1} on 1,000");
var distanceAxis = distances.Select(d => (double)d).ToArray();
Display.Show(Charts.Lines("Held-out accuracy of images shifted by d pixels (mean of right, left, down, up)",
    "shift d (pixels)", "accuracy", new Series("CNN (flatten head)", distanceAxis, cnnCurve),
    new Series("MLP", distanceAxis, mlpCurve)));

Claims.Check(cnnCurve[3] < cnnCurve[0] - 0.10 && mlpCurve[3] < mlpCurve[0] - 0.10,
    "both networks lose more than 10 points of accuracy at a 3-pixel shift");
Claims.Check(cnnCurve[1] > mlpCurve[1], "at a 1-pixel shift the CNN is still ahead of the MLP");

// Both networks fall steeply, and the CNN is **not** shift-invariant. Averaged over the four directions, the CNN
// goes from 82.0% (on these 500 images) to 78.7% at one pixel, 69.3% at two, 55.1% at three and 42.5% at four;
// the MLP from 77.0% to 73.0%, 60.0%, 46.4% and 35.3%. At three pixels the CNN has lost 26.8 points (the exercise's
// measurement, before the accuracies are rounded) and the MLP 30.6: the CNN degrades a little more
// slowly and stays ahead, but both lose a large part of what they learned.
//
// Why does the CNN fail? Its convolutions and ReLUs are shift-**equivariant**: shift the input and the feature
// maps shift with it (up to the border). Max pooling forgives only moves inside a window. Then the flatten +
// dense head multiplies each of the $32 \times 7 \times 7$ features by its own weight: "heel-like edge in cell
// (6, 2)" and "heel-like edge in cell (6, 3)" are different inputs to it. Fashion-MNIST's articles are always
// centred, so the head never saw a boot three pixels off centre. The network can only be as invariant as its
// least invariant part.

// ## The fix: global average pooling
//
// The head is the position-specific part, so make it position-free: average each channel $c$ of the last
// feature map $H$ over all its 7×7 positions,
//
// $$g_c = \frac{1}{7 \cdot 7}\sum_{y=0}^{6}\sum_{x=0}^{6} H_{c,y,x},\qquad \text{scores} = W g + b .$$
//
// If the image shifts by a multiple of 4 pixels, away from the border, the 7×7 maps shift by whole cells and $g$
// does not change at all; for other shifts it changes only through the pooling windows and the border. This
// **global average pooling** (GAP) head (Lin et al., 2013; used by ResNet and most modern CNNs) needs only
// $(c + 1)\cdot 10$ weights. A GAP head directly on the 32 channels above would have only 330 parameters — a linear
// classifier on 32 averages — so the new head spends part of the budget the dense head used on a third
// convolution layer, 32 → 64 channels on the 7×7 maps, and averages its 64 maps.
//
// The fair test changes *only* the head. The GAP model below reuses the trained CNN's two convolution layers
// as they are (frozen) and trains just the new head, for the same three epochs, on the trunk's maps of the
// 6,000 training images, computed once. Both models then see exactly the same features, so any difference in
// how they take a shift is the head's doing; and training only the head keeps the notebook in its time budget.
//
// | layer | output shape | parameters |
// | --- | --- | --- |
// | conv 1, pool, conv 2, pool (the CNN's, frozen) | (batch, 32, 7, 7) | 4,800 |
// | conv 3×3, 32 → 64, pad 1, ReLU | (batch, 64, 7, 7) | $(9 \cdot 32 + 1)\cdot 64 = 18{,}496$ |
// | global average pool | (batch, 64) | 0 |
// | dense 64 → 10 | (batch, 10) | $(64 + 1)\cdot 10 = 650$ |
//
// 23,946 parameters in all (19,146 of them trained here), 17% more than the flatten CNN; no weight in it belongs
// to a position.

torch.manual_seed(Seeds.Default);
var gapHead = new GapHead();
var gapCnn = new GapCnn(cnn, gapHead);
Console.WriteLine($"parameters: GAP head {Parameters(gapHead):N0} (+ the trunk's 4,800, reused)");
Claims.Check(Parameters(gapHead) == 18_496 + 650,
    "the GAP head has the table's 18,496 + 650 parameters");
var featureChunks = new List<Tensor>();                // the frozen trunk's maps, computed once
using (torch.no_grad())
    for (long start = 0; start < xTrain.shape[0]; start += 100)             // 100 images at a time
    {
        using var scope = torch.NewDisposeScope();        // frees each chunk's intermediate maps
        featureChunks.Add(cnn.Features(xTrain.narrow(0, start, 100)).MoveToOuterDisposeScope());
    }
var trainFeatures = torch.cat(featureChunks.ToArray());                    // (6000, 32, 7, 7)
var liveGap = LiveChart.Show("Training loss per mini-batch, GAP head on the CNN's trunk", "epoch",
    "cross-entropy");
Train(gapHead, "GAP head", liveGap, trainFeatures);
double gapAccuracy = Accuracy(gapCnn, xTest, yTest);
Console.WriteLine($"held-out accuracy: CNN + GAP {gapAccuracy:P1} (flatten head {cnnAccuracy:P1})");

// ### Exercise 3 — predict: and with global average pooling?
//
// Predict the GAP model's drop in percentage points at a 3-pixel shift (same measurement as exercise 2). A
// prediction within 10 points holds.

// Exercise 3: your prediction of the GAP CNN's accuracy drop at a 3-pixel shift (percentage points)
double? prediction3 = null;

double[] gapCurve = ShiftCurve(gapCnn);                                 // printed after exercise 3
double gapDrop3 = 100 * (gapCurve[0] - gapCurve[3]);
Exercise.Predict("3", prediction3, Math.Round(gapDrop3, 1), tolerance: 10,
    measured: $"CNN + GAP: {gapCurve[0]:P1} unshifted, {gapCurve[3]:P1} at 3 px, "
        + $"a drop of {gapDrop3:F1} points");

for (int k = 0; k < distances.Length; k++)
    Console.WriteLine($"shift {distances[k]} px: CNN + GAP {gapCurve[k]:P1}, CNN {cnnCurve[k]:P1}, "
        + $"MLP {mlpCurve[k]:P1}; GAP − CNN {100 * (gapCurve[k] - cnnCurve[k]):+0.0;−0.0} points");
double mlpDrop3 = 100 * (mlpCurve[0] - mlpCurve[3]);
Console.WriteLine($"drop at 3 px: CNN + GAP {gapDrop3:F1}, CNN {cnnDrop3:F1}, MLP {mlpDrop3:F1} "
    + $"points; difference of the two CNN drops {cnnDrop3 - gapDrop3:F1} points "
    + $"= {(cnnDrop3 - gapDrop3) / (100 * StandardError(0.5)):F1} standard errors");
Console.WriteLine($"share of the unshifted accuracy kept at 3 px: CNN + GAP "
    + $"{gapCurve[3] / gapCurve[0]:P0}, CNN {cnnCurve[3] / cnnCurve[0]:P0}, "
    + $"MLP {mlpCurve[3] / mlpCurve[0]:P0}");
Console.WriteLine($"on all 1,000 held-out images: CNN + GAP {gapAccuracy:P1}, "
    + $"{100 * (cnnAccuracy - gapAccuracy):F1} points below the flatten CNN");
Display.Show(Charts.Lines("Held-out accuracy vs shift, with the GAP CNN",
    "shift d (pixels)", "accuracy",                  // same order, so the same colours, as before
    new Series("CNN (flatten head)", distanceAxis, cnnCurve),
    new Series("MLP", distanceAxis, mlpCurve), new Series("CNN + GAP", distanceAxis, gapCurve)));

Claims.Check(gapCurve[0] - gapCurve[3] < 0.6 * (cnnCurve[0] - cnnCurve[3]),
    "at a 3-pixel shift the GAP CNN loses less than 60% of what the flatten CNN loses");
Claims.Check(gapCurve[4] > cnnCurve[4] && gapCurve[4] > mlpCurve[4],
    "at a 4-pixel shift the GAP CNN is the most accurate of the three");
Claims.Check((cnnCurve[0] - cnnCurve[3]) - (gapCurve[0] - gapCurve[3]) > 4 * StandardError(0.5),
    "the GAP CNN's drop at 3 pixels is smaller, by over 4 standard errors of a 500-image share");

// The GAP CNN keeps its accuracy much better: from 63.8% unshifted (on the 500 images) to 61.7% at one pixel,
// 58.6% at two, 54.0% at three and 49.7% at four. Its drop at three pixels is 9.8 points, against 26.8 for the
// flatten CNN with the *same* convolutions and 30.6 for the MLP: it keeps 85% of its unshifted accuracy, the
// flatten CNN 67%, the MLP 60%. The difference between the two CNN drops, 17.0 points, is 7.6 standard errors of
// a 500-image accuracy. The remaining loss is the part no head can fix — at three and four pixels the larger
// articles (coats, bags, dresses) lose a strip at the border and a strip of black enters on the other side —
// plus the pooling windows, which a shift by a non-multiple of 4 pixels still changes.
//
// The honest other half of the result: the GAP model is **worse** than the flatten CNN in absolute terms at
// every shift from 0 to 3 pixels — 18.2, 17.0, 10.7 and 1.2 points below (the last within the noise) — and
// ahead only at 4 pixels, by 7.2. On all 1,000 held-out images it is 65.2% accurate, 17.7 points below the
// flatten CNN. Its loss curve shows why: it falls slowly. An average over 49 positions is a weaker signal
// than 1,568 separate weights, and the frozen convolutions were trained to feed a head that knows positions,
// not one that averages them away; a GAP network trained end to end, for more epochs than this notebook's
// time budget allows, would be the fair comparison of accuracy (not run here). What this run shows is the
// *mechanism*: with the features held fixed, removing the position-specific weights cuts the damage a shift
// does to about a third — it does not make the model better. When to use which: if the objects are always
// centred and aligned, as in Fashion-MNIST, a flatten head is fine and learns faster; if they can appear
// anywhere — photographs, detection, images of any size — a position-free head (GAP) or training on shifted
// copies (data augmentation) is needed, and modern CNNs use both.

// ## Summary
//
// * Pooling summarises each $k \times k$ window by its maximum (is the feature there?) or mean (how much of it?):
//   no parameters, maps $k^2$ times smaller, receptive fields larger, and a move *within* a window forgotten.
// * It throws away position inside the window — fine for "what is it", harmful for "which pixel is it"
//   (segmentation), where networks upsample again with skip connections.
// * With the same 20k-parameter budget and three epochs on 6,000 images, the CNN beat the MLP on held-out
//   Fashion-MNIST — because it assumes locality and weight sharing, which hold for images.
// * Convolution is shift-*equivariant*; the network is shift-*invariant* only if its head is. With a flatten +
//   dense head the CNN lost 27 points at a 3-pixel shift (the MLP 31). A global-average-pooling head on the
//   same frozen convolutions has no position-specific weight and lost 9.8 points instead — but it was only
//   65.2% accurate on the held-out images (it learns more slowly), below the flatten CNN at every shift up to
//   3 pixels; it led only at 4.
//
// Exercises 1–3 are above, each next to its idea. Reference solutions:
// `notebooks/solutions/day-17-pooling-cnn-vs-ann.dib`.

// Types declared in the notebook's cells (C# puts them after the statements).

class FashionCnn : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d conv1 = nn.Conv2d(1, 16, 3, padding: 1);
    private readonly TorchSharp.Modules.Conv2d conv2 = nn.Conv2d(16, 32, 3, padding: 1);
    private readonly TorchSharp.Modules.Linear head = nn.Linear(32 * 7 * 7, 10);

    public FashionCnn() : base(nameof(FashionCnn)) => RegisterComponents();

    // (batch, 16, 28, 28)
    public Tensor FirstMaps(Tensor x) => nn.functional.relu(conv1.forward(x));

    public Tensor Features(Tensor x)          // x: (batch, 1, 28, 28) → (batch, 32, 7, 7)
    {
        var h = nn.functional.max_pool2d(FirstMaps(x), 2);  // (batch, 16, 14, 14)
        return nn.functional.max_pool2d(nn.functional.relu(conv2.forward(h)), 2);
    }

    public override Tensor forward(Tensor x) =>
        head.forward(Features(x).flatten(1));               // (batch, 1568) → (batch, 10) logits
}

class GapHead : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d conv3 = nn.Conv2d(32, 64, 3, padding: 1);
    private readonly TorchSharp.Modules.Linear head = nn.Linear(64, 10);

    public GapHead() : base(nameof(GapHead)) => RegisterComponents();

    public override Tensor forward(Tensor h)  // h: the trunk's maps (batch, 32, 7, 7)
    {
        h = nn.functional.relu(conv3.forward(h));                               // (b, 64, 7, 7)
        return head.forward(h.mean(new long[] { 2, 3 }));       // GAP: (batch, 64) → (batch, 10)
    }
}

class GapCnn : nn.Module<Tensor, Tensor>   // the CNN's trunk, then the GAP head
{
    private readonly FashionCnn trunk;
    private readonly GapHead gap;

    public GapCnn(FashionCnn trunk, GapHead gap) : base(nameof(GapCnn))
    {
        (this.trunk, this.gap) = (trunk, gap);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => gap.forward(trunk.Features(x));  // (batch, 10)
}
