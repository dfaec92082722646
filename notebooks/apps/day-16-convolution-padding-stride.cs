// day-16-convolution-padding-stride.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-16-convolution-padding-stride.cs
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

// # Day 16 — Convolution, padding and stride
//
// > An ANN multiplies matrices; a CNN **convolves**. Images have a grid-like topology, and the
// > first layers **detect edges** — intensity changes — with small kernels (filters): vertical,
// > horizontal, slant … Inspired by the human visual cortex: simple cells (edge detectors) and
// > complex cells with a bigger receptive field.
// > — the course notes, "Convolutional Neural Networks", "Biological connection", "Padding and Strides"
//
// Day 8 trained a multilayer perceptron on Fashion-MNIST by flattening each 28×28 image into 784
// numbers. That works, but it throws away what makes an image an image. Shuffle the 784 pixel
// positions the same way in every image and the MLP learns exactly as well: it has no idea that pixel
// (10, 11) is next to pixel (10, 12). It also pays for every pixel separately: a first dense layer of
// just 100 units already has $(784 + 1)\cdot 100 = 78{,}500$ weights, and a 224×224 colour photo would
// need $(150{,}528 + 1)\cdot 100 \approx 15$ million. And a boot learned in the middle of the frame
// teaches it nothing about a boot two pixels further left, because those are different weights.
//
// A **convolution layer** fixes all three problems with one idea: a small filter of, say, 3×3 weights
// is slid over the image, and at every position it computes the same weighted sum of the patch under it.
// The weights are *shared* across positions (few parameters), they only look at *neighbouring* pixels
// (the grid is used), and a pattern is detected wherever it is (a shifted input gives a shifted output).
//
// **The biological connection.** Hubel and Wiesel (1959–1962, Nobel prize 1981) recorded single
// neurons in the cat's primary visual cortex while showing it bars of light. A **simple cell** fired
// for an edge or bar of one *orientation* at one *place*: it looks at a small patch of the visual field,
// its **receptive field**, and acts like a fixed edge filter on that patch. A **complex cell** responded
// to the same orientation anywhere in a *larger* receptive field: it pools several simple cells.
// Fukushima's Neocognitron (1980) turned this into a network of alternating "S" and "C" layers, and
// LeCun's LeNet (1989–1998) trained such a network by backpropagation to read ZIP codes and bank
// cheques. In today's terms: a convolution filter is a simple cell repeated at every position, and
// pooling (day 17) is the complex cell. Stacking layers makes receptive fields grow, so later layers
// see larger parts of the image and respond to combinations of edges — corners, textures, parts.
//
// This notebook builds the convolution from its defining sum, runs edge filters on real 28×28
// Fashion-MNIST images, derives the output size with padding and stride, and says why one uses each.
//
// Library types used here: `Conv2d` (from scratch), `ImageBatch`, `ConvShape`, `EdgeKernels`,
// `Datasets`; notebook helpers `Charts`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(16);   // this day's exercise hints, kept off the page until you try
var fashion = Datasets.FashionMnist();                  // 10,000 test images, 28×28, 10 classes
int[] firstOfClass = Enumerable.Range(0, 10)
    .Select(k => Array.IndexOf(fashion.Labels, k)).ToArray();
Console.WriteLine(string.Join(" | ", fashion.ClassNames));
Display.Show(Charts.Enlarged(Charts.ImageGrid("Fashion-MNIST: the first image of each class (28×28 pixels)",
    firstOfClass.Select(fashion.Image).ToArray(), 5), 2));

