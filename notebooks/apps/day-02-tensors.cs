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

// # Day 2 — Tensors
//
// Every model in this course, from a linear regression to a diffusion model, reads its input and
// writes its output as arrays of numbers with a fixed number of axes. The vocabulary for those arrays
// is short — *tensor*, *rank*, *axis*, *shape* — and most bugs a learner meets in deep learning are
// shape bugs: a matrix of the wrong orientation, an axis summed over by mistake, a batch axis that
// was silently broadcast. Today builds that vocabulary on real data and shows the three operations
// every later day relies on: **reshaping** (reading the same numbers with another shape),
// **reducing along an axis**, and **broadcasting**.
//
// > A tensor is a **container for storing numbers**. Scalar → 0D tensor, vector → 1D tensor,
// > matrix → 2D tensor; the number of axes is the tensor's **rank** (or dimension).
// > — the course notes, "Tensors"
//
// The notes also list "cube → 2D tensor". That is a slip: a cube of numbers needs three indices
// (which slice, which row, which column), so it is a **3D** tensor. We check it below on a real cube
// of numbers, a stack of 28×28 images.
//
// A tensor of rank $n$ has a **shape** $(d_1, \dots, d_n)$, one length per axis, and holds
// $\prod_{k=1}^{n} d_k$ numbers. "Dimension" is used for two different things — the number of axes
// (a "3D tensor") and the length of one axis (a "64-dimensional vector") — so this course says
// *rank* for the first and *length of axis k* for the second.
//
// Library types used here: `Datasets`, `ImageDataset`, `TensorConvert`, `SlidingWindows`, `Seeds`;
// notebook helpers `Charts`, `Series`, `Claims`, `Exercise` and the tensor/matrix formatters.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(2);   // this day's exercise hints, kept off the page until you try

// ## 0D: a scalar
//
// One number, no axes: the shape is the empty tuple `()`. A scalar is what a loss function returns,
// and what `backward()` starts from on every later day.

var scalar = torch.tensor(21.5);   // one day's maximum temperature, °C
Console.WriteLine($"rank {scalar.dim()}, shape ({string.Join(", ", scalar.shape)}), "
    + $"{scalar.numel()} number");
Display.Show(scalar);

// The shape prints as `()`: zero axes, and the product over no axes is 1, so the tensor holds exactly
// one number. (Mathematically the empty product is 1 for the same reason the empty sum is 0.)
//
// ## 1D: a vector — one day of weather
//
// The features of one day of Seattle's weather (precipitation in mm, maximum and minimum temperature
// in °C, wind in m/s) form a vector of shape `(4,)`. The course keeps two representations side by
// side: MathNet's `Vector<double>` for the from-scratch code and TorchSharp tensors for the networks;
// `ToTensor()` and `ToVector()` convert without changing a number.

var days = Datasets.SeattleWeather();
var day = days[0];
var asVector = Vector<double>.Build.DenseOfArray(
    new[] { day.Precipitation, day.TempMax, day.TempMin, day.Wind });
var asTensor = asVector.ToTensor();   // (4,)
Claims.Check(asTensor.ToVector().Equals(asVector), "the tensor holds exactly the vector's numbers");
Display.Show(asTensor);

// ## 2D: a matrix — the whole weather table
//
// All 1,461 days stacked as rows give a `(days, features)` matrix. Axis 0 runs over **examples**,
// axis 1 over **features**: the layout of every table in this course, and of scikit-learn's `X`.

var weather = Matrix<double>.Build.DenseOfRowArrays(
    days.Select(d => new[] { d.Precipitation, d.TempMax, d.TempMin, d.Wind }));
var weatherTensor = weather.ToTensor();   // (1461, 4)
Console.WriteLine($"shape ({string.Join(", ", weatherTensor.shape)}), "
    + $"{weatherTensor.numel()} numbers");
Console.WriteLine($"element (100, 1) = {weatherTensor[100, 1].item<double>()} °C, "
    + $"day 100's maximum is {days[100].TempMax} °C");

