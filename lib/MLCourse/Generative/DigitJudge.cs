using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Errors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Generative;

/// <summary>
/// A small digit classifier used to measure generated digits, so that "the samples look like digits"
/// is a number rather than an opinion. Two measures, both against baselines the notebooks compute
/// (real held-out digits, noise, an untrained generator):
/// <list type="bullet">
/// <item><see cref="Judge"/>: the share of samples the classifier labels with confidence ≥ a threshold,
/// and the spread of the predicted classes (entropy in bits; log₂ 10 ≈ 3.32 when every digit
/// appears equally often, 0 when a GAN has collapsed onto one digit).</item>
/// <item><see cref="FrechetDistance(Tensor, Tensor)"/>: the Fréchet distance between Gaussians fitted to
/// the classifier's penultimate features of two image sets, the idea of FID (Heusel et al., 2017) with
/// this small classifier in place of Inception, so the numbers compare samples within the course, not
/// with published FIDs.</item>
/// </list>
/// The network is an MLP (pixels → 256 → 64 → 11, ReLU), trained with Adam on all but the last
/// <c>heldOut</c> images of the dataset; <see cref="HeldOutAccuracy"/> is measured on those. The 11th
/// output is "not a digit": a plain classifier must put every input in some class, and one trained on
/// digits alone calls 60% of uniform-noise images a digit with 90% confidence (measured). So each
/// training batch of 64 digits also holds 16 non-digits, half uniform noise and half real digits with
/// their pixels shuffled (the same amount of ink, no strokes), labelled "not a digit".
/// </summary>
/// <remarks>Introduced in notebook day 19 (autoencoders) and used by the VAE, GAN and diffusion days.</remarks>
public sealed class DigitJudge : IDisposable
{
    private const string Component = nameof(DigitJudge);
    private readonly Sequential _features;
    private readonly TorchSharp.Modules.Linear _head;

    private DigitJudge(int height, int width, int classes)
    {
        Height = height;
        Width = width;
        Classes = classes;
        _features = nn.Sequential(nn.Flatten(), nn.Linear(height * width, 256),
            nn.ReLU(), nn.Linear(256, 64), nn.ReLU());
        _head = nn.Linear(64, classes + 1);
    }

    /// <summary>Image height the judge takes.</summary>
    public int Height { get; }

    /// <summary>Image width the judge takes.</summary>
    public int Width { get; }

    /// <summary>
    /// Number of digit classes (10); the network has one more output, "not a digit", at index <see cref="Classes"/>.
    /// </summary>
    public int Classes { get; }

    /// <summary>Accuracy on the held-out images (the last <c>heldOut</c> of the dataset), in [0, 1].</summary>
    public double HeldOutAccuracy { get; private set; }

