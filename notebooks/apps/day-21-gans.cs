// day-20-gans.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-20-gans.cs
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

// # Day 20 — Generative adversarial networks
//
// > A generator and a discriminator fight each other. The discriminator is trained to tell real data
// > (label 1) from generated data (label 0); the generator is trained to fool it. While one trains,
// > the other is held fixed.
// > $$\min_G \max_D V(D, G) = \mathbb E_{x\sim p_{data}}[\log D(x)] + \mathbb E_{z\sim p(z)}[\log(1 - D(G(z)))]$$
// > — the course notes, "GANs", "GAN's Math"
//
// Writing the second expectation over $x = G(z)$ with density $p_g$,
// $V(D,G) = \int p_{data}(x)\log D(x) + p_g(x)\log(1-D(x))\,dx$. Maximising the integrand pointwise
// (derivative zero) gives the **optimal discriminator**
// $$D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)},$$
// and substituting it back,
// $$V(D^*, G) = -\log 4 + 2\,\mathrm{JSD}(p_{data}\,\Vert\,p_g) \;\ge\; -\log 4,$$
// with equality exactly when $p_g = p_{data}$ — where $D^* = \tfrac12$ everywhere.
//
// Library types used here: `GanTheory`, `Gan1d`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
double Normal(double x, double mean, double sd) => Math.Exp(-(x - mean) * (x - mean) / (2 * sd * sd)) / (sd * Math.Sqrt(2 * Math.PI));
double PData(double x) => 0.5 * Normal(x, -2, 0.5) + 0.5 * Normal(x, 2, 0.5);   // two modes
double PBad(double x) => Normal(x, 0, 1.5);                                      // a generator that missed both
var grid = Enumerable.Range(0, 20001).Select(i => -12 + 24.0 * i / 20000).ToArray();

// ## The optimal discriminator on known densities

var xs = Enumerable.Range(0, 201).Select(i => -5 + 0.05 * i).ToArray();
Show(Charts.Lines("Densities and the optimal discriminator D*(x)", "x", "",
    new Series("p_data", xs, xs.Select(PData).ToArray()),
    new Series("p_g (a poor generator)", xs, xs.Select(PBad).ToArray()),
    new Series("D*(x)", xs, xs.Select(x => GanTheory.OptimalDiscriminator(PData(x), PBad(x))).ToArray())));

double vStar = GanTheory.OptimalValue(grid, PData, PBad);
double jsd = GanTheory.JensenShannon(grid, PData, PBad);
Console.WriteLine($"V(D*, G) = {vStar:F6};  −log 4 + 2·JSD = {-Math.Log(4) + 2 * jsd:F6};  −log 4 = {-Math.Log(4):F6}");
Claims.Close(vStar, -Math.Log(4) + 2 * jsd, 1e-9, "V(D*, G) = −log 4 + 2·JSD(p_data ‖ p_g)");
Claims.Check(vStar > -Math.Log(4), "a generator that differs from the data leaves V(D*, G) above −log 4");
Claims.Check(GanTheory.Value(grid, PData, PBad, _ => 0.5) < vStar && GanTheory.Value(grid, PData, PBad, x => 1 / (1 + Math.Exp(-x * x + 2))) < vStar, "other discriminators score lower than D*");

double vPerfect = GanTheory.OptimalValue(grid, PData, PData);
Claims.Close(vPerfect, -Math.Log(4), 1e-9, "when p_g = p_data, V(D*, G) = −log 4");
Claims.Check(xs.All(x => GanTheory.OptimalDiscriminator(PData(x), PData(x)) == 0.5), "and D*(x) = ½ everywhere: the discriminator cannot tell real from fake");

// ## Training a small GAN on the two-mode distribution
//
// The generator maps $z\sim\mathcal N(0,1)$ through a small MLP; the discriminator is another MLP.
// Each step updates D with G fixed, then G with D fixed (the non-saturating generator loss
// $-\log D(G(z))$, which has stronger gradients early on than $\log(1 - D(G(z)))$).

Seeds.Set(Seeds.Default);
var gan = new Gan1d();
var source = new torch.Generator(Seeds.Default);
torch.Tensor SampleData(int n) => (torch.randint(0, 2, new long[] { n, 1 }, generator: source).to_type(torch.float32) * 4 - 2) + 0.5f * torch.randn(n, 1, generator: source);
var live = LiveChart.Show("GAN losses (live)", "step", "binary cross-entropy");
var dLosses = new List<double>();
var clock = System.Diagnostics.Stopwatch.StartNew();
var snapshots = new Dictionary<int, double[]>();   // generated samples at a few points of training
var snapshotSource = new torch.Generator(1);
gan.Train(SampleData, steps: 3000, batchSize: 256, learningRate: 1e-3, source, (step, d, g) =>
{
    dLosses.Add(d); live.Add("discriminator", step, d); live.Add("generator", step, g);
    if (step is 100 or 500 or 1500 or 3000) snapshots[step] = gan.Sample(5000, snapshotSource);
});
Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s");