// Element $(100, 1)$ — row 100, column 1 — is day 100's maximum temperature, because axis 0 picks the
// day and axis 1 the feature. The table holds $1461 \cdot 4 = 5844$ numbers.
//
// ## How a tensor is stored: row-major order and strides
//
// Memory is one long line of numbers, so a tensor of any rank is stored **flat**. In *row-major*
// order (C, C#, NumPy and PyTorch's default) the last axis varies fastest: row 0's four numbers, then
// row 1's, and so on. Where does element $(i_1, \dots, i_n)$ sit? Count the elements before it. Every
// full step along axis 1 skips one whole row, $d_2$ numbers; in general one step along axis $k$
// skips one full block of all later axes, which holds $s_k = \prod_{j>k} d_j$ numbers. So
//
// $$ \text{offset}(i_1, \dots, i_n) = \sum_{k=1}^{n} i_k\, s_k, \qquad s_k = \prod_{j=k+1}^{n} d_j , $$
//
// with $s_n = 1$ (an empty product). The numbers $s_k$ are the tensor's **strides**. For the weather
// table, shape $(1461, 4)$, the strides are $(4, 1)$ and element $(100, 1)$ sits at
// $100 \cdot 4 + 1 = 401$. TorchSharp reports the strides it uses:

long[] strides = weatherTensor.stride();
var flat = weatherTensor.flatten();   // (5844,): the storage order
Console.WriteLine($"strides ({string.Join(", ", strides)})");
Console.WriteLine($"flat[401] = {flat[401].item<double>()} °C, the same as element (100, 1)");

// Strides explain why some operations are free and others copy. **Reshaping** a contiguous tensor
// only changes the shape and strides the data is read with; no number moves. **Transposing** swaps
// two strides, so the result is no longer in row-major order (it is not *contiguous*), and operations
// that need row-major order, like `view`, must first copy it with `contiguous()`:

var transposed = weatherTensor.T;   // (4, 1461): features become rows
Console.WriteLine($"transposed: shape ({string.Join(", ", transposed.shape)}), "
    + $"strides ({string.Join(", ", transposed.stride())}), "
    + $"contiguous: {transposed.is_contiguous()}");
var copy = transposed.contiguous();
Console.WriteLine($"after contiguous(): strides ({string.Join(", ", copy.stride())})");

// The transpose has strides $(1, 4)$: one step along its axis 0 (the next feature) moves 1 number in
// storage, one step along axis 1 (the next day) moves 4. Nothing was copied — until `contiguous()`
// rewrote the numbers in the new row-major order, with strides $(1461, 1)$.
//
// ## 3D: a cube — a stack of images
//
// A grey-scale image is a matrix of pixel intensities. Fashion-MNIST (Zalando's 28×28 photos of
// clothing, MIT licence, committed in `datasets/`) has 10,000 test images; stacked, they form a cube of
// numbers with shape $(10000, 28, 28)$: **rank 3**, not 2 as the notes say.

var fashion = Datasets.FashionMnist();
var images = fashion.ImageTensor().squeeze(1);   // (10000, 28, 28), pixels in [0, 1]
Console.WriteLine($"{fashion}");
Console.WriteLine($"rank {images.dim()}, shape ({string.Join(", ", images.shape)}), "
    + $"strides ({string.Join(", ", images.stride())})");
Claims.Check(images.dim() == 3, "a cube of numbers is a rank-3 tensor (the notes' '2D' is a slip)");

// The strides $(784, 28, 1)$ read: the next image is 784 numbers further on, the next row 28, the next
// pixel 1. Indexing the first axis gives one image, a rank-2 tensor. Below, each column holds the first two
// images of one class, so the class names label the columns:

int[] firstTwo = Enumerable.Range(0, 10)   // for each class, its first two images, class by class
    .SelectMany(c => Enumerable.Range(0, fashion.Labels.Length)
        .Where(i => fashion.Labels[i] == c).Take(2))
    .ToArray();
