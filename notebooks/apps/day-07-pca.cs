// day-07-pca.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-07-pca.cs
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

// # Day 7 — Principal component analysis
//
// A 28×28 digit is a point in $\mathbb R^{784}$, but handwritten digits do not fill that space:
// neighbouring pixels move together, the border is almost always black, and a "1" varies mostly in
// slant and thickness. **Principal component analysis** finds the few directions along which the
// data really varies, and describes each image by its coordinates along them. That compresses
// (store 50 numbers instead of 784), visualises (plot the first two), and denoises or speeds up a
// later model. This notebook derives PCA twice — as the best rank-$k$ reconstruction and as the
// directions of largest variance — reproduces the notes' SVD route step by step, and then watches
// digits being rebuilt from $k$ components.
//
// ### Notation
//
// The data matrix $X$ is $m \times n$: $m$ images (rows), $n = 784$ pixels (columns). Column means
// $\mu_j = \frac1m \sum_{i=1}^m x_{ij}$; the **centred** values are
//
// $$\tilde x_{ij} = x_{ij} - \mu_j, \qquad \tilde X = X - \mathbf 1 \mu^\top .$$
//
// We look for $k$ orthonormal directions $w_1, \dots, w_k \in \mathbb R^n$, stacked as the rows of
// $W$ ($k \times n$, $W W^\top = I_k$), and coordinates $H$ ($m \times k$), so that the
// **reconstruction** $\hat X = \mathbf 1 \mu^\top + H W$ is as close to $X$ as possible:
//
// $$\min_{H, W}\ \lVert X - \hat X \rVert_F^2 = \min_{H, W} \sum_{i,j} \big(\tilde x_{ij} - (HW)_{ij}\big)^2 .$$
//
// (The notes write $\hat x_{ij}$ both for the centred value and for the reconstruction; read that
// way their objective $\sum (x_{ij} - \hat x_{ij})^2$ would be a constant. Here $\tilde x$ is
// centred and $\hat x$ reconstructed.)
//
// ### Derivation 1: best $H$ for given $W$, and why that means maximal variance
//
// For a fixed $W$ each row $h_i$ is a least-squares fit of $\tilde x_i \approx h_i W$; setting the
// gradient $-2(\tilde x_i - h_i W) W^\top$ to zero and using $W W^\top = I$ gives
// $h_i = \tilde x_i W^\top$, i.e. $H = \tilde X W^\top$: the coordinates are **projections**. The
// residual $\tilde X - \tilde X W^\top W$ is orthogonal to the fit, so by Pythagoras
//
// $$\lVert \tilde X - \tilde X W^\top W \rVert_F^2 = \lVert \tilde X \rVert_F^2 - \lVert \tilde X W^\top \rVert_F^2 = \lVert \tilde X \rVert_F^2 - (m-1) \sum_{i=1}^k w_i^\top S\, w_i ,$$
//
// with the sample covariance $S = \frac{1}{m-1} \tilde X^\top \tilde X$. The first term is fixed,
// so **minimising the reconstruction error is maximising the variance of the projections**
// $\sum_i w_i^\top S w_i$. For one direction, maximise $w^\top S w$ subject to $w^\top w = 1$ with a
// Lagrange multiplier:
//
// $$\mathcal L(w, \lambda) = w^\top S w - \lambda (w^\top w - 1), \qquad \nabla_w \mathcal L = 2 S w - 2 \lambda w = 0 \;\Rightarrow\; S w = \lambda w .$$
//
// So $w$ is an eigenvector of $S$, and the variance it captures is $w^\top S w = \lambda w^\top w = \lambda$:
// take the eigenvector of the **largest** eigenvalue. The next direction, constrained to be
// orthogonal to the first, is the eigenvector of the second largest, and so on. The eigenvalue
// $\lambda_i$ is the variance along component $i$; the error of keeping $k$ is
// $(m-1)\sum_{i>k} \lambda_i$.
//
// ### Derivation 2: the notes' route through the SVD
//
// Write the singular value decomposition $\tilde X = U \Sigma V^\top$ ($U$: $m\times m$ and $V$:
// $n \times n$ orthogonal, $\Sigma$: $m \times n$ with $s_1 \ge s_2 \ge \dots \ge 0$ on its
// diagonal). By the Eckart–Young theorem the best rank-$k$ approximation in the Frobenius norm keeps
// the $k$ largest singular values: $\tilde X \approx U_k \Sigma_k V_k^\top$. So
// $W = V_k^\top$ and $H = U_k \Sigma_k$. To compute $H$ from the data (so new images can be
// projected too), let $I_k$ be the first $k$ columns of the $n \times n$ identity, so that
// $V I_k = V_k$ and $\Sigma I_k$ keeps the first $k$ columns of $\Sigma$. Then
//
// $$H = U_k \Sigma_k = U \Sigma I_k = U \Sigma (V^\top V) I_k = (U \Sigma V^\top)\, V I_k = \tilde X\, V I_k = \tilde X V_k ,$$
//
// using $V^\top V = I$. This is the notes' result $H = X V I_k$ (their last line calls it $W$;
// it is $H$). The notes reach it through $(X X^\top)^{-1}$, which exists only when the $m \times m$
// matrix $X X^\top$ is invertible — impossible whenever there are more images than pixels
// ($m > n$, rank at most $n$), as here; the two-line argument above needs no inverse. The link to
// Derivation 1: $S = \frac{1}{m-1} V \Sigma^\top \Sigma V^\top$, so the columns of $V$ are the
// eigenvectors of $S$ and $\lambda_i = s_i^2/(m-1)$. (The notes divide by $m$; scikit-learn, and
// this course, by $m-1$.)
//
// Library types used here: `Datasets`, `ImageDataset`, `Pca`, `FittedPca`, `JsonTable`;
// notebook helpers `Charts`, `Series`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(7);   // this day's exercise hints, kept off the page until you try
var mnist = Datasets.MnistDigits().Take(1500);
var xAll = mnist.ToMatrix();                           // (1500, 784), pixels in [0, 1]
var x = xAll.SubMatrix(0, 1000, 0, 784);               // (1000, 784): PCA is fitted on these
var xHeld = xAll.SubMatrix(1000, 500, 0, 784);         // (500, 784): only reconstructed
int m = x.RowCount, n = x.ColumnCount;
Console.WriteLine($"{m} images to fit, {xHeld.RowCount} held out, {n} pixels each");

