using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using MLCourse.Attention;
using MLCourse.Convolution;
using MLCourse.Diffusion;
using MLCourse.Generative;
using MLCourse.Sequence;
using MLCourse.Tensors;
using MLCourse.Text;
using TorchSharp;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Hostile input to the deep-learning side: sizes near int.MaxValue in shape formulas, empty vectors, NaN and ±∞,
/// subnormal probabilities, negative sizes, schedule lengths, NaN in a max-pooling window (against TorchSharp).
/// </summary>
public class DeepLearningHostileTests : HostileSuite<DeepLearningHostileTests>, IHostileSuite
{
    public static HostileCases Build()
    {
        var cases = new HostileCases();
        Shapes(cases);
        Softmaxes(cases);
        Divergences(cases);
        Matrices(cases);
        Schedules(cases);
        Layers(cases);
        Texts(cases);
        return cases;
    }

    private static void Shapes(HostileCases cases)
    {
        foreach ((int n, int f, int p, int s) in new[]
            { (int.MaxValue, 1, 1, 1), (int.MaxValue, 3, int.MaxValue, 1), (int.MaxValue, 1, 0, 1), (2, 1, int.MaxValue / 2, 1) })
        {
            cases.Refused<ArgumentOutOfRangeException>($"ConvShape.OutputSize(n = {n}, f = {f}, p = {p}, s = {s})",
                () => ConvShape.OutputSize(n, f, p, s), "ConvShape: p must be at most 2147483591 (the length of one .NET array)",
                $"(n = {n}, f = {f}, p = {p}, s = {s})");
        }
        cases.Answered("ConvShape.OutputSize with n + 2p past int.MaxValue and a large stride", () =>
            Assert.Equal(2, ConvShape.OutputSize(int.MaxValue, 1, int.MaxValue / 2, int.MaxValue)));
        foreach ((int n, int f, int p, int s, string argument, string rule) in new[]
        {
            (0, 1, 0, 1, "n", "at least 1"), (-5, 1, 0, 1, "n", "at least 1"), (5, 0, 0, 1, "f", "at least 1"),
            (5, 1, -1, 1, "p", "at least 0 (the padding)"), (5, 1, 0, 0, "s", "at least 1 (the stride)"),
            (5, 1, 0, int.MinValue, "s", "at least 1 (the stride)"), (3, 4, 0, 1, "f", "at most the padded input n + 2p = 3"),
            (int.MaxValue, int.MaxValue, int.MaxValue, 1, "p", "at most 2147483591"),
        })
        {
            cases.Refused<ArgumentOutOfRangeException>($"ConvShape.OutputSize {argument} ({n}, {f}, {p}, {s})",
                () => ConvShape.OutputSize(n, f, p, s), $"ConvShape: {argument} must be {rule}");
        }
        cases.Refused<ArgumentOutOfRangeException>("ConvShape.ConvParameters that overflow a long",
            () => ConvShape.ConvParameters(int.MaxValue, int.MaxValue, int.MaxValue),
            "ConvShape: filters must be at most 9223372036854775807 (a parameter count held in a long)");
        cases.Refused<ArgumentOutOfRangeException>("ConvShape.DenseParameters that overflow a long",
            () => ConvShape.DenseParameters(long.MaxValue, 2), "ConvShape: inputs must be at most 9223372036854775807");
        cases.Refused<ArgumentOutOfRangeException>("ConvShape.ConvParameters of 0 filters",
            () => ConvShape.ConvParameters(3, 1, 0), "ConvShape: filters must be at least 1, but is 0.");
        cases.Refused<ArgumentOutOfRangeException>("ConvShape.DenseParameters of -1 inputs",
            () => ConvShape.DenseParameters(-1, 2), "ConvShape: inputs must be at least 1, but is -1.");
        cases.Answered("ConvShape.ConvParameters beyond int.MaxValue are exact", () =>
            Assert.Equal((65536L * 65536 * 1 + 1) * 2, ConvShape.ConvParameters(65536, 1, 2)));
        cases.Refused<ArgumentException>("ConvShape.SamePadding of an even filter", () => ConvShape.SamePadding(4),
            "ConvShape: f must be odd for 'same' padding, but is 4.");
        foreach ((int b, int c, int h, int w) in new[]
        {
            (int.MaxValue, 1, 1, 2), (65536, 65536, 1, 1), (2, 2, 2, int.MaxValue / 4), (int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue),
            (1 << 16, 1 << 16, 1 << 16, 1 << 16),
        })
        {
            cases.Refused<ArgumentOutOfRangeException>($"ImageBatch of ({b}, {c}, {h}, {w})", () => _ = new ImageBatch(b, c, h, w),
                "ImageBatch: shape must be at most 2147483591 (the elements one .NET array holds)", $"{b} × {c} × {h} × {w} = ");
        }
        foreach ((int b, int c, int h, int w) in new[] { (0, 1, 1, 1), (1, -1, 1, 1), (1, 1, 0, 1), (1, 1, 1, int.MinValue) })
        {
            cases.Refused<ArgumentException>($"ImageBatch of ({b}, {c}, {h}, {w})", () => _ = new ImageBatch(b, c, h, w),
                "ImageBatch: shape must have shape (batch ≥ 1, channels ≥ 1, height ≥ 1, width ≥ 1)",
                $"but has shape ({b}, {c}, {h}, {w}).");
        }
        cases.Refused<ArgumentException>("ImageBatch with data of the wrong length", () => _ = new ImageBatch(1, 1, 2, 2, [1, 2, 3]),
            "ImageBatch: data must have shape (4,), but has shape (3,).");
        cases.Refused<ArgumentException>("ImageBatch from a rank-3 tensor", () =>
        {
            using var t = torch.zeros(1, 2, 2);
            ImageBatch.FromTensor(t);
        }, "ImageBatch: tensor must have shape (batch, channels, height, width), but has shape (1, 2, 2).");
        foreach (int length in new[] { 0, -1, 5 })
        {
            cases.Refused<ArgumentOutOfRangeException>($"SlidingWindows of {length} timesteps over 4",
                () => SlidingWindows.Create(Matrix<double>.Build.Dense(4, 1), length),
                $"SlidingWindows: timesteps must be between 1 and the series length 4, but is {length}.");
        }
    }

