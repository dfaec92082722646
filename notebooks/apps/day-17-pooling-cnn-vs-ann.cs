// day-16-pooling-cnn-vs-ann.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-16-pooling-cnn-vs-ann.cs
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

// # Day 16 — Pooling, and CNN vs ANN
//
// > Convolution alone has issues: memory, **translation variance**, location dependency. **Pooling**
// > down-samples the feature map (max, min, average …), applied after the non-linearity.
// > Advantages: smaller feature maps, **translation invariance**. Disadvantages: it loses
// > information. Architecture: convolution → padding/stride → pooling.
// > — the course notes, "Pooling", "CNN vs ANN"
//
// Max pooling with a $k \times k$ window and stride $k$ keeps each window's largest value:
// $P_{y,x} = \max_{0 \le i,j < k} A_{yk+i,\, xk+j}$. Its gradient flows only to that maximum.
//
// Then the comparison the notes ask for: a small CNN and a dense network (ANN) with about the same
// number of parameters, trained on the digits — their accuracy, their training time, and what a
// one-pixel shift of the test images does to each.
//
// Library types used here: `MaxPool2d`, `AvgPool2d`, `ImageBatch`, `DigitsCnn`, `DigitsAnn`,
// `ClassifierTraining`, `ImageShift`, `TrainTestSplit`, `Datasets`; notebook helpers `Charts`,
// `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var digits = Datasets.Digits();

// ## Max and average pooling

var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 9, 2, 0 }, { 3, 4, 8, 1 }, { 0, 1, 2, 3 }, { 7, 2, 5, 6 } });
var max = new MaxPool2d(2).Forward(ImageBatch.FromMatrix(a)).Output.ToMatrix();
var avg = new AvgPool2d(2).Forward(ImageBatch.FromMatrix(a)).Output.ToMatrix();
Console.WriteLine("max pool:\n" + max.ToMatrixString() + "average pool:\n" + avg.ToMatrixString());
Claims.Check(max.Equals(Matrix<double>.Build.DenseOfArray(new double[,] { { 9, 8 }, { 7, 6 } })), "max pooling keeps each 2×2 window's largest value");
Claims.Check(avg[0, 0] == (1 + 9 + 3 + 4) / 4.0, "average pooling keeps each window's mean");

// Pooling buys a little translation invariance: move a feature by one pixel *within* a window and
// the pooled value does not change.

var spot = Matrix<double>.Build.Dense(4, 4); spot[0, 0] = 5;
var moved = Matrix<double>.Build.Dense(4, 4); moved[1, 1] = 5;
var pool = new MaxPool2d(2);
Claims.Check(pool.Forward(ImageBatch.FromMatrix(spot)).Output.ToMatrix().Equals(pool.Forward(ImageBatch.FromMatrix(moved)).Output.ToMatrix()), "a one-pixel move inside a pooling window leaves the max-pooled map unchanged");
Claims.Check(!ImageBatch.FromMatrix(spot).Data.SequenceEqual(ImageBatch.FromMatrix(moved).Data), "while the raw pixels differ");

// ## CNN vs ANN on the digits
//
// Both networks get the same 70% of the images, the same seed, optimiser (Adam, learning rate 0.01),
// batch size and number of epochs. The CNN keeps the 8×8 layout; the ANN sees 64 unordered numbers.

var (trainIdx, testIdx) = TrainTestSplit.Indices(digits.Count, 0.7, seed: Seeds.Default);
var xTrain = digits.ImageTensor(trainIdx);
var yTrain = digits.LabelTensor(trainIdx);
var xTest = digits.ImageTensor(testIdx);
var yTest = digits.LabelTensor(testIdx);
long Parameters(torch.nn.Module m) => m.parameters().Sum(p => p.numel());

Seeds.Set(Seeds.Default);
var cnn = new DigitsCnn();
Seeds.Set(Seeds.Default);
var ann = new DigitsAnn();
Console.WriteLine($"parameters: CNN {Parameters(cnn):N0}, ANN {Parameters(ann):N0}");
Claims.Check(Math.Abs(Parameters(cnn) - Parameters(ann)) < 0.01 * Parameters(cnn), "the two networks have the same parameter budget within 1%");

