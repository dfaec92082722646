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

// # Day 7 — Principal component analysis
//
// PCA finds the directions along which the data varies most and keeps only the first $k$ of them.
// Following the notes' derivation: centre each column,
// $\hat x_{ij} = x_{ij} - \frac{1}{m}\sum_{k} x_{kj}$, and look for a rank-$k$ approximation
// $X_c \approx H W$ that minimises the squared Frobenius error
//
// $$\min_{H, W}\; \lVert X_c - H W \rVert_F^2 = \min \sum_{i,j} (x_{ij} - \hat x_{ij})^2 .$$
//
// With the singular value decomposition $X_c = U \Sigma V^\top$ the answer is to keep the first $k$
// right singular vectors: $W = V_{:,1..k}^\top$ (the **components**) and $H = X_c V_{:,1..k}$ (the
// **projections**). The covariance matrix $\frac{1}{m-1} X_c^\top X_c = V \frac{\Sigma^2}{m-1} V^\top$
// shares those vectors, and its eigenvalues $\lambda_i = s_i^2/(m-1)$ are the variances along them.
// (The notes divide by $m$; scikit-learn, and this course, by $m-1$.)
//
// Library types used here: `Datasets`, `DigitsData`, `Pca`, `FittedPca`; notebook helpers `Charts`, `Series`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var digits = Datasets.Digits();
var x = digits.Pixels;   // (1797, 64)
var pca = new Pca(64).Fit(x);
Claims.Close(pca.ExplainedVarianceRatio.Sum(), 1.0, 1e-12, "with every component kept, the ratios sum to 1");

// ## The digits in two dimensions
//
// Projecting the 64 pixel values onto the first two components gives each image a point in the
// plane. Colouring by the digit shows that even two directions separate several digits.

var two = new Pca(2).Fit(x);
var h = two.Transform(x);   // (1797, 2)
Show(Charts.Points("Digits projected on the first two principal components", "PC 1", "PC 2",
    Enumerable.Range(0, 10).Select(d =>
    {
        var rows = Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] == d).ToArray();
        return new Series($"digit {d}", rows.Select(i => h[i, 0]).ToArray(), rows.Select(i => h[i, 1]).ToArray());
    }).ToArray()));

// ## Scree plot: how much variance each component explains

var cumulative = pca.ExplainedVarianceRatio.ToArray().Select((_, k) => pca.ExplainedVarianceRatio.Take(k + 1).Sum()).ToArray();
Show(Charts.Lines("Explained variance ratio of the digits' components", "component", "ratio",
    Series.Indexed("each component", pca.ExplainedVarianceRatio.ToArray()), Series.Indexed("cumulative", cumulative)));

int needed = Array.FindIndex(cumulative, c => c >= 0.9) + 1;
Console.WriteLine($"{needed} of 64 components keep 90% of the variance.");
Claims.Check(needed < 32, "fewer than half of the 64 components keep 90% of the variance");
Claims.Check(pca.ExplainedVariance.Zip(pca.ExplainedVariance.Skip(1)).All(p => p.First >= p.Second), "the variances come out largest first");

// ## Cross-check: the eigen-decomposition of the covariance matrix
//
// The variances must be the eigenvalues of the sample covariance, and the components its
// eigenvectors (up to sign).

var centred = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => pca.Mean[j]);
var covariance = centred.TransposeThisAndMultiply(centred) / (x.RowCount - 1);   // (64, 64)
var eigenvalues = covariance.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues
    .Select(e => e.Real).OrderByDescending(e => e).ToArray();
double worst = eigenvalues.Zip(pca.ExplainedVariance).Max(p => Math.Abs(p.First - p.Second));
Console.WriteLine($"worst difference between eigenvalues and SVD variances: {worst:E2}");
Claims.Check(worst < 1e-8 * eigenvalues[0], "the SVD's variances are the covariance's eigenvalues");

// ## Reconstruction error against k
//
// Keeping $k$ components, the reconstruction $\hat X = H W + \mu$ misses exactly the variance of
// the dropped components: $\lVert X_c - H W\rVert_F^2 = (m-1)\sum_{i>k} \lambda_i$.

var ks = new[] { 1, 2, 5, 10, 20, 30, 40, 64 };
var errors = ks.Select(k => { var p = new Pca(k).Fit(x); return Math.Pow((p.InverseTransform(p.Transform(x)) - x).FrobeniusNorm(), 2) / x.RowCount; }).ToArray();
Show(Charts.Lines("Mean squared reconstruction error per image", "components kept", "squared error",
    new Series("reconstruction", ks.Select(k => (double)k).ToArray(), errors)));

for (int i = 0; i < ks.Length; i++)
{
    double predicted = pca.ExplainedVariance.Skip(ks[i]).Sum() * (x.RowCount - 1) / x.RowCount;
    Claims.Close(errors[i], predicted, 1e-6 * (1 + predicted), $"k = {ks[i]}: the error is the dropped variance");
}
var ten = new Pca(10).Fit(x);
var rebuilt = ten.InverseTransform(ten.Transform(x.SubMatrix(0, 1, 0, 64))).Row(0);   // (64,)
Show(Charts.Heatmap("Image 0 rebuilt from 10 components", Matrix<double>.Build.Dense(8, 8, (r, c) => rebuilt[r * 8 + c])));

// ## One parameter, the picture: k components → the digits
//
// Move the slider: it rebuilds the first five digits (bottom row) from $k$ components and shows
// the originals above them. With one or two components every digit is nearly the same blur around
// the mean digit; by ten most of them can be read, and with all 64 the rebuilt row is the original.

var firstFive = x.SubMatrix(0, 5, 0, 64);   // (5, 64)
var names = Enumerable.Range(0, 5).Select(i => $"digit {digits.Labels[i]}").ToList();
Show(Charts.Slider("The first five digits rebuilt from k principal components", "components kept",
    new[] { 1, 2, 3, 5, 10, 20, 40, 64 }.Select(k =>
    {
        var p = new Pca(k).Fit(x);
        var both = firstFive.Stack(p.InverseTransform(p.Transform(firstFive)));   // (10, 64)
        var images = both.EnumerateRows().Select(row => row.ToArray()).ToList();
        return ($"{k}", Charts.ImageGrid($"k = {k}", images, 8, 8, 5,
            rowLabels: ["original", "rebuilt"], columnLabels: names, zMin: 0, zMax: 16));
    }).ToList()));

// ## Summary
//
// * PCA = centre, SVD, keep the first $k$ right singular vectors.
// * The variances along the components are the covariance's eigenvalues; their ratios tell how many
//   components are worth keeping.
// * Reconstruction error falls as $k$ grows, by exactly the variance of each component added.
//
// ## Exercises
//
// 1. How many components keep 90% of the digits' variance? Replace `-1`.
// 2. What share of the variance does the first component explain, to two decimals? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
double answer2 = -1;

Claims.Exercise("Exercise 1", answer1 == needed);
Claims.Exercise("Exercise 2", Math.Abs(answer2 - Math.Round(pca.ExplainedVarianceRatio[0], 2)) < 1e-9);
