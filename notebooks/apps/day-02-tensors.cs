// day-02-tensors.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-02-tensors.cs
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

// # Day 2 — Tensors
//
// > A tensor is a **container for storing numbers**. Scalar → 0D tensor, vector → 1D tensor,
// > matrix → 2D tensor; the number of axes is the tensor's **rank** (or dimension).
// > — the course notes, "Tensors"
//
// (The notes also list "cube → 2D tensor"; a cube of numbers has three axes, so it is a **3D** tensor —
// we check that below.)
//
// A tensor of rank $n$ has a **shape** $(d_1, \dots, d_n)$, one length per axis, and holds
// $\prod_{k=1}^{n} d_k$ numbers. Element $(i_1,\dots,i_n)$ of a row-major tensor sits at position
// $\sum_k i_k \prod_{j>k} d_j$ of its storage.
//
// Library types used here: `Datasets`, `DigitsData`, `TensorConvert`, `SlidingWindows`, `Seeds`;
// notebook helpers `Charts`, `Series`, `Claims` and the tensor/matrix formatters.

Course.Load();

var random = Seeds.Set(Seeds.Default);

// ## 0D: a scalar
//
// One number, no axes: the shape is the empty tuple `()`.

var scalar = torch.tensor(21.5);   // one day's maximum temperature, °C
Claims.Check(scalar.dim() == 0 && scalar.shape.Length == 0, "a scalar is a rank-0 tensor with shape ()");
Show(scalar);

// ## 1D: a vector — one day of weather
//
// The features of one day (precipitation, max and min temperature, wind) form a vector. The same
// numbers as a MathNet `Vector<double>` and as a TorchSharp tensor of shape `(4,)`:

var days = Datasets.SeattleWeather();
var day = days[0];
var asVector = Vector<double>.Build.DenseOfArray(new[] { day.Precipitation, day.TempMax, day.TempMin, day.Wind });
var asTensor = asVector.ToTensor();
Claims.Check(asTensor.dim() == 1 && asTensor.shape[0] == 4, "one day is a rank-1 tensor of shape (4,)");
Claims.Check(asTensor.ToVector().Equals(asVector), "the tensor holds exactly the vector's numbers");
Show(asTensor);

// ## 2D: a matrix — the whole weather table
//
// All 1,461 days stacked as rows give a `(days, features)` matrix: axis 0 runs over examples,
// axis 1 over features — the layout every table in this course uses.

var weather = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => new[] { d.Precipitation, d.TempMax, d.TempMin, d.Wind }));
var weatherTensor = weather.ToTensor();   // (1461, 4)
Claims.Check(weatherTensor.shape.SequenceEqual(new long[] { 1461, 4 }), "the weather table is a rank-2 tensor of shape (1461, 4)");
Claims.Check(weatherTensor.ToMatrix().Equals(weather), "matrix → tensor → matrix gives back the same numbers");
Claims.Check(weatherTensor[100, 1].item<double>() == days[100].TempMax, "element (100, 1) is day 100's maximum temperature");
Show(weatherTensor);

// ## 3D: a cube — the digits
//
// Each digit image is an 8×8 grid of pixel counts (0–16), a rank-2 tensor. The 1,797 images together
// form a cube of numbers: shape `(1797, 8, 8)`, rank 3.

var digits = Datasets.Digits();
var images = digits.ToTensor();   // (1797, 8, 8)
Claims.Check(images.dim() == 3, "a cube of numbers is a rank-3 tensor (not 2D, as the notes say)");
Claims.Check(images.shape.SequenceEqual(new long[] { 1797, 8, 8 }), "the digits form a (1797, 8, 8) tensor");
Claims.Check(images[0].ToMatrix().Equals(digits.Image(0)), "slice 0 along axis 0 is the first image");
Show(Charts.Heatmap($"Image 0 of the digits: the digit {digits.Labels[0]}", digits.Image(0)));

// ## 4D: a batch of images with channels
//
// Convolutional networks expect images as `(batch, channels, height, width)`. Adding a channel
// axis of length 1 (grey scale) makes the digits rank 4 without changing a single number:
// the number of elements is the product of the shape, $1797 \cdot 1 \cdot 8 \cdot 8 = 115{,}008$.

var batchOfImages = images.unsqueeze(1);   // (1797, 1, 8, 8)
Claims.Check(batchOfImages.dim() == 4, "adding a channel axis gives a rank-4 tensor");
Claims.Check(batchOfImages.numel() == 1797L * 1 * 8 * 8, "the number of elements is the product of the shape");
Claims.Check(batchOfImages.reshape(1797, 64).ToMatrix().Equals(digits.Pixels), "reshaping to (1797, 64) gives the flat pixel table back");

// ## Sequences: (batch, timesteps, features)
//
// Recurrent networks (Keras' `SimpleRNN`, TorchSharp's `nn.RNN` with `batch_first`) read a batch of
// sequences: `(batch, timesteps, features)`. Cutting the weather table into overlapping windows of
// 7 days gives one sequence per starting day: $1461 - 7 + 1 = 1455$ windows.

var windows = SlidingWindows.Create(weather, timesteps: 7);   // (1455, 7, 4)
Claims.Check(windows.shape.SequenceEqual(new long[] { 1455, 7, 4 }), "7-day windows of the weather form a (1455, 7, 4) tensor");
Claims.Check(windows[10, 3].ToVector().Equals(weather.Row(13)), "window 10, step 3 is day 13");
var week = windows[200].ToMatrix();   // (7, 4): one sequence
Show(Charts.Lines("Window 200: one 7-day sequence", "timestep", "°C",
    Series.Indexed("temp_max", week.Column(1).ToArray()), Series.Indexed("temp_min", week.Column(2).ToArray())));

// The digits can be read the same way — each image as a sequence of 8 rows (timesteps) of 8 pixels
// (features). It is the same tensor: the shape is only a way of reading the numbers.

Claims.Check(images.shape.SequenceEqual(new long[] { 1797, 8, 8 }), "digits as sequences: (batch 1797, timesteps 8, features 8)");
Claims.Check(images[5, 2].ToVector().Equals(digits.Image(5).Row(2)), "timestep 2 of sequence 5 is row 2 of image 5");

// ## Summary
//
// | rank | name | example | shape |
// |---|---|---|---|
// | 0 | scalar | one temperature | `()` |
// | 1 | vector | one day's weather | `(4,)` |
// | 2 | matrix | the weather table | `(1461, 4)` |
// | 3 | cube | the digits | `(1797, 8, 8)` |
// | 4 | batch of images | digits with a channel | `(1797, 1, 8, 8)` |
//
// ## Exercises
//
// 1. What is the rank of a batch of 7-day weather windows? Replace `-1`.
// 2. How many numbers does the `(1797, 8, 8)` digits tensor hold? Replace `-1`.
// 3. What shape do 30-day windows of the weather table have? Replace the empty array.

// Exercise answers: replace each placeholder with your answer
long answer1 = -1;
long answer2 = -1;
long[] answer3 = { };

Claims.Exercise("Exercise 1", answer1 == windows.dim());
Claims.Exercise("Exercise 2", answer2 == images.numel());
Claims.Exercise("Exercise 3", answer3.SequenceEqual(SlidingWindows.Create(weather, 30).shape));