// Ten grey-scale articles of clothing, 28×28 pixels each, values in $[0, 1]$ (black background = 0).
// Their outlines are what distinguishes them: the two legs of the trouser, the heel of the boot, the
// strap of the bag. Outlines are places where the intensity changes quickly — **edges** — and finding
// them is the first job of a convolution layer.
//
// ## The sliding-window sum
//
// Take an image $X$ of $n_h \times n_w$ pixels and a filter (kernel) $W$ of $f \times f$ weights. Put
// the filter's top-left corner on pixel $(y, x)$, multiply the $f^2$ overlapping numbers element by
// element and add them up, plus a bias $b$:
//
// $$z_{y,x} = b + \sum_{i=0}^{f-1}\sum_{j=0}^{f-1} W_{i,j}\, X_{y+i,\,x+j}.$$
//
// The window fits for $y = 0, 1, \dots, n_h - f$, so the output (the **feature map**) has
// $(n_h - f + 1) \times (n_w - f + 1)$ entries: a 3×3 filter turns 28×28 into 26×26. Strictly this is
// *cross-correlation*; mathematical convolution flips the kernel first ($W_{f-1-i,\,f-1-j}$). Since
// the weights are learned, the flip changes nothing, and every deep-learning library (TorchSharp's
// `conv2d` included) computes the formula above. Here it is as four loops:

// z[y, x] = Σ_i Σ_j w[i, j] · image[y + i, x + j]: one channel, no padding, stride 1, no bias
Matrix<double> CrossCorrelate(Matrix<double> image, Matrix<double> kernel)
{
    int f = kernel.RowCount;
    int outH = image.RowCount - f + 1, outW = image.ColumnCount - f + 1;    // n − f + 1
    var z = Matrix<double>.Build.Dense(outH, outW);
    for (int y = 0; y < outH; y++)            // every window position …
    for (int x = 0; x < outW; x++)
    for (int i = 0; i < f; i++)               // … sums the products with the patch under it
    for (int j = 0; j < f; j++)
        z[y, x] += kernel[i, j] * image[y + i, x + j];
    return z;
}

var boot = fashion.Image(firstOfClass[9]);                        // (28, 28): an ankle boot
var mine = CrossCorrelate(boot, EdgeKernels.Vertical);             // (26, 26)
var torchMap = torch.nn.functional.conv2d(
    boot.ToTensor().reshape(1, 1, 28, 28),                         // (batch, channels, 28, 28)
    EdgeKernels.Vertical.ToTensor().reshape(1, 1, 3, 3));          // (filters, channels, 3, 3)
double loopsVsTorch = (mine - torchMap.reshape(26, 26).ToMatrix()).Enumerate().Max(Math.Abs);
torchMap.Dispose();
Console.WriteLine($"feature map {mine.RowCount}×{mine.ColumnCount}; "
    + $"largest difference from TorchSharp's conv2d: {loopsVsTorch:E1}");
Claims.Check(loopsVsTorch < 1e-12, "the four loops compute what TorchSharp's conv2d computes");

// The loops and TorchSharp agree to the last bit of a double: the formula *is* what a CNN layer
// computes. The library's `Conv2d` computes the same numbers by a faster route (it copies every window
// into a row of a matrix, "im2col", and does one matrix product); from here on the notebook uses it
// through a small helper, after checking it against the loops once more.

Matrix<double> Filter(Matrix<double> picture, Matrix<double> kernel,
    int stride = 1, int padding = 0)
{
    var conv = new Conv2d(1, 1, kernel.RowCount, stride, padding);
    kernel.ToRowMajorArray().CopyTo(conv.Weights.Data, 0);
    return conv.Forward(ImageBatch.FromMatrix(picture)).Output.ToMatrix();
}
Claims.Check((Filter(boot, EdgeKernels.Vertical) - mine).Enumerate().Max(Math.Abs) < 1e-12,
    "the library's im2col Conv2d gives the loops' feature map");

// ## Edges are intensity changes
//
// Why does the **vertical** kernel
// $W = \begin{pmatrix}1 & 0 & -1\\ 1 & 0 & -1\\ 1 & 0 & -1\end{pmatrix}$ find vertical edges? Put it
// into the sum: $z_{y,x} = \sum_{i=0}^{2}\left(X_{y+i,\,x} - X_{y+i,\,x+2}\right)$, the left column of
// the window minus its right column, added over three rows. On a flat patch the two columns are equal
// and $z = 0$. Across a vertical edge from bright (left) to dark (right) each row contributes the jump,
// so $z$ is three times the jump. It is a finite-difference estimate of $-\partial X/\partial x$,
// averaged over three rows to be less sensitive to noise. Its transpose, the **horizontal** kernel,
// estimates $-\partial X/\partial y$. Sobel's kernels weight the centre row twice. A synthetic
// 6×6 image, bright on the left, checks the arithmetic:

var step = Matrix<double>.Build.Dense(6, 6, (r, c) => c < 3 ? 10 : 0);   // bright left, dark right
var vertical = Filter(step, EdgeKernels.Vertical);                          // (4, 4)
var horizontal = Filter(step, EdgeKernels.Horizontal);
Console.WriteLine(vertical.ToMatrixString());
Claims.Check(vertical.Column(1).All(v => v == 30) && vertical.Column(0).All(v => v == 0)
    && vertical.Column(3).All(v => v == 0),
    "the vertical kernel fires (30) only where its window spans the edge");
Claims.Check(horizontal.Enumerate().All(v => v == 0),
    "the horizontal kernel does not respond to a vertical edge");

// The map is 30 (three rows times the jump of 10) in the columns whose window spans the edge,
// and 0 where the window sees a flat region — exactly as the sum predicts. The horizontal kernel gives
// 0 everywhere: it compares rows, and all rows of this image are the same.
//
// Now on real images. Each row below shows an article, then the size of its vertical-edge map
// $|z|$, its horizontal-edge map, and the Sobel gradient magnitude
// $\sqrt{z_x^2 + z_y^2}$. The vertical and horizontal maps of one article share one grey scale (white = the
// larger of their two maxima), so their brightness can be compared; the Sobel magnitude, a different quantity,
// has its own. The picture is cropped by one pixel on each side so that it lines up with the 26×26 maps.

int[] shown = { firstOfClass[1], firstOfClass[9], firstOfClass[8] };    // trouser, ankle boot, bag
Matrix<double> Scaled(Matrix<double> m, double top) => m.PointwiseAbs() / top;   // white = top
double Top(Matrix<double> m) => m.PointwiseAbs().Enumerate().Max();
var panels = new List<Matrix<double>>();
foreach (int index in shown)
{
    var picture = fashion.Image(index);                                     // (28, 28)
    var v = CrossCorrelate(picture, EdgeKernels.Vertical);                  // (26, 26)
    var h = CrossCorrelate(picture, EdgeKernels.Horizontal);
    double shared = Math.Max(Top(v), Top(h));                  // one scale for the two directions
    var gx = CrossCorrelate(picture, EdgeKernels.SobelX);
    var gy = CrossCorrelate(picture, EdgeKernels.SobelY);
    var sobel = (gx.PointwisePower(2) + gy.PointwisePower(2)).PointwiseSqrt();
    panels.Add(picture.SubMatrix(1, 26, 1, 26));
    panels.Add(Scaled(v, shared));
    panels.Add(Scaled(h, shared));
    panels.Add(Scaled(sobel, Top(sobel)));
}
Display.Show(Charts.Enlarged(Charts.ImageGrid("Feature maps of three real images (white = strong response)",
    panels, 4, rowLabels: shown.Select(i => fashion.ClassNames[fashion.Labels[i]]).ToArray(),
    columnLabels: new[] { "image", "|vertical|", "|horizontal|", "Sobel magnitude" }), 2));

double MeanAbs(Matrix<double> m) => m.Enumerate().Average(Math.Abs);
var trouser = fashion.Image(firstOfClass[1]);
double trouserV = MeanAbs(CrossCorrelate(trouser, EdgeKernels.Vertical));
double trouserH = MeanAbs(CrossCorrelate(trouser, EdgeKernels.Horizontal));
Console.WriteLine($"trouser: mean |vertical response| {trouserV:F3}, |horizontal| {trouserH:F3}");
Claims.Check(trouserV > 2 * trouserH,
    "a trouser's long legs give at least twice as much vertical edge as horizontal");