    private static void Softmaxes(HostileCases cases)
    {
        cases.Refused<ArgumentException>("Softmax of an empty vector", () => Softmax.Of(V()), "Softmax: scores must not be empty.");
        cases.Refused<ArgumentNullException>("Softmax of null", () => Softmax.Of(null!), "Softmax: scores must not be null.");
        cases.Refused<ArgumentNullException>("Softmax.Rows of null", () => Softmax.Rows(null!), "Softmax: scores must not be null.");
        foreach ((string name, double[] scores) in new (string, double[])[]
        {
            ("NaN", [1, double.NaN, 2]), ("+inf", [1, double.PositiveInfinity]), ("-inf", [double.NegativeInfinity, 0, 1]),
            ("huge", [1e308, -1e308, 0]), ("all -inf", [double.NegativeInfinity, double.NegativeInfinity]),
            ("subnormal", [5e-324, 0]), ("equal", [7, 7, 7, 7]),
        })
        {
            cases.Answered($"Softmax with {name} scores is PyTorch's", () =>
            {
                using var t = torch.tensor(scores, torch.float64);
                using var expected = torch.nn.functional.softmax(t, 0);
                double[] ours = Softmax.Of(V(scores)).ToArray();
                double[] theirs = expected.data<double>().ToArray();
                Assert.All(Enumerable.Range(0, ours.Length), i => Assert.Equal(theirs[i], ours[i], 15));
            });
        }
    }

