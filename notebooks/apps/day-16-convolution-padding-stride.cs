// day-15-convolution-padding-stride.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-15-convolution-padding-stride.cs
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

// # Day 15 — Convolution, padding and stride
//
// > An ANN multiplies matrices; a CNN **convolves**. Images have a grid-like topology, and the
// > first layers **detect edges** — intensity changes — with small kernels (filters): vertical,
// > horizontal, slant … An $n \times n$ image and an $f \times f$ filter give an
// > $(n - f + 1) \times (n - f + 1)$ feature map; with **padding** $p$ and **stride** $s$,
// > $\left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1$.
// > — the course notes, "Convolutional Neural Networks", "Padding and Strides"
//
// What deep learning calls convolution is *cross-correlation*: slide the filter over the image and,
// at each position, sum the element-wise products with the patch under it,
//
// $$z_{y,x} = b + \sum_{c}\sum_{i=0}^{f-1}\sum_{j=0}^{f-1} W_{c,i,j}\; X_{c,\; y s - p + i,\; x s - p + j}.$$
//
// An image with $c$ channels needs filters with $c$ channels; each filter gives **one** output
// channel, and a layer of $k$ filters has $(f \cdot f \cdot c + 1)\,k$ parameters — independent of
// the image size, unlike a dense layer.
//
// Library types used here: `Conv2d` (from scratch), `ImageBatch`, `ConvShape`, `EdgeKernels`,
// `Datasets`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var digits = Datasets.Digits();
var image = digits.Image(0);   // (8, 8): a zero
Show(Charts.Heatmap($"A digit {digits.Labels[0]}, 8×8 pixels", image));

// ## Edges are intensity changes
//
// A synthetic image, bright on the left and dark on the right, has one vertical edge. The vertical
// kernel answers along it; the horizontal kernel sees nothing.

ImageBatch Filter(Matrix<double> picture, Matrix<double> kernel, int stride = 1, int padding = 0)
{
    var conv = new Conv2d(1, 1, kernel.RowCount, stride, padding);
    kernel.ToRowMajorArray().CopyTo(conv.Weights.Data, 0);
    return conv.Forward(ImageBatch.FromMatrix(picture)).Output;
}
var step = Matrix<double>.Build.Dense(6, 6, (r, c) => c < 3 ? 10 : 0);
var vertical = Filter(step, EdgeKernels.Vertical).ToMatrix();     // (4, 4)
var horizontal = Filter(step, EdgeKernels.Horizontal).ToMatrix();
Console.WriteLine(vertical.ToMatrixString());
Claims.Check(vertical.Column(1).All(v => v == 30) && vertical.Column(0).All(v => v == 0) && vertical.Column(3).All(v => v == 0), "the vertical kernel fires (30) only where its window spans the edge");
Claims.Check(horizontal.Enumerate().All(v => v == 0), "the horizontal kernel does not respond to a vertical edge");

// ## Feature maps of a real digit
//
// The same kernels on the digit: each feature map lights up where the strokes change in that direction.
// The from-scratch layer must agree with TorchSharp's `conv2d` on every value.

var kernels = new (string Name, Matrix<double> Kernel)[] { ("vertical", EdgeKernels.Vertical), ("horizontal", EdgeKernels.Horizontal), ("Sobel x", EdgeKernels.SobelX), ("Sobel y", EdgeKernels.SobelY) };
double worst = 0;
foreach (var (name, kernel) in kernels)
{
    var mine = Filter(image, kernel, padding: 1);
    using var torchOut = torch.nn.functional.conv2d(ImageBatch.FromMatrix(image).ToTensor(), ImageBatch.FromMatrix(kernel).ToTensor(), padding: new long[] { 1, 1 });
    worst = Math.Max(worst, mine.Data.Zip(torchOut.data<double>().ToArray()).Max(p => Math.Abs(p.First - p.Second)));
}
Console.WriteLine($"largest difference from TorchSharp over four feature maps: {worst:E2}");
Claims.Check(worst < 1e-12, "the from-scratch convolution equals TorchSharp's conv2d");
Show(Charts.Heatmap("Vertical edges of the digit (same padding)", Filter(image, EdgeKernels.Vertical, padding: 1).ToMatrix()));