// row, col
int[] tiles = Enumerable.Range(0, 20).Select(k => firstTwo[2 * (k % 10) + k / 10]).ToArray();
Display.Show(Charts.ImageGrid("Fashion-MNIST: the first two images of each class, 28×28 slices of the cube",
    images[torch.tensor(tiles.Select(i => (long)i).ToArray())], columns: 10,
    columnLabels: fashion.ClassNames, zMin: 0, zMax: 1));

Console.WriteLine("tiles, row by row: " + string.Join(", ", tiles));

// Each tile is one slice `images[k]` of shape $(28, 28)$ (the indices printed above); white is 1 (ink), black 0 (background).
// Slicing along a *different* axis reads the cube another way: `images[.., 14]` is row 14 of every
// image, a $(10000, 28)$ matrix — the horizontal line through the middle of each photo.
//
// ## Reducing along an axis
//
// Many computations collapse one axis: a mean over examples, a sum over pixels. The axis you reduce
// **disappears** from the shape; everything else stays. Two reductions of the same cube:

var meanImage = images.mean(new long[] { 0 });      // over the 10,000 images: (28, 28)
var inkPerImage = images.sum(new long[] { 1, 2 });  // over rows and columns: (10000,)
Console.WriteLine($"mean over axis 0: shape ({string.Join(", ", meanImage.shape)})");
Console.WriteLine($"sum over axes 1, 2: shape ({string.Join(", ", inkPerImage.shape)}); "
    + $"image 0 has {inkPerImage[0].item<float>():F1} units of ink, "
    + $"image 1 {inkPerImage[1].item<float>():F1}");
Display.Show(Charts.ImageGrid("The mean of all 10,000 images (a reduction over axis 0)", meanImage.unsqueeze(0),
    columns: 1));

// The mean image is a blurred bright body in the middle of a dark frame: every photo is centred and
// scaled to its frame, so averaging over axis 0 keeps what the ten classes share and washes out what
// differs. The second reduction kept axis 0 and summed the other two, one number per image: image 0,
// an ankle boot, holds 131 units of ink (the sum of its pixel values), image 1, a pullover, three
// times as much. Which axes you reduce decides which question you answered.
//
// ## 4D: a batch of images with channels
//
// Convolutional networks (days 16–18) expect images as `(batch, channels, height, width)`, "NCHW":
// a colour photo has three channels (red, green, blue), a grey one has one. Adding an axis of length 1
// changes the rank but not a single number, since the product of the shape is unchanged:
// $10000 \cdot 1 \cdot 28 \cdot 28 = 7{,}840{,}000$. TensorFlow's default is "NHWC", channels last;
// moving an axis is a `permute`, which (like a transpose) only changes strides.

var batch = images.unsqueeze(1);                   // (10000, 1, 28, 28): NCHW
var channelsLast = batch.permute(0, 2, 3, 1);        // (10000, 28, 28, 1): NHWC
Console.WriteLine($"NCHW ({string.Join(", ", batch.shape)}), "
    + $"NHWC ({string.Join(", ", channelsLast.shape)})");
Claims.Check(batch.reshape(10000, 784).eq(fashion.ImageTensor().reshape(10000, 784))
        .all().item<bool>(),
    "adding or removing a length-1 axis leaves the numbers in the same order");

// ## Sequences: (batch, timesteps, features)
//
// Recurrent networks (days 10–15) read a batch of **sequences**: `(batch, timesteps, features)`.
// Two kinds of sequence appear in this course.
//
// **A time series.** Cutting the weather table into overlapping windows of 7 days gives one sequence
// per starting day: a window can start on any of the first $1461 - 7 + 1 = 1455$ days.