    private static void Divergences(HostileCases cases)
    {
        cases.Refused<ArgumentException>("KL of empty distributions", () => Divergence.KullbackLeibler([], []),
            "Divergence: p must not be empty.");
        cases.Refused<ArgumentException>("JSD of empty distributions", () => Divergence.JensenShannon([], []),
            "Divergence: p must not be empty.");
        foreach ((string bad, double value) in Hostile.NonFinite.Append(("-0.5", -0.5)))
        {
            cases.Refused<ArgumentException>($"KL with a probability of {bad}", () => Divergence.KullbackLeibler([0.5, value], [0.5, 0.5]),
                $"Divergence: p must hold probabilities (finite, ≥ 0), but entry 1 is {value}.");
            cases.Refused<ArgumentException>($"JSD with a probability of {bad} in q", () => Divergence.JensenShannon([0.5, 0.5], [value, 0.5]),
                $"Divergence: q must hold probabilities (finite, ≥ 0), but entry 0 is {value}.");
        }
        cases.Refused<ArgumentException>("KL of p not summing to 1", () => Divergence.KullbackLeibler([0.5, 0.6], [0.5, 0.5]),
            "Divergence: p must sum to 1, but sums to 1.1.");
        cases.Refused<ArgumentException>("KL of distributions of other lengths", () => Divergence.KullbackLeibler([1], [0.5, 0.5]),
            "Divergence: q must have shape (1,), but has shape (2,).");
        cases.Refused<ArgumentNullException>("KL of null", () => Divergence.KullbackLeibler(null!, [1]), "Divergence: p must not be null.");
        cases.Answered("KL with a subnormal q is finite: p log p − p log q", () =>
        {
            double q = double.Epsilon;   // 4.9e-324
            double kl = Divergence.KullbackLeibler([0.5, 0.5], [1 - q, q]);
            Assert.Equal(0.5 * (Math.Log(0.5) - Math.Log(1 - q)) + 0.5 * (Math.Log(0.5) - Math.Log(q)), kl, 12);
            Assert.True(double.IsFinite(kl));
        });
        cases.Answered("KL with a subnormal p is finite and ≥ 0", () =>
        {
            double kl = Divergence.KullbackLeibler([1 - double.Epsilon, double.Epsilon], [0.5, 0.5]);
            Assert.Equal(Math.Log(2), kl, 12);
        });
        cases.Answered("KL with q = 0 where p > 0 is +∞, as the definition", () =>
            Assert.Equal(double.PositiveInfinity, Divergence.KullbackLeibler([0.5, 0.5], [1, 0])));
        cases.Refused<ArgumentException>("diagonal Gaussian KL of empty vectors", () => GaussianKl.DiagonalToStandardNormal(V(), V()),
            "GaussianKl: mean must not be empty.");
        cases.Refused<ArgumentException>("full Gaussian KL of zero dimensions",
            () => GaussianKl.Full(V(), Matrix<double>.Build.Dense(0, 0), V(), Matrix<double>.Build.Dense(0, 0)),
            "GaussianKl: mean1 must not be empty.");
        foreach ((string bad, double value) in Hostile.NonFinite)
        {
            Matrix<double> identity = Matrix<double>.Build.DenseIdentity(2);
            cases.Refused<ArgumentException>($"full Gaussian KL with a {bad} mean1", () => GaussianKl.Full(V(0, value), identity, V(0, 0), identity),
                $"GaussianKl: mean1 must be finite, but entry 1 is {value}.");
            cases.Refused<ArgumentException>($"full Gaussian KL with a {bad} mean2", () => GaussianKl.Full(V(0, 0), identity, V(value, 0), identity),
                $"GaussianKl: mean2 must be finite, but entry 0 is {value}.");
            cases.Refused<ArgumentException>($"full Gaussian KL with a {bad} covariance",
                () => GaussianKl.Full(V(0, 0), M(new[,] { { 1, 0 }, { 0, value } }), V(0, 0), identity),
                $"GaussianKl: covariance1 must be finite, but the entry at row 1, column 1 is {value}.");
            cases.Refused<ArgumentException>($"diagonal Gaussian KL with a {bad} mean", () => GaussianKl.DiagonalToStandardNormal(V(value), V(0)),
                $"GaussianKl: mean must be finite, but entry 0 is {value}.");
            cases.Refused<ArgumentException>($"diagonal Gaussian KL with a {bad} log-variance", () => GaussianKl.DiagonalToStandardNormal(V(0), V(value)),
                $"GaussianKl: logVariance must be finite, but entry 0 is {value}.");
            cases.Refused<ArgumentException>($"Monte Carlo Gaussian KL with a {bad} mean",
                () => GaussianKl.MonteCarlo(V(value, 0), identity, V(0, 0), identity, 10, new SystemRandomSource(1)),
                $"GaussianKl: mean1 must be finite, but entry 0 is {value}.");
        }
        cases.Refused<ArgumentException>("full Gaussian KL with a singular covariance",
            () => GaussianKl.Full(V(0, 0), M(new double[,] { { 1, 1 }, { 1, 1 } }), V(0, 0), Matrix<double>.Build.DenseIdentity(2)),
            "GaussianKl: covariance1 must be a symmetric positive definite covariance matrix", "has an eigenvalue ≤ 0");
        cases.Refused<ArgumentException>("full Gaussian KL with an asymmetric covariance",
            () => GaussianKl.Full(V(0, 0), M(new double[,] { { 1, 0.5 }, { 0, 1 } }), V(0, 0), Matrix<double>.Build.DenseIdentity(2)),
            "GaussianKl: covariance1 must be a symmetric positive definite covariance matrix", "is not symmetric");
        cases.Refused<ArgumentException>("full Gaussian KL with a mean2 of another length",
            () => GaussianKl.Full(V(0, 0), Matrix<double>.Build.DenseIdentity(2), V(0), Matrix<double>.Build.DenseIdentity(2)),
            "GaussianKl: mean2 must have shape (2,), but has shape (1,).");
        foreach (int samples in Hostile.BadCounts)
        {
            cases.Refused<ArgumentOutOfRangeException>($"Monte Carlo Gaussian KL with {samples} samples",
                () => GaussianKl.MonteCarlo(V(0), Matrix<double>.Build.DenseIdentity(1), V(0), Matrix<double>.Build.DenseIdentity(1), samples, new SystemRandomSource(1)),
                $"GaussianKl: samples must be at least 1, but is {samples}.");
        }
    }