// At the equilibrium the discriminator outputs about ½ on both real and generated samples, so its
// loss, $-\log D(x) - \log(1 - D(G(z)))$, approaches $2\log 2 = \log 4 \approx 1.386$ — the notes' $-\log 4$ seen from the loss side.

double finalD = dLosses.TakeLast(5).Average();
Console.WriteLine($"discriminator loss over the last 500 steps: {finalD:F3} (log 4 = {Math.Log(4):F3})");
Claims.Close(finalD, Math.Log(4), 0.1, "the discriminator's loss ends near log 4: it can no longer tell real from generated");

// ## The learned density against the true one

double[] generated = gan.Sample(20_000, source);
double[] edges = Enumerable.Range(0, 41).Select(i => -5 + 0.25 * i).ToArray();
double[] Histogram(IEnumerable<double> values)
{
    var counts = new double[40];
    foreach (double v in values) { int b = (int)Math.Floor((v + 5) / 0.25); if (b >= 0 && b < 40) counts[b]++; }
    double total = counts.Sum();
    return counts.Select(c => c / total).ToArray();
}
double Cdf(double x) => 0.5 * MathNet.Numerics.Distributions.Normal.CDF(-2, 0.5, x) + 0.5 * MathNet.Numerics.Distributions.Normal.CDF(2, 0.5, x);
double[] trueMass = Enumerable.Range(0, 40).Select(b => Cdf(edges[b + 1]) - Cdf(edges[b])).ToArray();
trueMass = trueMass.Select(m => m / trueMass.Sum()).ToArray();
double[] learnedMass = Histogram(generated);
var centres = Enumerable.Range(0, 40).Select(b => edges[b] + 0.125).ToArray();
Show(Charts.Lines("True density and the GAN's density during training (probability per 0.25-wide bin)", "x", "probability",
    new[] { new Series("true", centres, trueMass) }
        .Concat(snapshots.Select(kv => new Series($"GAN after {kv.Key} steps", centres, Histogram(kv.Value))))
        .Append(new Series("GAN, final (20,000 samples)", centres, learnedMass)).ToArray()));

double histogramJsd = Divergence.JensenShannon(trueMass, learnedMass);
double leftShare = generated.Count(v => v < 0) / (double)generated.Length;
Console.WriteLine($"JSD between binned densities: {histogramJsd:F4} nats (log 2 = {Math.Log(2):F3} is the maximum); share of samples in the left mode: {leftShare:P1}");
Claims.Check(leftShare > 0.35 && leftShare < 0.65, "both modes are found (no mode collapse): each holds between 35% and 65% of the samples");
double[] poorMass = Enumerable.Range(0, 40).Select(b => MathNet.Numerics.Distributions.Normal.CDF(0, 1.5, edges[b + 1]) - MathNet.Numerics.Distributions.Normal.CDF(0, 1.5, edges[b])).ToArray();
poorMass = poorMass.Select(m => m / poorMass.Sum()).ToArray();
double poorJsd = Divergence.JensenShannon(trueMass, poorMass);
Console.WriteLine($"for comparison, the single Gaussian N(0, 1.5²) from above: binned JSD {poorJsd:F4} nats");
Claims.Check(histogramJsd < 0.6 * poorJsd, "the GAN's density is much closer to the truth than the single-Gaussian generator (less than 60% of its JSD)");

// ## Summary
//
// * For a fixed generator the best discriminator is $p_{data}/(p_{data}+p_g)$.
// * Then $V = -\log 4 + 2\,\mathrm{JSD}$: training the generator against the best discriminator minimises the JSD, and the optimum $-\log 4$ means $p_g = p_{data}$.
// * In practice D and G alternate; at the end D's loss sits near log 4 and the generator reproduces both modes —
//   not perfectly: after 3,000 steps its modes are still somewhat off in width (the binned JSD above).
//
// ## Exercises
//
// 1. What is $D^*(x)$ at a point where $p_{data} = 3\,p_g$? Replace `-1`.
// 2. What is the value of $V(D^*, G)$ at the optimum, to three decimals? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
double answer1 = -1;
double answer2 = -1;

Claims.Exercise("Exercise 1", Math.Abs(answer1 - GanTheory.OptimalDiscriminator(3, 1)) < 1e-9);
Claims.Exercise("Exercise 2", Math.Abs(answer2 - Math.Round(-Math.Log(4), 3)) < 1e-9);