// We fit on 1,000 MNIST digits and keep 500 more aside, to see whether components learned on some
// digits rebuild other digits as well (1,000 images keep the decompositions to a few seconds on
// one thread).
//
// ## The variance view, computed directly
//
// First the eigenvector route of Derivation 1: centre, form the $784 \times 784$ covariance $S$,
// and find its top eigenvector by **power iteration**: start from any $w$ and repeat
// $w \leftarrow S w / \lVert S w \rVert$. Writing $w = \sum_i c_i v_i$ in eigenvectors, $t$ steps
// give $S^t w = \sum_i c_i \lambda_i^t v_i$, in which the largest $\lambda_i$ wins. Then confirm
// that the projections $\tilde X w_1$ have exactly the variance $\lambda_1$.

var mu = x.ColumnSums() / m;                                          // (784,)
var xc = x - Matrix<double>.Build.Dense(m, n, (i, j) => mu[j]);        // (1000, 784) centred X̃
// S w = X̃ᵀ(X̃ w)/(m − 1): two matrix-vector products, without forming the 784×784 S.
Vector<double> TimesS(Vector<double> w) => xc.TransposeThisAndMultiply(xc * w) / (m - 1);
// Power iteration: w ← S w / ‖S w‖ converges to the eigenvector of the largest eigenvalue,
// because each step multiplies the w-component along eigenvector i by λ_i.
var w1 = Vector<double>.Build.Dense(n, _ => random.System.NextDouble()).Normalize(2);   // (784,)
for (int step = 0; step < 60; step++) w1 = TimesS(w1).Normalize(2);
double lambda1 = w1.DotProduct(TimesS(w1));                             // Rayleigh quotient wᵀSw
double residual = (TimesS(w1) - lambda1 * w1).L2Norm();                 // ‖Sw − λw‖, 0 if eigen
var projected = xc * w1;                                                // (1000,) coordinates h_i
double variance = projected.DotProduct(projected) / (m - 1);
var randomDirection = Vector<double>.Build
    .Dense(n, _ => random.System.NextDouble() - 0.5).Normalize(2);               // (784,)