    /// <summary>
    /// Trains a judge on <paramref name="digits"/> (any size; use <see cref="ImageDataset.Downsample"/> first
    /// to judge 14×14 samples). Deterministic for a given seed; about 2 s on one CPU thread for 10,000 28×28 images.
    /// </summary>
    /// <param name="digits">Labelled images, e.g. <c>Datasets.MnistDigits()</c>.</param>
    /// <param name="heldOut">How many of the last images to keep out of training to measure accuracy.</param>
    /// <param name="epochs">Passes over the training images.</param>
    /// <param name="seed">Seed for the weights and the shuffles.</param>
    public static DigitJudge Train(ImageDataset digits, int heldOut = 2000, int epochs = 6, int seed = 42)
    {
        Require.NotNull(Component, nameof(digits), digits);
        if (heldOut < 1 || heldOut > digits.Count - 100)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(heldOut),
                $"between 1 and {digits.Count - 100} (at least 100 images must remain to train on)", heldOut);
        }
        Require.Positive(Component, nameof(epochs), epochs);
        torch.manual_seed(seed);
        var judge = new DigitJudge(digits.Height, digits.Width, digits.ClassNames.Count);
        int train = digits.Count - heldOut;
        using (var scope = NewDisposeScope())
        {
            Tensor x = digits.ImageTensor(Enumerable.Range(0, train).ToArray());   // (train, 1, H, W)
            Tensor y = digits.LabelTensor(Enumerable.Range(0, train).ToArray());   // (train,)
            var parameters = judge._features.parameters().Concat(judge._head.parameters());
            var optimizer = optim.Adam(parameters, lr: 1e-3);
            var random = new Random(seed);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                int[] order = Enumerable.Range(0, train).OrderBy(_ => random.Next()).ToArray();
                for (int start = 0; start < train; start += 64)
                {
                    using var step = NewDisposeScope();
                    Tensor batch = tensor(order.Skip(start).Take(64).Select(i => (long)i).ToArray());
                    Tensor images = x.index_select(0, batch);                                   // (b, 1, H, W)
                    Tensor labels = y.index_select(0, batch);                                   // (b,)
                    long pixels = digits.Height * digits.Width;
                    Tensor shuffled = images[..8].flatten(1).index_select(1,
                        randperm(pixels)).view(-1, 1, digits.Height, digits.Width);
                    Tensor notDigits = cat([shuffled, rand(8, 1, digits.Height, digits.Width)]);  // (16, 1, H, W)
                    images = cat([images, notDigits]);
                    labels = cat([labels, full(16, judge.Classes, ScalarType.Int64)]);
                    optimizer.zero_grad();
                    Tensor loss = nn.functional.cross_entropy(judge.Logits(images), labels);
                    loss.backward();
                    optimizer.step();
                }
            }
            int[] test = Enumerable.Range(train, heldOut).ToArray();
            using (no_grad())
            {
                Tensor predicted = judge.Logits(digits.ImageTensor(test)).argmax(1);
                judge.HeldOutAccuracy =
                    predicted.eq(digits.LabelTensor(test)).to_type(ScalarType.Float64).mean().item<double>();
            }
        }
        return judge;
    }

    /// <summary>
    /// Class probabilities (softmax of the logits), shape (N, classes + 1), for images of shape (N, 1, Height, Width):
    /// columns 0–9 are the digits, the last column is "not a digit".
    /// </summary>
    public Tensor Probabilities(Tensor images)
    {
        CheckImages(nameof(images), images);
        using (no_grad())
        {
            return nn.functional.softmax(Logits(images), 1);
        }
    }

    /// <summary>
    /// The penultimate-layer features (64 per image), shape (N, 64), the space the Fréchet distance is measured in.
    /// </summary>
    public Tensor Features(Tensor images)
    {
        CheckImages(nameof(images), images);
        using (no_grad())
        {
            return _features.forward(images.to_type(ScalarType.Float32).clamp(0, 1));
        }
    }

    /// <summary>
    /// How digit-like and how varied a set of images is, as this classifier sees it. Pixel values are
    /// expected in [0, 1] (rescale a generator's [−1, 1] output first); values outside are clamped.
    /// </summary>
    /// <param name="images">Shape (N, 1, Height, Width), N ≥ 1.</param>
    /// <param name="confidence">The probability the top class must reach for a sample to count as confident.</param>
    public SampleQuality Judge(Tensor images, double confidence = 0.9)
    {
        if (confidence <= 0 || confidence >= 1 || double.IsNaN(confidence))
        {
            throw ErrorMessage.OutOfRange(Component, nameof(confidence), "strictly between 0 and 1", confidence);
        }
        using var scope = NewDisposeScope();
        Tensor p = Probabilities(images);                                      // (N, classes)
        var (top, cls) = p.max(1);
        double[] topP = top.to_type(ScalarType.Float64).data<double>().ToArray();
        long[] classes = cls.data<long>().ToArray();
        var counts = new int[Classes];
        int confident = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            if (classes[i] < Classes)
            {
                counts[classes[i]]++;
                confident += topP[i] >= confidence ? 1 : 0;
            }
        }
        int digitLike = counts.Sum();
        double entropy = 0;
        foreach (int count in counts.Where(c => c > 0))
        {
            double share = (double)count / digitLike;
            entropy -= share * Math.Log2(share);
        }
        return new SampleQuality(classes.Length, confident / (double)classes.Length,
            topP.Average(), counts, classes.Length - digitLike, entropy);
    }

    /// <summary>
    /// The Fréchet distance between Gaussians fitted to the judge's features of two image sets:
    /// ‖μ_a − μ_b‖² + Tr(Σ_a + Σ_b − 2 (Σ_a Σ_b)^{1/2}). 0 for identical sets; it grows as the sets' feature
    /// means or spreads differ. Each set needs at least 2 images; a few hundred make it stable.
    /// </summary>
    public double FrechetDistance(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return FrechetDistance(ToMatrix(Features(a)), ToMatrix(Features(b)));
    }

    /// <summary>
    /// The Fréchet distance between Gaussians fitted to two sets of feature rows (rows are samples):
    /// ‖μ_a − μ_b‖² + Tr Σ_a + Tr Σ_b − 2 Tr (Σ_a^{1/2} Σ_b Σ_a^{1/2})^{1/2}, with unbiased covariances.
    /// The last trace equals Tr (Σ_a Σ_b)^{1/2} and is computed from the eigenvalues of the symmetric
    /// matrix Σ_a^{1/2} Σ_b Σ_a^{1/2}, whose tiny negative rounding errors are set to 0.
    /// </summary>
    public static double FrechetDistance(Matrix<double> a, Matrix<double> b)
    {
        Require.NotNull(Component, nameof(a), a);
        Require.NotNull(Component, nameof(b), b);
        if (a.RowCount < 2 || b.RowCount < 2)
        {
            (string name, int rows) = a.RowCount < 2 ? (nameof(a), a.RowCount) : (nameof(b), b.RowCount);
            throw ErrorMessage.Must(Component, name, "hold at least 2 samples for the Fréchet distance",
                $"holds {rows}");
        }
        if (a.ColumnCount != b.ColumnCount)
        {
            throw ErrorMessage.Shape(Component, nameof(b), $"(n, {a.ColumnCount}) (as many features as a)",
                ErrorMessage.FormatShape(b.RowCount, b.ColumnCount));
        }
        Require.NonEmptyFinite(Component, nameof(a), a);
        Require.NonEmptyFinite(Component, nameof(b), b);
        var (muA, covA) = MeanAndCovariance(a);
        var (muB, covB) = MeanAndCovariance(b);
        Matrix<double> rootA = SymmetricSqrt(covA);
        Matrix<double> middle = rootA * covB * rootA;
        middle = (middle + middle.Transpose()) / 2;                              // symmetric up to rounding
        double traceRoot = middle.Evd(Symmetricity.Symmetric).EigenValues.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
        double distance = (muA - muB).DotProduct(muA - muB) + covA.Trace() + covB.Trace() - 2 * traceRoot;
        return Math.Max(distance, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _features.Dispose();
        _head.Dispose();
    }

    private Tensor Logits(Tensor images)
        => _head.forward(_features.forward(images.to_type(ScalarType.Float32).clamp(0, 1)));

    private void CheckImages(string argument, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images, argument);
        long[] shape = images.shape;
        if (shape.Length != 4 || shape[0] < 1 || shape[1] != 1 || shape[2] != Height || shape[3] != Width)
        {
            throw ErrorMessage.Shape(Component, argument,
                $"(N ≥ 1, 1, {Height}, {Width})", ErrorMessage.FormatShape(shape));
        }
        if (!images.isfinite().all().item<bool>())
        {
            throw ErrorMessage.Must(Component, argument, "be finite", "holds NaN or infinity");
        }
    }

    private static Matrix<double> ToMatrix(Tensor features)
    {
        var rows = (int)features.shape[0];
        var columns = (int)features.shape[1];
        double[] values = features.to_type(ScalarType.Float64).data<double>().ToArray();
        return Matrix<double>.Build.Dense(rows, columns, (i, j) => values[i * columns + j]);
    }

    private static (Vector<double> Mean, Matrix<double> Covariance) MeanAndCovariance(Matrix<double> x)
    {
        Vector<double> mean = x.ColumnSums() / x.RowCount;
        Matrix<double> centred = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => mean[j]);
        return (mean, centred.TransposeThisAndMultiply(centred) / (x.RowCount - 1));
    }

    private static Matrix<double> SymmetricSqrt(Matrix<double> symmetric)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        Vector<double> roots = evd.EigenValues.Map(l => Math.Sqrt(Math.Max(l.Real, 0)));
        return evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(roots) * evd.EigenVectors.Transpose();
    }
}