    private static void Matrices(HostileCases cases)
    {
        foreach ((int m, int k, int n, string name) in new[] { (-1, 2, 2, "m"), (2, -1, 2, "k"), (2, 2, -3, "n"), (int.MinValue, int.MinValue, 1, "m") })
        {
            cases.Refused<ArgumentOutOfRangeException>($"Gemm.Multiply with {name} < 0 ({m}, {k}, {n})",
                () => Gemm.Multiply(new double[4], new double[4], new double[4], m, k, n), $"Gemm: {name} must be at least 0");
            cases.Refused<ArgumentOutOfRangeException>($"Gemm.MultiplyFast with {name} < 0 ({m}, {k}, {n})",
                () => Gemm.MultiplyFast(new double[4], new double[4], new double[4], m, k, n), $"Gemm: {name} must be at least 0");
        }
        cases.Refused<ArgumentException>("Gemm.Multiply with a too-short a", () => Gemm.Multiply(new double[3], new double[4], new double[4], 2, 2, 2),
            "Gemm: a must have shape (2, 2) = 4 values from offset 0, but has shape 3 values.");
        cases.Refused<ArgumentException>("Gemm.Multiply with sizes whose product overflows int",
            () => Gemm.Multiply(new double[4], new double[4], new double[4], 65536, 65536, 1), "Gemm: a must have shape (65536, 65536) = 4294967296 values");
        cases.Refused<ArgumentNullException>("Gemm.Multiply with a null c", () => Gemm.Multiply(new double[1], new double[1], null!, 1, 1, 1),
            "Gemm: c must not be null.");
        cases.Answered("Gemm.Multiply with m = 0 does nothing, as a BLAS gemm", () =>
        {
            double[] c = [7];
            Gemm.Multiply([], [1], c, 0, 1, 1);
            Assert.Equal([7.0], c);
        });
        cases.Answered("Gemm.Multiply propagates NaN, as PyTorch's matmul", () =>
        {
            double[] c = new double[1];
            Gemm.Multiply([double.NaN], [0], c, 1, 1, 1);
            Assert.True(double.IsNaN(c[0]));
        });
        cases.Refused<ArgumentException>("Gemm.MultiplyFast of matrices that do not chain",
            () => Gemm.MultiplyFast(Matrix<double>.Build.Dense(2, 3), Matrix<double>.Build.Dense(2, 3)), "Gemm: b must have shape (3, n)");
        cases.Refused<ArgumentException>("Cosine similarity of a zero vector", () => Similarity.Cosine(V(0, 0), V(1, 1)),
            "Similarity: a must have a direction for the cosine similarity");
    }