// On the shared scale the vertical-edge map of the trouser traces the two long legs and the gap between them;
// its horizontal map is nearly dark except at the waistband and the hems. In numbers, the mean $|z|$ is 0.739 for
// the vertical kernel against 0.111 for the horizontal one, almost seven times more. The ankle boot and the bag have edges in
// both directions (a sole, a top, sides), so both of their maps light up, each along a different part of the
// outline. The Sobel magnitude combines the two directions and outlines the whole object. These filters were designed by hand; a CNN *learns* its filters from the labels (day 17), and
// each learned filter is one more "simple cell" tuned to some local pattern.

// **Shift equivariance.** The introduction promised that a pattern is detected wherever it is. Move the
// boot 3 pixels right and 2 down (zeros fill the uncovered strip) and filter both images:

var moved = Matrix<double>.Build.Dense(28, 28,                        // the boot, 2 down, 3 right
    (r, c) => r >= 2 && c >= 3 ? boot[r - 2, c - 3] : 0);
var mapBoot = Filter(boot, EdgeKernels.Vertical);                       // (26, 26)
var mapMoved = Filter(moved, EdgeKernels.Vertical);
double movedGap = 0;                     // the moved image's map vs the original map, moved too
for (int y = 2; y < 26; y++)
for (int x = 3; x < 26; x++)
    movedGap = Math.Max(movedGap, Math.Abs(mapMoved[y, x] - mapBoot[y - 2, x - 3]));
double inPlaceGap = (mapMoved - mapBoot).Enumerate().Max(Math.Abs);     // the same, not moved
double largest = mapBoot.Enumerate().Max(Math.Abs);
Console.WriteLine($"map of the moved boot vs the boot's map moved by (2, 3): {movedGap:E1}; "
    + $"vs the boot's map in place: {inPlaceGap:F2} (largest response {largest:F2})");
Claims.Check(movedGap < 1e-12 && inPlaceGap > 0.5 * largest,
    "filtering commutes with shifting: the moved image's map is the original map, moved");

// The map of the moved boot *is* the boot's map moved by the same (2, 3) pixels, to the last bit of a
// double, while compared in place the two maps differ by more than half the largest response: the edges
// moved with the boot. This is **shift equivariance**, $\operatorname{conv}(\operatorname{shift}(X)) =
// \operatorname{shift}(\operatorname{conv}(X))$ away from the border, and it holds for any filter because
// the same weights are used at every position. It is not *invariance* — the output moves, it does not stay
// put. Whether a whole network's *answer* stays put when the image moves is day 17's question.

// ### Exercise 1 — the sliding-window sum with padding and stride
//
// `CrossCorrelate` above handles the plain case. Extend it with the two settings every convolution layer
// has (both explained in the next section): **padding** $p$ — surround the image with $p$ rows and
// columns of zeros before sliding — and **stride** $s$ — move the window $s$ pixels at a time. The
// general formula is
//
// $$z_{y,x} = \sum_{i=0}^{f-1}\sum_{j=0}^{f-1} W_{i,j}\, X_{ys - p + i,\; xs - p + j},\qquad X_{r,c} = 0 \text{ outside the image}.$$
//
// The check runs your function on random images and kernels of several sizes, strides and paddings and
// compares with TorchSharp's `functional.conv2d`.

// Exercise 1: conv2d with padding and stride, as loops
// image: (n_h, n_w); kernel: (f, f); zero padding p on every side; the window moves s pixels.
// Return z of shape (⌊(n_h + 2p − f)/s⌋ + 1, ⌊(n_w + 2p − f)/s⌋ + 1).
Matrix<double> Conv2dLoops(Matrix<double> image, Matrix<double> kernel, int stride, int padding)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(16);
    var cases = new[] { (9, 11, 3, 1, 0), (10, 7, 3, 2, 1), (12, 12, 4, 3, 2), (8, 9, 5, 2, 2) };
    foreach (var (h, w, f, s, p) in cases)          // image h×w, kernel f×f, stride s, padding p
    {
        var x = Matrix<double>.Build.Dense(h, w, (_, _) => rng.NextDouble());          // (h, w)
        var k = Matrix<double>.Build.Dense(f, f, (_, _) => rng.NextDouble() - 0.5);    // (f, f)
        using var scope = torch.NewDisposeScope();
        var reference = torch.nn.functional.conv2d(x.ToTensor().reshape(1, 1, h, w),
            k.ToTensor().reshape(1, 1, f, f), strides: new long[] { s, s },
            padding: new long[] { p, p });
        var problem = Exercise.Compare($"your map for a {h}×{w} image, f = {f}, s = {s}, p = {p}",
            Conv2dLoops(x, k, s, p), reference.squeeze(0).squeeze(0).ToMatrix(), 1e-12);
        if (problem is not null) return problem;
    }
    return null;
});