double randomVariance = (xc * randomDirection).PointwisePower(2).Sum() / (m - 1);
Console.WriteLine($"λ1 = {lambda1:F3} (‖Sw − λw‖ = {residual:E1}); "
    + $"variance of X̃·w1 = {variance:F3}; "
    + $"along a random unit direction: {randomVariance:F4}; "
    + $"total variance tr S = {Math.Pow(xc.FrobeniusNorm(), 2) / (m - 1):F2}, "
    + $"tr S / 784 = {Math.Pow(xc.FrobeniusNorm(), 2) / (m - 1) / n:F3}");
Claims.Check(residual < 1e-4 * lambda1, "power iteration found an eigenvector: S·w1 = λ1·w1");
Claims.Close(variance, lambda1, 1e-9 * lambda1,
    "the variance along the eigenvector is its eigenvalue λ1");

// Power iteration lands on an eigenvector: after 60 steps $\lVert Sw - \lambda w \rVert$ = 5.0e-10,
// about $10^{-10}$ of $\lambda_1 = 5.109$ (each further step would shrink the error by the ratio of
// the second eigenvalue to the first). The 1,000 projections $\tilde X w_1$ have variance 5.109, exactly as
// Derivation 1 says. For comparison, the total variance (the sum of all 784 pixel variances,
// $\operatorname{tr} S$) is 52.76, so this one direction carries 9.7% of it, while a random unit
// direction carries 0.05 — about $\operatorname{tr} S / 784 = 0.067$, the average a direction
// gets when it favours nothing; the top direction holds about 100 times that.
//
// ## How many components does a digit need?
//
// The library's `Pca` takes the SVD route of Derivation 2. Fitted with all 784 components it gives
// every variance $\lambda_i$ at once; the **explained variance ratio** $\lambda_i / \sum_j \lambda_j$
// is the share of the total pixel variance that component $i$ carries. Predict first.

// Exercise 1: your prediction, "under 50", "50 to 150" or "over 150"
// How many of the 784 components are needed to keep 90% of the digits' variance?
string? prediction1 = null;

var pca = new Pca(n).Fit(x);
var ratio = pca.ExplainedVarianceRatio.ToArray();
var cumulative = ratio.Select((_, i) => ratio.Take(i + 1).Sum()).ToArray();
int Needed(double share) => Array.FindIndex(cumulative, c => c >= share) + 1;
int needed90 = Needed(0.9);
string outcome1 = needed90 < 50 ? "under 50" : needed90 <= 150 ? "50 to 150" : "over 150";
Exercise.Predict("1", prediction1, outcome1, measured: $"components for 90%: {needed90}");
var componentAxis = Enumerable.Range(1, 150).Select(i => (double)i).ToArray();
Display.Show(Charts.Lines("Explained variance of each of the first 150 components, 1,000 MNIST digits",
    "component (1 = largest variance)", "share of total pixel variance",
    new Series("each component", componentAxis, ratio[..150])));

Console.WriteLine($"first component {ratio[0]:P1}, first ten {cumulative[9]:P1}; components for "
    + $"80%: {Needed(0.8)}, 90%: {needed90}, 95%: {Needed(0.95)}, 99%: {Needed(0.99)}");
Claims.Close(pca.ExplainedVariance[0], lambda1, 1e-8 * lambda1,
    "the SVD's first variance s1²/(m − 1) is the covariance's largest eigenvalue");
Claims.Close(Math.Abs(pca.Components.Row(0).DotProduct(w1)), 1, 1e-8,
    "the first component is the top eigenvector, up to sign");