var windows = SlidingWindows.Create(weather, timesteps: 7);   // (1455, 7, 4)
Console.WriteLine($"windows: shape ({string.Join(", ", windows.shape)})");
Claims.Check(windows[10, 3].ToVector().Equals(weather.Row(13)), "window 10, step 3 is day 13");
var week = windows[200].ToMatrix();   // (7, 4): one sequence
Display.Show(Charts.Lines($"Window 200: days 200–206, one (7, 4) sequence", "timestep (day of the window)", "°C",
    Series.Indexed("temp_max", week.Column(1).ToArray()),
    Series.Indexed("temp_min", week.Column(2).ToArray())));

// Window 10 step 3 is day $10 + 3 = 13$: consecutive windows overlap in six of their seven days, so
// the windows tensor holds each day up to seven times — 40,740 numbers made from 5,844.
//
// **Text.** A name is a sequence of characters. With an alphabet of 26 letters, each character becomes
// a **one-hot** vector of length 26 (day 4 explains why), so a batch of names, padded to the longest,
// is a `(batch, timesteps, 26)` tensor. The names come from the US Social Security baby-names list
// (`Datasets.BabyNames()`), which Part II uses for language models:

string[] someNames = Datasets.BabyNames().Take(4).Select(n => n.Name.ToLowerInvariant()).ToArray();
int longest = someNames.Max(n => n.Length);
var oneHot = torch.zeros(someNames.Length, longest, 26);   // (batch, timesteps, features)
for (int b = 0; b < someNames.Length; b++)
    for (int t = 0; t < someNames[b].Length; t++)
        oneHot[b, t, someNames[b][t] - 'a'] = 1;          // one 1 per real character
Console.WriteLine($"{string.Join(", ", someNames)} → shape ({string.Join(", ", oneHot.shape)})");
Console.WriteLine("ones per name: "
    + string.Join(", ", oneHot.sum(new long[] { 1, 2 }).data<float>().ToArray()));

// Each name contributes one 1 per character; the padded positions of the shorter names are all-zero
// rows, which is why later days also carry the true lengths. The same images tensor could be read as
// a sequence too — 28 rows (timesteps) of 28 pixels (features), one row per step: the shape is a way
// of reading the numbers, not a property of them.
//
// ## Broadcasting
//
// Arithmetic between tensors of different shapes is common: subtract the column means from a table,
// add a bias vector to every row of a layer's output. Instead of copying the smaller tensor, PyTorch,
// NumPy and TorchSharp **broadcast** it, by two rules:
//
// 1. Line the shapes up from the **right** (the last axes first); a missing leading axis counts as length 1.
// 2. Two lengths are compatible if they are equal or one of them is 1; a length-1 axis is stretched to
//    match. The result takes the larger length on every axis; anything else is an error.
//
// Centring the weather table is the standard use: `(1461, 4) − (4,)` → `(1461, 4)`.

var columnMeans = weatherTensor.mean(new long[] { 0 });          // (4,)
// (1461, 4) − (4,) → (1461, 4)
var centred = weatherTensor - columnMeans;
Console.WriteLine($"centred: shape ({string.Join(", ", centred.shape)}); "
    + "column means after centring: " + string.Join(", ",
        centred.mean(new long[] { 0 }).data<double>().Select(v => v.ToString("0.0e+0"))));

// The column means after centring are zero up to rounding ($10^{-15}$ or so), as they should be.
// Broadcasting also has a trap. A column of shape `(1461, 1)` minus a vector of shape `(1461,)` does
// **not** subtract element by element: by rule 1 the vector is read as `(1, 1461)`, both length-1 axes
// stretch, and the result is a `(1461, 1461)` matrix of every difference — two million numbers, no error:

var maxAsColumn = weatherTensor[.., 1].unsqueeze(1);   // (1461, 1)
var minAsVector = weatherTensor[.., 2];                   // (1461,)
var intended = maxAsColumn.squeeze(1) - minAsVector;      // (1461,): the daily temperature range
var accident = maxAsColumn - minAsVector;                 // (1461, 1) − (1461,) → (1461, 1461)
Console.WriteLine($"intended: ({string.Join(", ", intended.shape)}), "
    + $"mean {intended.mean().item<double>():F2} °C, "
    + $"share below 0: {intended.lt(0).to_type(torch.float64).mean().item<double>():P1}");