// ### Exercise 2 — a kernel for diagonal edges
//
// The notes list "slant" edges among the features of the first layer. Design a 3×3 kernel that responds
// to an edge running diagonally from top-left to bottom-right (like the stroke "\\"), with bright on one
// side and dark on the other. The check shows it three synthetic 12×12 step images — the diagonal "\\"
// edge, a vertical edge and the other diagonal "/" — and asks that (a) it gives 0 on a flat image (weights
// sum to 0), (b) its strongest $|z|$ on the "\\" edge is at least 1.25 times that on the vertical edge (and
// on the horizontal one), and (c) its strongest $|z|$ on the "/" edge is less than a quarter of that on "\\".

// Exercise 2: a 3×3 kernel for "\" edges (replace null with your kernel)
// e.g. Matrix<double>.Build.DenseOfArray(new double[,] { { …, …, … }, { … }, { … } })
Matrix<double>? diagonal = null;

Exercise.Check("2", () =>
{
    var kernel = diagonal ?? Exercise.Todo<Matrix<double>>();
    if (kernel.RowCount != 3 || kernel.ColumnCount != 3)
        return $"the kernel is {kernel.RowCount}×{kernel.ColumnCount}, not 3×3";
    double Peak(Func<int, int, bool> bright) => CrossCorrelate(                   // strongest |z|
        Matrix<double>.Build.Dense(12, 12, (r, c) => bright(r, c) ? 1 : 0), kernel)
        .Enumerate().Max(Math.Abs);
    double backslash = Peak((r, c) => r > c), slash = Peak((r, c) => r + c > 11);
    double vert = Peak((r, c) => c < 6), horiz = Peak((r, c) => r < 6);
    string peaks = $" (peak |z|: \\ edge {backslash:G3}, / edge {slash:G3}, "
        + $"vertical {vert:G3}, horizontal {horiz:G3})";
    if (Math.Abs(kernel.Enumerate().Sum()) > 1e-9)
        return "the weights do not sum to 0, so a flat image gives a non-zero response";
    if (backslash < 1.25 * Math.Max(vert, horiz))
        return "the kernel answers a vertical or horizontal edge almost as strongly as the \\ edge"
            + peaks;
    if (slash >= 0.25 * backslash) return "the kernel also answers the / edge" + peaks;
    return null;
});

// ## Output size, padding and stride
//
// **Deriving the output size.** Pad the image with $p$ zeros on each side: it is now $n + 2p$ pixels
// wide. The window of width $f$ starts at columns $0, s, 2s, \dots, ks$, and the last start must
// leave room for the whole window: $ks + f \le n + 2p$, i.e. $k \le (n + 2p - f)/s$. The largest whole
// $k$ is $\lfloor (n + 2p - f)/s \rfloor$, and counting the start at 0,
//
// $$n_{\text{out}} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1.$$
//
// With $s = 1$, $p = 0$ this is the $n - f + 1$ from before. The notes write this formula in several
// ways that are off: "$\lceil \frac{n - f + 1}{s} + 1 \rceil$ or floor" and "$\left[\frac{n + 2p + f}{s} + 1\right]$"
// are both wrong (for $n = 28$, $f = 3$, $p = 0$, $s = 2$ they give 14 and 16.5, while the window
// fits 13 times: starts 0, 2, …, 24); the formula above is the one every library uses. The notes' line "if stride is (2×2) the
// filter will move a pixel" should read *two* pixels. Each row of the table is checked against the
// shape TorchSharp's `conv2d` produces:
//
// <!-- numbers: 16.5 = the notes' (n + 2p + f)/s + 1 = (28 + 0 + 3)/2 + 1, derived in the sentence -->