    private static void Schedules(HostileCases cases)
    {
        foreach (int steps in Hostile.BadCounts)
        {
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Linear of {steps} steps", () => NoiseSchedule.Linear(steps),
                $"NoiseSchedule: steps must be at least 1 (T, the number of noising steps), but is {steps}.");
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Cosine of {steps} steps", () => NoiseSchedule.Cosine(steps),
                $"NoiseSchedule: steps must be at least 1 (T, the number of noising steps), but is {steps}.");
        }
        foreach (double beta in new[] { 0, 1, -0.1, 1.5, double.NaN, double.PositiveInfinity })
        {
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Linear starting at β = {beta}", () => NoiseSchedule.Linear(10, beta, 0.02),
                $"NoiseSchedule: betaStart must be in the open interval (0, 1), but is {beta}.");
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Linear ending at β = {beta}", () => NoiseSchedule.Linear(10, 1e-4, beta),
                $"NoiseSchedule: betaEnd must be in the open interval (0, 1), but is {beta}.");
            cases.Refused<ArgumentException>($"NoiseSchedule with β = {beta}", () => _ = new NoiseSchedule([0.1, beta]),
                $"NoiseSchedule: betas must lie in (0, 1) (every β), but β_2 is {beta}.");
        }
        foreach (double offset in new[] { 0, -0.008, 2, double.NaN })
        {
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Cosine with offset {offset}", () => NoiseSchedule.Cosine(10, offset),
                $"NoiseSchedule: offset must be in (0, 1] (Nichol and Dhariwal use 0.008), but is {offset}.");
        }
        cases.Refused<ArgumentException>("NoiseSchedule of no betas", () => _ = new NoiseSchedule([]), "NoiseSchedule: betas must not be empty.");
        cases.Refused<ArgumentNullException>("NoiseSchedule of null", () => _ = new NoiseSchedule(null!), "NoiseSchedule: betas must not be null.");
        foreach (int t in new[] { -1, 11, int.MaxValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.AlphaBar({t})", () => NoiseSchedule.Linear(10).AlphaBar(t),
                $"NoiseSchedule: t must be between 0 and T = 10, but is {t}.");
        }
        foreach (int t in new[] { 0, 11, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"NoiseSchedule.Beta({t})", () => NoiseSchedule.Linear(10).Beta(t),
                $"NoiseSchedule: t must be between 1 and T = 10, but is {t}.");
        }
        cases.Answered("NoiseSchedule.Linear of 1 step is β = betaStart", () => Assert.Equal([1e-4], NoiseSchedule.Linear(1).Betas));
    }

    private static void Layers(HostileCases cases)
    {
        // PyTorch's max pooling: a NaN anywhere in a window makes the output NaN (the gradient goes to the last NaN).
        for (int position = 0; position < 4; position++)
        {
            int at = position;
            cases.Answered($"MaxPool2d: NaN at window position {at} propagates, as TorchSharp", () => MaxPoolAgreesWithTorch(at, 1));
            cases.Answered($"MaxPool2d: NaN at position {at} and 3 − {at} agrees with TorchSharp", () => MaxPoolAgreesWithTorch(at, 2));
        }
        cases.Answered("MaxPool2d: ±∞ in a window are its maximum or lose, as TorchSharp", () =>
        {
            var x = new ImageBatch(1, 1, 2, 2, [double.NegativeInfinity, 1, double.PositiveInfinity, 2]);
            Assert.Equal(double.PositiveInfinity, new MaxPool2d().Forward(x).Output[0, 0, 0, 0]);
        });
        foreach (int size in new[] { 0, -1, int.MinValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"MaxPool2d of size {size}", () => _ = new MaxPool2d(size),
                $"MaxPool2d: size must be at least 1, but is {size}.");
            cases.Refused<ArgumentOutOfRangeException>($"AvgPool2d with stride {size}", () => _ = new AvgPool2d(2, size),
                $"AvgPool2d: stride must be at least 1, but is {size}.");
            cases.Refused<ArgumentOutOfRangeException>($"Conv2d with {size} filters", () => _ = new Conv2d(1, size, 3),
                $"Conv2d: filters must be at least 1, but is {size}.");
            cases.Refused<ArgumentOutOfRangeException>($"Conv2d with {size} channels", () => _ = new Conv2d(size, 1, 3),
                $"Conv2d: channelsIn must be at least 1, but is {size}.");
        }
        cases.Refused<ArgumentOutOfRangeException>("MaxPool2d with padding above half the window",
            () => _ = new MaxPool2d((2, 2), null, (2, 0)), "MaxPool2d: padding must be between 0 and half the window along each axis");
        cases.Refused<ArgumentOutOfRangeException>("MaxPool2d over an image smaller than its window",
            () => new MaxPool2d(3).Forward(new ImageBatch(1, 1, 2, 2)),
            "MaxPool2d: x must be at least as large as the 3×3 window once padded by (0, 0), but is 2×2 (padded 2×2).");
        cases.Refused<ArgumentOutOfRangeException>("MaxPool2d.ForwardFast over an image smaller than its window",
            () => new MaxPool2d(3).ForwardFast(new ImageBatch(1, 1, 2, 2)), "MaxPool2d: x must be at least as large as the 3×3 window");
        cases.Refused<ArgumentOutOfRangeException>("AvgPool2d over an image smaller than its window",
            () => new AvgPool2d(3).Forward(new ImageBatch(1, 1, 2, 3)), "AvgPool2d: x must be at least as large as the 3×3 window");
        cases.Refused<ArgumentOutOfRangeException>("Conv2d over an image smaller than its kernel",
            () => new Conv2d(1, 1, 5).Forward(new ImageBatch(1, 1, 3, 3)),
            "Conv2d: x must be at least as large as the 5×5 kernel once padded by (0, 0), but is 3×3 (padded 3×3).");
        cases.Refused<ArgumentOutOfRangeException>("Conv2d.ForwardFast over an image smaller than its kernel",
            () => new Conv2d(1, 1, 5).ForwardFast(new ImageBatch(1, 1, 4, 9)), "Conv2d: x must be at least as large as the 5×5 kernel");
        cases.Refused<ArgumentException>("Conv2d over an image of other channels",
            () => new Conv2d(3, 1, 1).Forward(new ImageBatch(1, 1, 3, 3)), "Conv2d: x must have shape (batch, 3, height, width), but has shape (1, 1, 3, 3).");
        cases.Refused<ArgumentException>("Conv2d.ForwardFast over an image of other channels",
            () => new Conv2d(3, 1, 1).ForwardFast(new ImageBatch(1, 1, 3, 3)), "Conv2d: x must have shape (batch, 3, height, width)");
        cases.Refused<ArgumentNullException>("MaxPool2d.Forward(null)", () => new MaxPool2d().Forward(null!), "MaxPool2d: x must not be null.");
        cases.Refused<ArgumentOutOfRangeException>("LayerNorm of width 0", () => _ = new LayerNorm(0), "LayerNorm: d must be at least 1, but is 0.");
        foreach (double epsilon in new[] { 0, -1e-5, double.NaN, double.PositiveInfinity })
        {
            cases.Refused<ArgumentOutOfRangeException>($"LayerNorm with ε = {epsilon}", () => _ = new LayerNorm(2, epsilon),
                $"LayerNorm: epsilon must be a positive finite number, but is {epsilon}.");
        }
        cases.Refused<ArgumentException>("LayerNorm.FromWeights of an empty γ", () => LayerNorm.FromWeights(V(), V()), "LayerNorm: gamma must not be empty.");
        cases.Refused<ArgumentException>("ScaledDotProductAttention of empty queries",
            () => ScaledDotProductAttention.Forward(Matrix<double>.Build.Dense(1, 0), Matrix<double>.Build.Dense(1, 0), Matrix<double>.Build.Dense(1, 1)),
            "ScaledDotProductAttention: q must not be empty.");
        cases.Refused<ArgumentException>("ScaledDotProductAttention with keys of another width",
            () => ScaledDotProductAttention.Forward(Matrix<double>.Build.Dense(1, 2), Matrix<double>.Build.Dense(1, 3), Matrix<double>.Build.Dense(1, 1)),
            "ScaledDotProductAttention: k must have shape (1, 2) ((keys, d_k) with d_k the width of q), but has shape (1, 3).");
        foreach (int token in new[] { -1, 3, int.MaxValue })
        {
            cases.Refused<ArgumentOutOfRangeException>($"Embedding.Lookup({token})", () => new Embedding(Matrix<double>.Build.Dense(3, 2)).Lookup(token),
                $"Embedding: token must be between 0 and 2, but is {token}.");
            cases.Refused<ArgumentOutOfRangeException>($"Embedding.ViaOneHot({token})", () => new Embedding(Matrix<double>.Build.Dense(3, 2)).ViaOneHot(token),
                $"Embedding: token must be between 0 and 2, but is {token}.");
        }
        cases.Answered("Binary cross-entropy of NaN is NaN, as PyTorch", () => Assert.True(double.IsNaN(Losses.BinaryCrossEntropy(double.NaN, 1))));
        cases.Answered("Binary cross-entropy of p = 0 for label 1 is 100, PyTorch's clamp", () => Assert.Equal(100, Losses.BinaryCrossEntropy(0, 1)));
        cases.Answered("Sigmoid of ±∞ and ±1e308 is 0 or 1, never NaN", () =>
            Assert.Equal([0.0, 0, 1, 1], new[] { double.NegativeInfinity, -1e308, 1e308, double.PositiveInfinity }.Select(Activations.Sigmoid)));
        cases.Answered("LogSigmoid of −1e308 is −1e308 (no overflow)", () => Assert.Equal(-1e308, Activations.LogSigmoid(-1e308)));
    }

    private static void MaxPoolAgreesWithTorch(int position, int nans)
    {
        double[] window = [1, 5, 3, 2];
        window[position] = double.NaN;
        if (nans == 2)
        {
            window[3 - position] = double.NaN;
        }
        var pool = new MaxPool2d();
        MaxPool2dPass pass = pool.Forward(new ImageBatch(1, 1, 2, 2, window));
        double[] gradient = pool.Backward(pass, new ImageBatch(1, 1, 1, 1, [1.0])).Input.Data;
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(window, [1, 1, 2, 2], torch.float64).requires_grad_();
        var y = torch.nn.functional.max_pool2d(x, 2);
        y.sum().backward();
        Assert.True(double.IsNaN(pass.Output[0, 0, 0, 0]));
        Assert.True(double.IsNaN(y.item<double>()));
        Assert.Equal(x.grad!.data<double>().ToArray(), gradient);
        // the fast path (its 2×2 kernel, and its general kernel through a 2×2 window of stride 1) agrees
        foreach (MaxPool2d fast in new[] { new MaxPool2d(), new MaxPool2d((2, 2), (1, 1), (0, 0)) })
        {
            MaxPool2dPass fastPass = fast.ForwardFast(new ImageBatch(1, 1, 2, 2, window));
            Assert.True(double.IsNaN(fastPass.Output[0, 0, 0, 0]));
            Assert.Equal(gradient, fast.BackwardFast(fastPass, new ImageBatch(1, 1, 1, 1, [1.0])).Input.Data);
        }
    }

    private static void Texts(HostileCases cases)
    {
        cases.Refused<ArgumentNullException>("WordTokenizer of null", () => WordTokenizer.Tokenize(null!), "WordTokenizer: text must not be null.");
        cases.Refused<ArgumentException>("Vocabulary.Words with a null text", () => Vocabulary.Words(["a b", null!]),
            "Vocabulary: texts must hold no null text, but one is null.");
        cases.Refused<ArgumentNullException>("Vocabulary.Encode of null", () => Vocabulary.Words(["a b"]).Encode((string)null!),
            "Vocabulary: text must not be null.");
        cases.Refused<ArgumentException>("PaddedBatch of a null sequence", () => PaddedBatch.Create([[1, 2], null!], 0),
            "PaddedBatch: sequences must hold no null, but entry 1 is null.");
        cases.Refused<ArgumentException>("PaddedBatch of no sequences", () => PaddedBatch.Create([], 0), "PaddedBatch: sequences must not be empty.");
        foreach ((string setting, Action make, string message) in new (string, Action, string)[]
        {
            ("0 dimensions", () => _ = new SkipGram(dimensions: 0), "SkipGram: dimensions must be at least 1, but is 0."),
            ("window -1", () => _ = new SkipGram(window: -1), "SkipGram: window must be at least 1, but is -1."),
            ("0 negatives", () => _ = new SkipGram(negatives: 0), "SkipGram: negatives must be at least 1, but is 0."),
            ("a NaN threshold", () => _ = new SkipGram(subsampleThreshold: double.NaN), "SkipGram: subsampleThreshold must be at least 0, but is NaN."),
            ("a learning rate of 0", () => _ = new SkipGram(learningRate: 0), "SkipGram: learningRate must be positive, but is 0."),
            ("0 epochs", () => _ = new SkipGram(epochs: 0), "SkipGram: epochs must be at least 1, but is 0."),
        })
        {
            cases.Refused<ArgumentOutOfRangeException>($"SkipGram with {setting}", make, message);
        }
        cases.Refused<ArgumentOutOfRangeException>("SkipGram.Fit of a token beyond the vocabulary",
            () => new SkipGram(dimensions: 2, epochs: 1).Fit([0, 1, 5], 3), "SkipGram: ");
        cases.Refused<ArgumentOutOfRangeException>("SkipGram.Fit with a vocabulary whose table overflows",
            () => new SkipGram(dimensions: 1 << 16, epochs: 1).Fit([0, 1], 1 << 16), "SkipGram: vocabularySize must be at most 2147483591");
    }
}