const int epochs = 15;
var live = LiveChart.Show("Training loss (live)");
var cnnHistory = ClassifierTraining.Train(cnn, xTrain, yTrain, epochs, batchSize: 32, learningRate: 0.01, seed: Seeds.Default, progress: (e, loss) => live.Add("CNN", loss));
var annHistory = ClassifierTraining.Train(ann, xTrain, yTrain, epochs, batchSize: 32, learningRate: 0.01, seed: Seeds.Default, progress: (e, loss) => live.Add("ANN", loss));

double cnnAccuracy = ClassifierTraining.Accuracy(cnn, xTest, yTest);
double annAccuracy = ClassifierTraining.Accuracy(ann, xTest, yTest);
Console.WriteLine($"held-out accuracy: CNN {cnnAccuracy:P1}, ANN {annAccuracy:P1}");
Console.WriteLine($"training time: CNN {cnnHistory.Elapsed.TotalSeconds:F1} s, ANN {annHistory.Elapsed.TotalSeconds:F1} s (varies between machines; not part of any check)");
Claims.Check(cnnAccuracy >= 0.97, "the CNN classifies at least 97% of the held-out digits correctly");
Claims.Check(cnnHistory.EpochLosses[^1] < cnnHistory.EpochLosses[0] / 5, "the CNN's training loss falls more than five-fold");

// ## Shift the test images by one pixel
//
// Moving every test image one pixel to the right (the vacated column becomes 0) changes every one
// of the ANN's 64 inputs; the CNN's filters slide with the content, and pooling absorbs part of the move.

var shifts = new[] { (0, 0), (1, 0), (-1, 0), (0, 1), (0, -1) };
var results = shifts.Select(s =>
{
    using var shifted = ImageShift.Shift(xTest, s.Item1, s.Item2);
    return (Shift: $"({s.Item1}, {s.Item2})", Cnn: ClassifierTraining.Accuracy(cnn, shifted, yTest), Ann: ClassifierTraining.Accuracy(ann, shifted, yTest));
}).ToArray();
foreach (var r in results) Console.WriteLine($"shift {r.Shift,-8} CNN {r.Cnn:P1}  ANN {r.Ann:P1}");
Show(Charts.GroupedBars("Held-out accuracy under one-pixel shifts (right, down)", "shift", "accuracy",
    new Series("CNN", Enumerable.Range(0, shifts.Length).Select(i => (double)i).ToArray(), results.Select(r => r.Cnn).ToArray()),
    new Series("ANN", Enumerable.Range(0, shifts.Length).Select(i => (double)i).ToArray(), results.Select(r => r.Ann).ToArray())));

double cnnShifted = results.Skip(1).Average(r => r.Cnn), annShifted = results.Skip(1).Average(r => r.Ann);
Console.WriteLine($"mean accuracy over the four shifts: CNN {cnnShifted:P1}, ANN {annShifted:P1}");
Claims.Check(cnnShifted > annShifted, "averaged over the four shifts, the CNN keeps more of its accuracy than the ANN");

// ## Summary
//
// * Pooling shrinks feature maps and tolerates small moves; max pooling passes gradient to the maximum only.
// * With the same parameter budget, the CNN uses the image's layout: higher accuracy on the digits,
//   and more robust to one-pixel shifts.
//
// ## Exercises
//
// 1. What shape does 2×2 max pooling give a (1, 16, 8, 8) batch? Replace the empty array.
// 2. Which network lost more accuracy from the right shift, "CNN" or "ANN"? Replace `""`.

// Exercise answers: replace each placeholder with your answer
long[] answer1 = { };
string answer2 = "";

Claims.Exercise("Exercise 1", answer1.SequenceEqual(new MaxPool2d(2).Forward(new ImageBatch(1, 16, 8, 8)).Output.Shape));
Claims.Exercise("Exercise 2", answer2 == (results[0].Cnn - results[1].Cnn > results[0].Ann - results[1].Ann ? "CNN" : "ANN"));