var rows = new List<(long n, long f, long p, long s, long output)>();
foreach (int n in new[] { 14, 28 })
foreach (int f in new[] { 3, 5 })
foreach (int p in new[] { 0, ConvShape.SamePadding(f) })
foreach (int s in new[] { 1, 2 })
{
    using var probe = torch.nn.functional.conv2d(torch.zeros(1, 1, n, n, dtype: torch.float64),
        torch.zeros(1, 1, f, f, dtype: torch.float64),
        strides: new long[] { s, s }, padding: new long[] { p, p });
    int output = ConvShape.OutputSize(n, f, p, s);
    Claims.Check(probe.shape[2] == output,
        $"n={n}, f={f}, p={p}, s={s}: ⌊(n + 2p − f)/s⌋ + 1 = {output}, as TorchSharp computes");
    rows.Add((n, f, p, s, output));
}
Display.Show(new Table(new[] { "n", "f", "p", "s", "output" }.Select((name, k) =>
    new TableColumn(name, ColumnKind.Integer, rows.Select(r => (object?)(k switch
        { 0 => r.n, 1 => r.f, 2 => r.p, 3 => r.s, _ => r.output })).ToArray())).ToArray()));

// All 16 shapes match TorchSharp. Read the table by pairs: without padding a 5×5 filter loses 4
// pixels (28 → 24); with $p = 2$ it keeps 28; stride 2 roughly halves the size either way (28 → 14 with
// "same" padding, 28 → 12 without).
//
// **Why pad.** Without padding ("valid" convolution in Keras's words) every 3×3 layer shrinks the map by
// 2 pixels: ten layers turn 28×28 into 8×8, regardless of whether we wanted to downsample. Worse, the
// border pixels take part in fewer windows than the centre ones, so what is at the edge of an image counts
// less. "Same" padding, $p = (f - 1)/2$ for odd $f$, keeps the size at stride 1 and lets the filter centre
// sit on every pixel. The cell counts how many 3×3 windows cover each pixel of a 28×28 image:

int[,] Coverage(int n, int f, int p)
{
    var count = new int[n, n];
    int outSize = ConvShape.OutputSize(n, f, p, 1);
    for (int y = 0; y < outSize; y++) for (int x = 0; x < outSize; x++)       // every window …
    for (int i = 0; i < f; i++) for (int j = 0; j < f; j++)                   // … covers f² pixels
    {
        int r = y - p + i, c = x - p + j;
        if (r >= 0 && r < n && c >= 0 && c < n) count[r, c]++;
    }
    return count;
}
var valid = Coverage(28, 3, 0);
var same = Coverage(28, 3, 1);
Console.WriteLine($"windows covering a pixel — valid: corner {valid[0, 0]}, edge {valid[0, 14]}, "
    + $"centre {valid[14, 14]}; same: corner {same[0, 0]}, edge {same[0, 14]}, "
    + $"centre {same[14, 14]}");
Claims.Check(valid[0, 0] * 9 == valid[14, 14] && same[0, 0] > valid[0, 0],
    "without padding a corner pixel is seen 9 times less often than a central one; "
    + "padding raises it");

// Without padding a corner pixel enters the sum of 1 window and a central pixel 9; an edge pixel 3.
// With "same" padding the corner is covered 4 times and the edge 6 — still fewer, but the filter's centre
// visits every pixel once, which is what keeps the output 28×28.
//
// **Why stride.** A stride $s > 1$ skips positions, for two reasons. *Cost*: a layer computes
// $n_{\text{out}}^2 \cdot f^2 \cdot c_{\text{in}} \cdot c_{\text{out}}$ multiply-adds, so stride 2 cuts it about
// fourfold. *Downsampling*: neighbouring outputs of a stride-1 filter overlap and mostly repeat each other;
// deeper layers want coarser, higher-level features over a larger region, not the same edges again at every
// pixel — the notes' "need high-level features, no need of low-level features". A strided convolution
// downsamples and filters in one step; pooling (day 17) is the other way to do it. The price: details
// finer than the stride can fall between the window positions.