Display.Show(Charts.Lines("Cumulative explained variance, 1,000 MNIST digits", "components kept",
    "share of total pixel variance", new Series("cumulative", componentAxis, cumulative[..150])));

// The first component carries 9.7% of the variance and the first ten 49.5%; 41 components keep
// 80%, 78 keep 90%, 131 keep 95% and 276 keep 99%. The per-component curve (first chart, on its
// own axis) falls steeply for the first few dozen components and then flattens into a long tail of
// tiny variances — the pen
// strokes' fine detail and noise. That is the shape that makes PCA worthwhile: 78 numbers instead
// of 784 lose only a tenth of the variance. Where to stop depends on the use: for a 2-D picture,
// 2; for compression, the knee; for preprocessing before a classifier, cross-validate $k$ like any
// other setting (day 5).
//
// Now implement the SVD route yourself: centre, decompose, keep the first $k$ rows of $V^\top$ and
// the variances $s_i^2/(m-1)$. Singular vectors are defined only up to sign ($u_i s_i v_i^\top = (-u_i) s_i (-v_i)^\top$), so the check compares each of your components with the library's up to
// sign, on fresh random matrices.

// Exercise 2: PCA by the SVD
// x: (samples, features). Return W (k, features), the first k right singular vectors of the
// centred x as rows, and the k variances s_i² / (m − 1).
(Matrix<double> W, Vector<double> Variances) PcaBySvd(Matrix<double> x, int k) =>
    Exercise.Todo<(Matrix<double>, Vector<double>)>();

Exercise.Check("2", () =>
{
    var rng = new Random(72);
    foreach (var (rows, cols, k) in new[] { (40, 6, 3), (25, 12, 5), (10, 30, 4) })
    {
        var mix = Matrix<double>.Build.Dense(cols, cols, (_, _) => rng.NextDouble() - 0.5);
        var data = Matrix<double>.Build.Dense(rows, cols, (_, _) => 3 * rng.NextDouble()) * mix;
        var reference = new Pca(k).Fit(data);
        var (w, variances) = PcaBySvd(data, k);
        if (Exercise.Compare($"variances ({rows}×{cols}, k = {k})", variances,
            reference.ExplainedVariance, 1e-9) is { } p1) return p1;
        var aligned = Matrix<double>.Build.DenseOfRowVectors(Enumerable.Range(0, k).Select(i =>
            w.Row(i) * Math.Sign(w.Row(i).DotProduct(reference.Components.Row(i)))));
        if (Exercise.Compare($"components ({rows}×{cols}, k = {k}), up to sign", aligned,
            reference.Components, 1e-8) is { } p2) return p2;
    }
    return null;
});

// ## The digits in two dimensions
//
// The first two coordinates $h_{i1}, h_{i2}$ of each image, coloured by the digit it shows.

var h = pca.Transform(x);   // (1000, 784): H = X̃·V, the first two columns used here
Display.Show(Charts.Points("1,000 digits projected on the first two principal components",
    "h1 (coordinate on component 1)", "h2 (coordinate on component 2)",
    Enumerable.Range(0, 10).Select(d =>
    {
        var rows = Enumerable.Range(0, m).Where(i => mnist.Labels[i] == d).ToArray();
        return new Series($"digit {d}", rows.Select(i => h[i, 0]).ToArray(),
            rows.Select(i => h[i, 1]).ToArray());
    }).ToArray()));

double MeanH(int d, int c) =>
    Enumerable.Range(0, m).Where(i => mnist.Labels[i] == d).Average(i => h[i, c]);
Console.WriteLine($"components 1 and 2 explain {ratio[0]:P1} and {ratio[1]:P1}, "
    + $"together {ratio[0] + ratio[1]:P1}");
for (int d = 0; d < 10; d++)
    Console.WriteLine($"digit {d}: mean h1 {MeanH(d, 0),6:F2}, mean h2 {MeanH(d, 1),6:F2}");