Console.WriteLine($"accident: ({string.Join(", ", accident.shape)}), "
    + $"mean {accident.mean().item<double>():F2} °C, "
    + $"share below 0: {accident.lt(0).to_type(torch.float64).mean().item<double>():P1}");

// Both lines run, and — worse — both means are 8.20 °C. That is no coincidence: the mean is linear,
// so the mean over all $1461^2$ pairs of (some day's maximum − some day's minimum) equals the mean
// maximum minus the mean minimum, which is also the mean of the intended daily ranges. A check of the
// mean cannot catch this bug. A check of a property the right answer must have can: a day's maximum is
// never below its own minimum, so no intended range is negative, while about a fifth of the accident's
// entries are — a winter day's maximum minus a summer day's minimum. When a number looks right but
// something feels off, print the shapes, and check what could be wrong rather than what you expect.
//
// ## Keeping an axis: `keepdim`
//
// A reduction removes its axis — unless you ask it to keep the axis with length 1. That matters
// exactly when the result is broadcast back against the tensor it came from. Centring each *row* of
// the table (each day around its own mean) needs the row means as a column:

var rowMeans = weatherTensor.mean(new long[] { 1 });                   // (1461,): the axis is gone
var rowMeansKept = weatherTensor.mean(new long[] { 1 }, keepdim: true); // (1461, 1): kept, length 1
Console.WriteLine($"without keepdim ({string.Join(", ", rowMeans.shape)}), "
    + $"with keepdim ({string.Join(", ", rowMeansKept.shape)})");
var rowCentred = weatherTensor - rowMeansKept;                         // (1461, 4) − (1461, 1)
Claims.Check(rowCentred.mean(new long[] { 1 }).abs().max().item<double>() < 1e-12,
    "with keepdim, every day's four centred values average to zero");
try { _ = weatherTensor - rowMeans; Console.WriteLine("without keepdim: no error"); }
catch (Exception e) { Console.WriteLine($"without keepdim: {e.Message.Split('\n')[0]}"); }

// Kept, the means have shape $(1461, 1)$ and stretch across the four columns, as intended. Without
// `keepdim`, $(1461, 4) - (1461,)$ lines $1461$ up against $4$ and fails. Here the failure is loud;
// with a square table it would have silently subtracted the *row* means from the *columns*. Reduce with
// `keepdim: true` whenever the result goes back into arithmetic with the original.
//
// ## Multiplying: element by element, or a matrix product
//
// `a * b` multiplies **element by element**, after broadcasting: the shapes must be compatible by the
// rules above, and the result has the broadcast shape. `a.matmul(b)` (`@` in Python) is the **matrix
// product**: $(n, k)\,@\,(k, m) \to (n, m)$, each entry $\sum_j a_{ij} b_{jl}$ a dot product of a row of
// `a` with a column of `b`. The inner lengths must be equal and disappear; the outer ones remain. A
// vector on the right, $(n, k)\,@\,(k,) \to (n,)$, is one dot product per row: a linear model's
// predictions for a whole table at once. Below, a $(4, 2)$ weight matrix turns each day's four features
// into two new ones, the mean temperature and the daily range:

var mix = torch.tensor(new double[,] { { 0, 0 }, { 0.5, 1 }, { 0.5, -1 }, { 0, 0 } });   // (4, 2)
var mixed = weatherTensor.matmul(mix);                    // (1461, 4) @ (4, 2) → (1461, 2)
Console.WriteLine($"(1461, 4) @ (4, 2) → ({string.Join(", ", mixed.shape)})");
Claims.Check(mixed[.., 1].allclose(intended),
    "column 1 of the product is the daily range from above");
var byElement = (weatherTensor * mix[.., 0]).sum(new long[] { 1 });   // (1461, 4) * (4,), then sum
Claims.Check(byElement.allclose(mixed[.., 0]),
    "a matrix product is an element-wise product summed over the shared axis");