/// <summary>What <see cref="DigitJudge.Judge"/> measured on a set of images.</summary>
/// <param name="Count">Images judged.</param>
/// <param name="ConfidentShare">Share of all images whose top class is a digit with probability ≥
/// the threshold, in [0, 1].</param>
/// <param name="MeanTopProbability">Mean over images of the top class probability ("not a digit" included).</param>
/// <param name="ClassCounts">How many images the judge put in each digit class.</param>
/// <param name="NotDigits">How many images the judge called "not a digit".</param>
/// <param name="ClassEntropyBits">
/// Entropy of the shares of the digit classes among the images judged digits, in bits: log₂ 10 ≈ 3.32 for an
/// even spread, 0 when every digit-like sample is the same digit (a collapsed GAN).
/// </param>
public sealed record SampleQuality(int Count, double ConfidentShare, double MeanTopProbability,
    IReadOnlyList<int> ClassCounts, int NotDigits, double ClassEntropyBits)
{
    /// <summary>"1000 images: confident digits 87.5% · not a digit 2.0% · class entropy 3.27 bits (of 3.32)".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Count} images: confident digits {ConfidentShare:P1} · not a digit {(double)NotDigits / Count:P1}"
            + $" · class entropy {ClassEntropyBits:F2} bits (of {Math.Log2(ClassCounts.Count):F2})");
}