long MultiplyAdds(int n, int f, int p, int s, int cIn, int cOut) =>
    (long)ConvShape.OutputSize(n, f, p, s) * ConvShape.OutputSize(n, f, p, s) * f * f * cIn * cOut;
foreach (int s in new[] { 1, 2, 4 })
    Console.WriteLine($"3×3 conv, 32 → 32 channels on 28×28, same padding, stride {s}: "
        + $"{ConvShape.OutputSize(28, 3, 1, s)}×{ConvShape.OutputSize(28, 3, 1, s)} map, "
        + $"{MultiplyAdds(28, 3, 1, s, 32, 32):N0} multiply-adds "
        + $"({MultiplyAdds(28, 3, 1, s, 32, 32) / 1e6:F2} million)");

// Stride 2 brings 7.2 million multiply-adds down to 1.8 million (the map has a quarter of the
// positions), stride 4 to 0.45 million. The slider below shows what is given up: the vertical-edge map of the
// ankle boot for strides 1 to 4 (padding 1). Every frame is drawn at the same size, so a pixel of the
// stride-2 map covers 2×2 image pixels.

var strideFrames = new List<(string Label, Matrix<double> Image)>();
foreach (int s in new[] { 1, 2, 3, 4 })
{
    var map = Filter(boot, EdgeKernels.Vertical, stride: s, padding: 1).PointwiseAbs();   // (m, m)
    int m = map.RowCount;
    strideFrames.Add(($"s = {s}: {m}×{m} map",
        Matrix<double>.Build.Dense(28, 28, (r, c) => map[r * m / 28, c * m / 28])));  // (28, 28)
}
Display.Show(Charts.Enlarged(Charts.ImageSlider("|Vertical edges| of the ankle boot: stride → feature map",
    "stride", strideFrames, zMin: 0), 3));

// At stride 1 the 28×28 map traces the boot's vertical outline and the edge of its heel pixel by pixel. At
// stride 2 (14×14) the outline is still clear with a quarter of the work. At stride 3 and 4 (10×10, 7×7) the
// map is a coarse sketch of where vertical structure is, and thin edges can land between window positions
// and vanish. That is the trade-off: use stride 2 (or pooling) where you want to shrink the map anyway,
// typically a few times in a network; do not use large strides early, on fine detail.
//
// ### Exercise 3 — predict an output size
//
// A layer has 5×5 filters, padding 2 and stride 3, on a 28×28 image. Predict the side of its feature
// map, then run the cell: it asks TorchSharp.

// Exercise 3: your prediction of the output side (a whole number)
double? prediction3 = null;

using (var probe = torch.nn.functional.conv2d(torch.zeros(1, 1, 28, 28), torch.zeros(1, 1, 5, 5),
    strides: new long[] { 3, 3 }, padding: new long[] { 2, 2 }))
{
    Exercise.Predict("3", prediction3, probe.shape[2], tolerance: 0,
        measured: $"TorchSharp's output shape: ({string.Join(", ", probe.shape)})");
}

// ## Several channels, several filters
//
// A colour image has 3 channels (red, green, blue), and every layer after the first has as many channels
// as the layer before had filters. A filter then has a $f \times f$ slice per input channel and sums over all
// of them,
// $z_{o,y,x} = b_o + \sum_{c}\sum_{i,j} W_{o,c,i,j}\, X_{c,\, ys-p+i,\, xs-p+j}$, so each filter gives **one**
// output channel and a layer of $k$ filters has $(f \cdot f \cdot c_{\text{in}} + 1)\,k$ parameters —
// independent of the image size. A 3-channel 28×28 input with two 3×3×3 filters:

var colour = new ImageBatch(1, 3, 28, 28,                             // (batch, channels, h, w)
    Enumerable.Range(0, 3 * 28 * 28).Select(_ => random.System.NextDouble()).ToArray());
var layer = new Conv2d(3, 2, 3);                                       // weights (2, 3, 3, 3)
Enumerable.Range(0, 54).Select(_ => random.System.NextDouble() - 0.5).ToArray()
    .CopyTo(layer.Weights.Data, 0);