Claims.Check(Math.Sign(MeanH(0, 0)) != Math.Sign(MeanH(1, 0)),
    "zeros and ones lie on opposite sides of the first component");

// Eigen-digits: each component is a 784-pixel pattern; show it as a 28×28 image.
var eigenDigits = Enumerable.Range(0, 8).Select(i => pca.Components.Row(i).ToArray()).ToList();
double reach = eigenDigits.Max(c => c.Max(Math.Abs));     // one symmetric scale: mid-grey is 0
Display.Show(Charts.ImageGrid("The first eight components as images (white +, black −, mid-grey 0)",
    eigenDigits, 28, 28, 8, columnLabels: Enumerable.Range(1, 8).Select(i => $"PC {i}").ToList(),
    zMin: -reach, zMax: reach));

// The two components carry 9.7% and 7.0% of the variance, 16.7% together, yet they already
// sort some digits. Zeros sit far out on one side of the first component (mean $h_1 = 3.85$) and
// ones on the other ($-3.38$). The images of the components say why: PC 1 is a white ring around a
// black vertical bar, so ink on the ring (a zero) projects positive and ink down the middle (a one)
// negative — "a wide ring" against "a thin vertical stroke". The later components are finer patterns,
// light strokes in some places against dark ones in others: each adds a correction, not a digit. The second separates 4, 7 and 9 (mean $h_2$ from $-2.2$ to
// $-2.4$, digits with a stroke across the top and a long descender) from 2 and 3 ($+1.2$, $+1.9$).
// The other digits overlap near the origin: PCA never saw the labels, and two directions of
// largest variance need not be the directions that separate classes best.
//
// ## Reconstruction error against $k$
//
// Keeping $k$ components, an image is rebuilt as $\hat x = \mu + h W$ with $h = (x - \mu) V_k$. On
// the images PCA was fitted on, the mean squared error per image must be exactly the dropped
// variance, $\frac{1}{m}\lVert \tilde X - H W\rVert_F^2 = \frac{m-1}{m} \sum_{i>k} \lambda_i$ (Derivation 1).
// The held-out images have no such guarantee: the components were not chosen for them.

int[] ks = { 1, 2, 5, 10, 20, 50, 100, 200 };
Matrix<double> Rebuild(Matrix<double> images, int k)
{
    var vk = pca.Components.SubMatrix(0, k, 0, n);                                // (k, 784) W
    var centred = images - Matrix<double>.Build.Dense(images.RowCount, n, (_, j) => mu[j]);
    var hk = centred.TransposeAndMultiply(vk);                                    // (images, k) H
    return hk * vk + Matrix<double>.Build.Dense(images.RowCount, n, (_, j) => mu[j]);
}
double ErrorPerImage(Matrix<double> images, int k) =>
    Math.Pow((Rebuild(images, k) - images).FrobeniusNorm(), 2) / images.RowCount;
var heldErrors = ks.Select(k => ErrorPerImage(xHeld, k)).ToArray();
var dropped = ks.Select(k => pca.ExplainedVariance.Skip(k).Sum() * (m - 1) / m).ToArray();
var meanImages = Matrix<double>.Build.Dense(500, n, (_, j) => mu[j]);             // (500, 784)
double meanOnly = Math.Pow((xHeld - meanImages).FrobeniusNorm(), 2) / 500;
Console.WriteLine($"k = 0 (the mean digit): held-out error {meanOnly:F2} per image");
for (int i = 0; i < ks.Length; i++)
    Console.WriteLine($"k = {ks[i],3}: dropped variance (= fitted images' error) {dropped[i]:F2},"
        + $" held-out images {heldErrors[i]:F2}");
foreach (int k in new[] { 10, 50 })   // the identity, measured by rebuilding the fitted images
{
    double measured = ErrorPerImage(x, k), expected = dropped[Array.IndexOf(ks, k)];
    Claims.Close(measured, expected, 1e-6 * expected,
        $"k = {k}: the fitted images' error is the dropped variance");
}
Console.WriteLine($"k = 50: root-mean-square error per held-out pixel "
    + $"{Math.Sqrt(heldErrors[Array.IndexOf(ks, 50)] / n):F2}");