Show(Charts.Heatmap("Horizontal edges of the digit (same padding)", Filter(image, EdgeKernels.Horizontal, padding: 1).ToMatrix()));

// ## Output shapes: padding and stride
//
// "Valid" means no padding (the map shrinks by $f-1$); "same" pads $p = (f-1)/2$ so that with
// stride 1 the size is kept. A stride of 2 roughly halves it. Each row below is checked against the
// shape TorchSharp produces.

var rows = new List<(long n, long f, long p, long s, long output)>();
foreach (int n in new[] { 8, 28 })
foreach (int f in new[] { 3, 5 })
foreach (int p in new[] { 0, ConvShape.SamePadding(f) })
foreach (int s in new[] { 1, 2 })
{
    using var probe = torch.nn.functional.conv2d(torch.zeros(1, 1, n, n, dtype: torch.float64), torch.zeros(1, 1, f, f, dtype: torch.float64), strides: new long[] { s, s }, padding: new long[] { p, p });
    int output = ConvShape.OutputSize(n, f, p, s);
    Claims.Check(probe.shape[2] == output, $"n={n}, f={f}, p={p}, s={s}: ⌊(n + 2p − f)/s⌋ + 1 = {output}, as TorchSharp computes");
    rows.Add((n, f, p, s, output));
}
Show(new Table(new[] { "n", "f", "p", "s", "output" }.Select((name, k) => new TableColumn(name, ColumnKind.Integer,
    rows.Select(r => (object?)(k switch { 0 => r.n, 1 => r.f, 2 => r.p, 3 => r.s, _ => r.output })).ToArray())).ToArray()));

// ## Several channels, several filters
//
// A 3-channel 8×8 input with two 3×3×3 filters gives a 2-channel 6×6 output: each filter sums over
// all input channels. Parameters: $(3 \cdot 3 \cdot 3 + 1) \cdot 2 = 56$ — while a dense layer from the
// same 192 inputs to the same 72 outputs would need $(192 + 1) \cdot 72 = 13{,}896$.

var colour = new ImageBatch(1, 3, 8, 8, Enumerable.Range(0, 192).Select(_ => random.System.NextDouble()).ToArray());
var layer = new Conv2d(3, 2, 3);
Enumerable.Range(0, 54).Select(_ => random.System.NextDouble() - 0.5).ToArray().CopyTo(layer.Weights.Data, 0);
var maps = layer.Forward(colour).Output;
Claims.Check(maps.Shape.SequenceEqual(new long[] { 1, 2, 6, 6 }), "two filters over a 3-channel 8×8 image give a (1, 2, 6, 6) output");
Claims.Check(ConvShape.ConvParameters(3, 3, 2) == 56 && ConvShape.DenseParameters(192, 72) == 13_896, "56 convolution parameters against 13,896 for a dense layer of the same input and output sizes");

// Impossible combinations are refused with the numbers in the message:

try
{
    ConvShape.OutputSize(n: 5, f: 9, p: 1, s: 1);
    throw new ClaimFailedException("a 9×9 filter on a 5×5 image padded by 1 should be refused");
}
catch (ArgumentOutOfRangeException e)
{
    Console.WriteLine(e.Message);
    Claims.Check(e.Message.Contains("f = 9") && e.Message.Contains("n + 2p = 7"), "the message names the filter and the padded input size");
}

// ## Summary
//
// * Convolution slides a filter and sums products; early filters find edges.
// * Output size $\lfloor (n + 2p - f)/s \rfloor + 1$; "same" padding keeps the size at stride 1.
// * A filter spans all input channels and yields one output channel; parameters do not grow with the image.
//
// ## Exercises
//
// 1. What is the output side of a 28×28 image, 5×5 filter, padding 2, stride 2? Replace `-1`.
// 2. How many parameters has a layer of 16 filters of 3×3 over 8 channels? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
long answer2 = -1;

Claims.Exercise("Exercise 1", answer1 == ConvShape.OutputSize(28, 5, 2, 2));
Claims.Exercise("Exercise 2", answer2 == ConvShape.ConvParameters(3, 8, 16));