var gram = weatherTensor.T.matmul(weatherTensor);         // (4, 1461) @ (1461, 4) → (4, 4)
Console.WriteLine($"XᵀX: ({string.Join(", ", gram.shape)})");
foreach (var (what, f) in new (string, Func<torch.Tensor>)[] {
    ("(1461, 4) @ (1461, 4)", () => weatherTensor.mm(weatherTensor)),
    ("(1461, 4) * (4, 2)", () => weatherTensor * mix) })
{
    try { f(); Console.WriteLine($"{what}: no error"); }
    catch (Exception e) { Console.WriteLine($"{what}: {e.Message.Split('\n')[0]}"); }
}

// The product keeps the 1,461 days and replaces the 4 features by 2; its second column agrees with the
// daily ranges computed earlier by subtraction, and the first with the element-wise product summed
// over the feature axis — the definition of the matrix product. `Xᵀ @ X` contracts the 1,461 days
// instead and leaves a $(4, 4)$ matrix, the one inside day 1's normal equations. The two failures are
// the everyday shape bugs: a matrix product whose inner lengths differ (4 against 1,461), and an
// element-wise product of shapes that do not broadcast.
//
// ## Number types: float32 and float64
//
// Every tensor has a **dtype**. The images above are `Float32`, 4 bytes and about 7 significant digits
// a number; the weather table is `Float64`, 8 bytes and about 16 digits, because it came from MathNet's
// `double`. The course uses both on purpose: networks train in float32 (half the memory and much faster
// on a GPU, and gradient noise dwarfs the rounding), while the from-scratch code and its checks against
// the library use float64, so that "agrees to 1e-12" is possible.

Console.WriteLine($"images {images.dtype}: {images.numel() * images.ElementSize / 1e6:F1} MB; "
    + $"as float64 {images.numel() * 8 / 1e6:F1} MB");
Console.WriteLine($"1 + 1e-8 in float32 = {(torch.tensor(1f) + 1e-8f).item<float>():R}, "
    + $"in float64 = {(torch.tensor(1.0) + 1e-8).item<double>():R}");
var promoted = images[0, 0, ..4] + weatherTensor[0];         // (4,) float32 + (4,) float64
Console.WriteLine($"float32 + float64 → {promoted.dtype}");
// convert, then multiply
var converted = images[0, ..4, ..4].to(torch.float64).matmul(weatherTensor[..4]);
Console.WriteLine($"float32 converted to float64, @ float64 → {converted.dtype}");

// The 10,000 images take 31.4 MB as float32 and would take 62.7 MB as float64. The price is
// precision: next to 1, float32 cannot even see 1e-8 (the sum rounds back to 1), float64 can
// (1.00000001). Adding a float32 tensor to a float64 one promotes the result to the wider `Float64`,
// so element-wise arithmetic quietly works; a matrix product of mixed types does not. Convert first
// with `.to(torch.float64)` (or `float32`): in this TorchSharp version a mixed-type `matmul` ends the
// whole process instead of throwing an exception you could catch.

// ## Summary
//
// | rank | name | example | shape |
// |---|---|---|---|
// | 0 | scalar | one temperature, a loss | `()` |
// | 1 | vector | one day's weather | `(4,)` |
// | 2 | matrix | the weather table | `(1461, 4)` |
// | 3 | cube | the Fashion-MNIST images | `(10000, 28, 28)` |
// | 4 | batch of images | with a channel axis (NCHW) | `(10000, 1, 28, 28)` |
// | 3 | batch of sequences | 7-day windows; one-hot names | `(1455, 7, 4)`; `(4, 7, 26)` |
//
// * A tensor's numbers live in one flat array; the shape and the strides say how to read it, so
//   reshape, transpose and permute are usually free, and `contiguous()` is where a copy happens.
// * Reducing along an axis removes that axis from the shape.
// * Broadcasting aligns shapes from the right and stretches length-1 axes — powerful, and a silent
//   source of wrong numbers when an axis is missing; `keepdim` keeps a reduced axis so the result
//   broadcasts back.
// * `*` multiplies element by element; `matmul` contracts the inner axis: $(n, k)\,@\,(k, m) \to (n, m)$.
// * Networks use float32, the from-scratch code float64; convert before mixing them in a product.
//
// ## Exercises
//
// ### Exercise 1 — where an element is stored
//
// Write `Offset(shape, index)`, the position of element `index` in the row-major storage of a tensor
// of shape `shape`, from the stride formula above. The check compares your offsets with TorchSharp's
// own storage order on random shapes of rank 1 to 5.