Claims.Check(heldErrors.Zip(dropped).All(p => p.First > p.Second),
    "held-out digits are rebuilt worse than the fitted ones at every k");
var kAxis = ks.Select(k => (double)k).ToArray();
Display.Show(Charts.Lines("Squared reconstruction error per image (sum over 784 pixels)", "components kept k",
    "squared error per image", new Series("fitted images (dropped variance)", kAxis, dropped),
    new Series("500 held-out images", kAxis, heldErrors)));

// Predicting every held-out digit as the mean digit ($k = 0$) costs 53.33 per image (a sum of
// squared pixel errors over 784 pixels, pixels in $[0, 1]$). Each component removes part of it:
// 48.55 with one, 27.76 with ten, 9.93 with fifty, 2.35 with two hundred. On the fitted images the
// error *is* the dropped variance (checked by rebuilding them at $k = 10$ and $50$), and the
// held-out error is always a little higher: 9.93 against 8.56 at $k = 50$, and 2.35 against 1.22
// at $k = 200$, where the held-out error is nearly double. The later components describe the
// particular 1,000 images they were fitted on more than digits in general — PCA's own kind of
// over-fitting, and a reason to choose $k$ on held-out data. At $k = 50$ the root-mean-square
// error per pixel is $\sqrt{9.93/784} \approx 0.11$ on a 0–1 brightness scale.
//
// ## One parameter, the picture: $k$ components → the digits
//
// Move the slider: the top row shows six held-out digits, the bottom row the same digits rebuilt
// from $k$ components learned on the *other* 1,000 images. The held-out error at each $k$ is the one
// printed above.

var shown = Enumerable.Range(0, 6).ToArray();
var originals = shown.Select(i => xHeld.Row(i).ToArray()).ToList();
var digitNames = shown.Select(i => $"digit {mnist.Labels[1000 + i]}").ToList();
Display.Show(Charts.Slider("Six held-out digits rebuilt from k principal components", "components kept k",
    ks.Select(k =>
    {
        var rebuilt = Rebuild(xHeld.SubMatrix(0, 6, 0, n), k);                     // (6, 784)
        var images = originals.Concat(rebuilt.EnumerateRows().Select(r => r.ToArray())).ToList();
        double err = heldErrors[Array.IndexOf(ks, k)];
        return ($"{k}", Charts.ImageGrid($"k = {k}: error {err:F1} per image (held-out mean)",
            images, 28, 28, 6, rowLabels: ["original", "rebuilt"], columnLabels: digitNames,
            zMin: 0, zMax: 1));
    }).ToList()));

// At $k = 1$ and $2$ every rebuilt digit is close to the mean digit, a blurred ring, nudged
// lighter or darker (error 48.55 and 44.52, barely below the 53.33 of the mean itself). Around
// $k = 10$–$20$ the rough shape of each digit appears, and at $k = 50$ most can be read; by
// $k = 200$ the rebuilt row is hard to tell from the original (error 2.35). The strokes sharpen
// gradually because each component adds a pattern of light and dark over the whole image, never a
// single pixel.
//
// ## Scale before PCA when the columns have different units
//
// Pixels all share one unit (brightness in $[0, 1]$), so PCA on raw pixels is right. Measurements
// in different units are another matter: PCA maximises variance, and variance depends on the unit.
// The Palmer penguins have three lengths in millimetres and a body mass in grams. Predict first.

// Exercise 3: your prediction, a share between 0 and 1
// On the raw penguin measurements (mm, mm, mm, g), what share of the variance does PC 1 explain?
double? prediction3 = null;

var penguins = JsonTable.Read(DatasetDirectory.PathOf("penguins.json"));
string[] measures =
    { "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" };
var complete = penguins.Where(i => measures.All(c => penguins.Numbers(c)[i] is not null));
var raw = complete.ToMatrix(measures);                                              // (342, 4)
var sd = Vector<double>.Build.Dense(4, j => Math.Sqrt(                             // (4,)
    raw.Column(j).Subtract(raw.Column(j).Average()).PointwisePower(2).Sum() / (raw.RowCount - 1)));