var maps = layer.Forward(colour).Output;
long convParameters = ConvShape.ConvParameters(3, 3, 2);
long denseParameters = ConvShape.DenseParameters(3 * 28 * 28, 2 * 26 * 26);
Console.WriteLine($"output shape ({string.Join(", ", maps.Shape)}); parameters: "
    + $"convolution {convParameters:N0}, "
    + $"dense layer with the same inputs and outputs {denseParameters:N0} "
    + $"({denseParameters / 1e6:F1} million, "
    + $"{denseParameters / (double)convParameters:N0} times more)");
Claims.Check(maps.Shape.SequenceEqual(new long[] { 1, 2, 26, 26 }),
    "two filters over a 3-channel 28×28 image give a (1, 2, 26, 26) output");

// Two filters, 56 parameters, produce 1,352 outputs from 2,352 inputs. A dense layer with the same inputs and
// outputs needs $(2352 + 1)\cdot 1352 \approx 3.2$ million. That factor of 57,000 is the notes' "why not ANN":
// weight sharing and local connections are an assumption (the same local pattern matters everywhere), and when
// the assumption holds — in images it does — it saves almost all the parameters and the data needed to fit them.
//
// Impossible combinations are refused with the numbers in the message:

try
{
    ConvShape.OutputSize(n: 5, f: 9, p: 1, s: 1);
    throw new ClaimFailedException("a 9×9 filter on a 5×5 image padded by 1 should be refused");
}
catch (ArgumentOutOfRangeException e)
{
    Console.WriteLine(e.Message);
    Claims.Check(e.Message.Contains("f = 9") && e.Message.Contains("n + 2p = 7"),
        "the message names the filter and the padded input size");
}

// ### Exercise 4 — predict a parameter count
//
// TorchSharp's `nn.Conv2d(8, 16, 3)` maps 8 input channels to 16 output channels with 3×3 filters (and a bias
// per filter). Predict its number of trainable parameters, then run the cell, which counts them.

// Exercise 4: your prediction of the number of parameters of nn.Conv2d(8, 16, 3)
double? prediction4 = null;

using (var probeLayer = torch.nn.Conv2d(8, 16, 3))
{
    long counted = probeLayer.parameters().Sum(t => t.numel());
    Exercise.Predict("4", prediction4, counted, tolerance: 0);
}

// ## Where convolutions are used, and where not
//
// The notes list the applications; all of them start with stacks of convolution layers like these:
//
// * **classification** — what is in the image (Fashion-MNIST, day 17); LeCun's cheque reader was the first
//   deployed one, Microsoft's OCR followed;
// * **object localisation and detection** — where the object is (a box around it), for one or many objects;
// * **face recognition** — compare the features of two faces;
// * **image segmentation** — a class for every pixel (e.g. road / car / pedestrian in self-driving);
// * **super-resolution**, **colourising** black-and-white images, **pose estimation** (body posture).
//
// Convolution fits data on a grid whose meaning is local and the same everywhere: images, spectrograms,
// and 1-D signals such as time series or audio (with 1-D filters). It does not fit data without such a
// layout: a table of customer attributes has no "neighbouring column", and shuffling its columns should not
// change the model — there, a dense network or a tree is the right tool. Nor does a small filter see
// long-range relations by itself; those need many layers, pooling, or attention (day 15).
//
// ## Summary
//
// * A convolution slides one small filter over the image and sums products: shared weights, local
//   connections, the same pattern detected everywhere — the simple cells of Hubel and Wiesel.
// * Edge kernels are finite differences of intensity; on real images they outline the objects.
// * Output size $\lfloor (n + 2p - f)/s \rfloor + 1$. Padding keeps the size and the border; stride cuts cost
//   and downsamples, at the price of detail.
// * A filter spans all input channels and yields one output channel; parameters do not grow with the image.
//
// Exercises 1–4 are above, next to the idea each one practises. Reference solutions:
// `notebooks/solutions/day-16-convolution-padding-stride.dib`.