// Exercise 1: the row-major offset
long Offset(long[] shape, long[] index)
{
    return Exercise.Todo<long>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(11);
    for (int trial = 0; trial < 20; trial++)
    {
        long[] shape = Enumerable.Range(0, rng.Next(1, 6))
            .Select(_ => (long)rng.Next(1, 6)).ToArray();
        // value = offset
        var numbered = torch.arange(shape.Aggregate(1L, (p, d) => p * d)).reshape(shape);
        long[] index = shape.Select(d => (long)rng.Next((int)d)).ToArray();
        long reference =
            numbered[index.Select(i => torch.TensorIndex.Single(i)).ToArray()].item<long>();
        long yours = Offset(shape, index);
        if (yours != reference)
            return $"for shape ({string.Join(", ", shape)}) and index ({string.Join(", ", index)}) "
                + $"your offset is {yours}, TorchSharp stores it at {reference}";
    }
    return null;
});

// ### Exercise 2 — predict a broadcast
//
// Without running anything, what shape does `torch.zeros(8, 1, 6, 1) + torch.zeros(7, 1, 5)` have?
// Write it as `"(a, b, c, d)"`, or `"error"` if the shapes are incompatible.

// Exercise 2: your prediction, e.g. "(2, 3)" or "error"
string? prediction2 = null;

string broadcastOutcome;
try
{
    var sum = torch.zeros(8, 1, 6, 1) + torch.zeros(7, 1, 5);
    broadcastOutcome = "(" + string.Join(", ", sum.shape) + ")";
}
catch (Exception)
{
    broadcastOutcome = "error";
}
Exercise.Predict("2", prediction2?.Replace(" ", "").Replace(",", ", "), broadcastOutcome);

// ### Exercise 3 — standardise with broadcasting
//
// Write `Standardise(x)` for a table `x` of shape `(rows, features)`: subtract each column's mean and
// divide by its standard deviation (population form, dividing by the number of rows, as scikit-learn's
// `StandardScaler` does). Use reductions over axis 0 and broadcasting — no loops. The check compares
// with the library's `StandardScaler` on a fresh random table.

// Exercise 3: standardise the columns
torch.Tensor Standardise(torch.Tensor x)
{
    return Exercise.Todo<torch.Tensor>();
}

Exercise.Check("3", () =>
{
    var rng = new Random(5);
    // (50, 3)
    var table = Matrix<double>.Build.Dense(50, 3, (_, j) => (j + 1) * 10 * rng.NextDouble() - j);
    var reference = new StandardScaler().Fit(table).Transform(table);
    var yours = Standardise(table.ToTensor());
    return Exercise.Compare("your standardised table", yours.ToMatrix(), reference, 1e-10);
});

// ### Exercise 4 — predict: how many numbers?
//
// The 7-day windows tensor has shape $(1455, 7, 4)$. Suppose you cut 30-day windows instead. How
// many numbers will that tensor hold? Work it out from the shape rule, then run.

// Exercise 4: your prediction, a whole number
double? prediction4 = null;

var monthWindows = SlidingWindows.Create(weather, timesteps: 30);
Exercise.Predict("4", prediction4, monthWindows.numel(), tolerance: 0.5,
    measured: $"30-day windows: shape ({string.Join(", ", monthWindows.shape)}), "
        + $"{monthWindows.numel()} numbers");
