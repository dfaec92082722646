// day-18-autoencoders.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-18-autoencoders.cs
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

// # Day 18 — Autoencoders
//
// > **Stacked autoencoder**: an encoder $g_\phi$ compresses, a decoder $f_\theta$ reconstructs, and both
// > are trained on the cost
// > $$L(\theta, \phi) = \frac{1}{n}\sum_{i=1}^{n} \left\lVert x^{(i)} - f_\theta\big(g_\phi(x^{(i)})\big)\right\rVert^2 .$$
// > **Denoising autoencoder**: the input is corrupted, $\tilde x^{(i)}$, but the target stays clean:
// > $$L(\theta, \phi) = \frac{1}{n}\sum_{i=1}^{n} \left\lVert x^{(i)} - f_\theta\big(g_\phi(\tilde x^{(i)})\big)\right\rVert^2 .$$
// > — the course notes, "Stacked Autoencoder", "Denoising Autoencoder"
//
// Here both learn the 8×8 digits through a code of 8 numbers (an 8-fold compression).
// The corruption is Gaussian noise, $\tilde x = \operatorname{clip}(x + 0.3\,\varepsilon,\, 0,\, 1)$.
//
// Library types used here: `Autoencoder`, `MiniBatchTraining`, `TrainTestSplit`, `Datasets`;
// notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var digits = Datasets.Digits();
var (trainIdx, testIdx) = TrainTestSplit.Indices(digits.Count, 0.7, Seeds.Default);
var xTrain = digits.ImageTensor(trainIdx).reshape(trainIdx.Length, 64);   // (1257, 64), pixels in [0, 1]
var xTest = digits.ImageTensor(testIdx).reshape(testIdx.Length, 64);      // (540, 64)
var noiseSource = new torch.Generator(Seeds.Default);
torch.Tensor Corrupt(torch.Tensor x) => (x + 0.3f * torch.randn(x.shape, generator: noiseSource)).clamp(0, 1);
var xTestNoisy = Corrupt(xTest);

// ## Training both autoencoders

const int epochs = 60;
Seeds.Set(Seeds.Default);
var plain = new Autoencoder(codeSize: 8);
Seeds.Set(Seeds.Default);
var denoising = new Autoencoder(codeSize: 8);
var live = LiveChart.Show("Training cost (live)", yTitle: "mean ‖x − f(g(·))‖²");
var plainHistory = MiniBatchTraining.Run(plain.parameters(), trainIdx.Length, epochs, 64, 3e-3, Seeds.Default,
    batch => { var x = xTrain.index_select(0, batch); return Autoencoder.Cost(plain.forward(x), x); }, (e, loss) => live.Add("stacked", loss));
var denoisingHistory = MiniBatchTraining.Run(denoising.parameters(), trainIdx.Length, epochs, 64, 3e-3, Seeds.Default,
    batch => { var x = xTrain.index_select(0, batch); return Autoencoder.Cost(denoising.forward(Corrupt(x)), x); }, (e, loss) => live.Add("denoising", loss));
Console.WriteLine($"training time: stacked {plainHistory.Elapsed.TotalSeconds:F1} s, denoising {denoisingHistory.Elapsed.TotalSeconds:F1} s");

// ## How well do they reconstruct held-out digits?
//
// The baseline predicts the mean training image for every input. Both autoencoders must beat it on
// clean test images; on *noisy* test images, the one trained to denoise should get closer to the
// clean originals.

double Cost(torch.Tensor reconstruction, torch.Tensor target) { using var _ = torch.no_grad(); return Autoencoder.Cost(reconstruction, target).item<float>(); }
double baseline = Cost(xTrain.mean(new long[] { 0 }, keepdim: true).expand(xTest.shape), xTest);
double plainClean, plainNoisy, denoisingNoisy;
using (torch.no_grad())
{
    plainClean = Cost(plain.forward(xTest), xTest);
    plainNoisy = Cost(plain.forward(xTestNoisy), xTest);
    denoisingNoisy = Cost(denoising.forward(xTestNoisy), xTest);
}
Console.WriteLine($"held-out cost: mean-image baseline {baseline:F2}; stacked on clean {plainClean:F2}; on noisy inputs: stacked {plainNoisy:F2}, denoising {denoisingNoisy:F2}; the noisy inputs themselves {Cost(xTestNoisy, xTest):F2}");
Claims.Check(plainClean < baseline / 2, "the 8-number code reconstructs held-out digits with less than half the baseline's error");
Claims.Check(denoisingNoisy < plainNoisy, "on noisy inputs the denoising autoencoder gets closer to the clean digits than the plain one");
Claims.Check(denoisingNoisy < Cost(xTestNoisy, xTest), "and closer than the noisy input itself: it removes noise");

Matrix<double> AsImage(torch.Tensor row) => Matrix<double>.Build.Dense(8, 8, (r, c) => row[r * 8 + c].item<float>());
var shown = Enumerable.Range(0, 8).ToArray();
var grid = new List<Matrix<double>>();
using (torch.no_grad())
{
    var plainOut = plain.forward(xTestNoisy);
    var denoisedOut = denoising.forward(xTestNoisy);
    foreach (var source in new[] { xTest, xTestNoisy, plainOut, denoisedOut })
        grid.AddRange(shown.Select(i => AsImage(source[i])));
}
Show(Charts.ImageGrid("Rows: clean test digits · noisy inputs · stacked AE · denoising AE", grid, 8));

// ## Summary
//
// * An autoencoder learns a compressed code by reconstructing its input; 8 numbers hold most of an 8×8 digit.
// * Training on corrupted inputs with clean targets turns it into a denoiser.
//
// ## Exercises
//
// 1. By what factor does the code compress an image (inputs ÷ code size)? Replace `-1`.
// 2. Which autoencoder has the lower cost on *clean* test digits, "stacked" or "denoising"? Replace `""`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
string answer2 = "";

double denoisingClean; using (torch.no_grad()) denoisingClean = Cost(denoising.forward(xTest), xTest);
Claims.Exercise("Exercise 1", answer1 == 64 / 8);
Claims.Exercise("Exercise 2", answer2 == (plainClean < denoisingClean ? "stacked" : "denoising"));