var standardised = Matrix<double>.Build.Dense(raw.RowCount, 4,
    (i, j) => (raw[i, j] - raw.Column(j).Average()) / sd[j]);                      // (342, 4)
var rawPca = new Pca(4).Fit(raw);
var scaledPca = new Pca(4).Fit(standardised);
Exercise.Predict("3", prediction3, rawPca.ExplainedVarianceRatio[0], 0.02,
    measured: $"raw units: PC 1 explains {rawPca.ExplainedVarianceRatio[0]:P2}");
Display.Show(Charts.GroupedBars("Loadings of PC 1 on the penguin measurements",
    "measurement (0 beak length, 1 beak depth, 2 flipper, 3 body mass)", "loading (entry of w1)",
    new Series("raw units", new double[] { 0, 1, 2, 3 }, rawPca.Components.Row(0).ToArray()),
    new Series("standardised", new double[] { 0, 1, 2, 3 }, scaledPca.Components.Row(0).ToArray())));

Console.WriteLine("standard deviations: "
    + string.Join(", ", measures.Zip(sd).Select(p => $"{p.First} {p.Second:F1}")));
Console.WriteLine($"raw:          PC 1 explains {rawPca.ExplainedVarianceRatio[0]:P2}, loadings "
    + string.Join(", ", rawPca.Components.Row(0).Select(v => v.ToString("F3"))));
Console.WriteLine($"standardised: PC 1 explains {scaledPca.ExplainedVarianceRatio[0]:P2}, loadings "
    + string.Join(", ", scaledPca.Components.Row(0).Select(v => v.ToString("F3"))));
Claims.Check(Math.Abs(rawPca.Components[0, 3]) > 0.99
        && scaledPca.Components.Row(0).All(v => Math.Abs(v) > 0.2),
    "raw, PC 1 is body mass alone; standardised, every measurement has a loading above 0.2");

// On raw units the first component explains 99.99% of the variance and its loadings are
// (0.004, −0.001, 0.015, 1.000): it *is* body mass. The standard deviations explain why — 802 g
// against 2.0 to 14.1 mm — so body mass has $802^2 / 14.1^2 \approx 3{,}200$ times the variance of
// flipper length, and any change of unit (kilograms instead of grams) would change the answer.
// After standardising, every column has variance 1, PCA works on the correlation matrix, and the
// first component explains 68.84% with loadings (0.455, −0.400, 0.576, 0.548): a "size" axis
// along which beaks get longer, flippers longer and birds heavier, while beaks get *shallower* —
// the large Gentoo penguins have long, shallow beaks. That is a finding about penguins; the raw
// result was a finding about grams.
//
// ## Summary
//
// * Notation: $\tilde x$ centred, $\hat x = \mu + hW$ reconstructed, $H = \tilde X W^\top$.
// * Two derivations, one answer: minimising $\lVert \tilde X - HW \rVert_F^2$ is maximising the
//   projected variance; the Lagrangian gives $S w = \lambda w$; the SVD $\tilde X = U\Sigma V^\top$
//   gives $W = V_k^\top$, $H = \tilde X V I_k$ and $\lambda_i = s_i^2/(m-1)$.
// * The error of keeping $k$ components is the variance of the dropped ones; the explained-variance
//   curve tells how many are worth keeping.
// * Standardise first when columns have different units; do not when they share one (pixels).
// * When not to use PCA: it is linear (a curved family of images needs many components, or an
//   autoencoder, day 19), and it ignores labels — a direction of small variance can be the one that
//   separates two classes, and PCA will drop it first.
//
// ## Exercises
//
// 1. Predict how many components keep 90% of the variance of 784-pixel digits.
// 2. Implement PCA with the SVD; checked against `Pca` up to sign on fresh matrices.
// 3. Predict the share of variance of the first component of the raw penguin measurements.
