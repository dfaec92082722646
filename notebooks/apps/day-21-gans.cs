// day-21-gans.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-21-gans.cs
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

// # Day 21 — Generative adversarial networks
//
// Day 20's VAE learned to generate digits by maximising a lower bound on $\log p_\theta(x)$. That
// needs a decoder likelihood (Bernoulli or Gaussian pixels), and the likelihood is what makes VAE
// samples blurry: averaging over plausible digits is cheap under it. A **generative adversarial
// network** (Goodfellow et al., 2014) drops the likelihood altogether. A generator $G$ turns noise
// $z\sim p(z)$ into samples $G(z)$; a second network, the **discriminator** $D$, is trained to tell
// real data (label 1) from generated data (label 0); the generator is trained to fool it. The
// discriminator is a learned loss function.
//
// > Generator and discriminator fight with each other (deep NN / CNN / vanilla). While training
// > the generator, the discriminator is constant, and vice versa.
// > $$\min_G \max_D V(D, G) = \mathbb E_{x\sim p_{data}}[\log D(x)] + \mathbb E_{z\sim p(z)}[\log(1 - D(G(z)))]$$
// > — the course notes, "GANs", "GAN's Math"
//
// Today: (1) derive what the game converges to, step by step, and check every step numerically on a
// 1-D example whose densities we know; (2) train a small GAN on that 1-D example; (3) the payoff, a
// GAN that draws MNIST digits, with the quality of its samples **measured** at several points of
// training against real digits and against noise.
//
// Library types used here: `GanTheory`, `Gan1d`, `DigitJudge`, `Datasets.MnistDigits`; notebook
// helpers `Charts`, `Exercise`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(21);   // this day's exercise hints, kept off the page until you try
double Normal(double x, double mean, double sd) =>
    Math.Exp(-(x - mean) * (x - mean) / (2 * sd * sd)) / (sd * Math.Sqrt(2 * Math.PI));
double PData(double x) => 0.5 * Normal(x, -2, 0.5) + 0.5 * Normal(x, 2, 0.5);   // two modes
double PBad(double x) => Normal(x, 0, 1.5);                       // a generator that missed both
var grid = Enumerable.Range(0, 20001).Select(i => -12 + 24.0 * i / 20000).ToArray();

// ## Step 1: the value as one integral
//
// $V$ has two expectations, one over data and one over noise. Write $p_g$ for the density of
// $x = G(z)$ (the distribution of the generator's outputs). The expectation of any function of
// $G(z)$ over $z$ is the expectation of that function over $x\sim p_g$ — this is just what "the
// distribution of $G(z)$" means (the law of the unconscious statistician). The notes assume $G$ is
// invertible for this change of variables; that is not needed, and a generator from 32 noise
// numbers to 196 pixels is not invertible anyway. So
// $$V(D,G) = \int p_{data}(x)\log D(x)\,dx + \int p_g(x)\log\big(1-D(x)\big)\,dx = \int \Big[p_{data}(x)\log D(x) + p_g(x)\log\big(1-D(x)\big)\Big]dx .$$
//
// ## Step 2: the optimal discriminator
//
// For a fixed $G$, the discriminator chooses one number $y = D(x)\in(0,1)$ at every point $x$, and
// each point's choice affects only its own integrand. So $\max_D V$ is solved **pointwise**: with
// $a = p_{data}(x)\ge 0$ and $b = p_g(x)\ge 0$, maximise
// $$f(y) = a\log y + b\log(1-y).$$
// Set the derivative to zero:
// $$f'(y) = \frac{a}{y} - \frac{b}{1-y} = 0 \;\Longleftrightarrow\; a(1-y) = b\,y \;\Longleftrightarrow\; y = \frac{a}{a+b}.$$
// It is a maximum, not a minimum (the notes ask "when will it get minimum?"; the inner problem is a
// $\max$): $f''(y) = -a/y^2 - b/(1-y)^2 < 0$. Hence the **optimal discriminator**
// $$D^*(x) = \frac{p_{data}(x)}{p_{data}(x)+p_g(x)} .$$
// It is ½ where the two densities are equal and tends to 1 where only real data lives.

// Our 1-D example: the data are a two-mode mixture $\tfrac12\mathcal N(-2, 0.5^2) + \tfrac12\mathcal N(2, 0.5^2)$, and a poor generator produces $\mathcal N(0, 1.5^2)$, one wide hump
// between the modes (`PData`, `PBad` in the setup cell).

var xs = Enumerable.Range(0, 201).Select(i => -5 + 0.05 * i).ToArray();
Display.Show(Charts.Lines("Densities and the optimal discriminator D*(x)", "x", "density, or D*(x)",
    new Series("p_data", xs, xs.Select(PData).ToArray()),
    new Series("p_g (a poor generator)", xs, xs.Select(PBad).ToArray()),
    new Series("D*(x)", xs,
        xs.Select(x => GanTheory.OptimalDiscriminator(PData(x), PBad(x))).ToArray())));

// $D^*$ is near 1 on the two modes at $\pm2$ (there $p_{data}$ is large and $p_g$ small), near 0
// at $x = 0$ and in the far tails (only the generator puts mass there), and crosses ½ wherever the
// two curves cross. No discriminator can do better than this; let us check that claim against two
// other discriminators on the same densities.

double DStar(double x) => GanTheory.OptimalDiscriminator(PData(x), PBad(x));
double vStar = GanTheory.Value(grid, PData, PBad, DStar);
double vHalf = GanTheory.Value(grid, PData, PBad, _ => 0.5);
double HandMade(double x) => 0.2 + 0.6 * Math.Exp(-Math.Pow(Math.Abs(x) - 2, 2));   // 0.8 at ±2
double vGuess = GanTheory.Value(grid, PData, PBad, HandMade);
Console.WriteLine($"V(D*, G) = {vStar:F4}; V(½, G) = {vHalf:F4}; V(hand-made D, G) = {vGuess:F4}");
Claims.Check(vStar > vHalf && vStar > vGuess, "D* scores higher than the other discriminators");

// $D^*$ gives the largest $V$: the constant ½ scores exactly $2\log\tfrac12 = -\log 4 \approx -1.386$ (each integral is $\log\frac12$ times a total mass of 1), and a hand-made discriminator
// that also says "real" at $\pm2$ lies in between.
//
// ## Step 3: the generator's objective is a Jensen–Shannon divergence
//
// Substitute $D^*$ back. Let $m = \tfrac12(p_{data}+p_g)$, the even mixture of the two densities; then
// $D^* = p_{data}/(2m)$ and $1-D^* = p_g/(2m)$, so
// $$V(D^*,G) = \int p_{data}\log\frac{p_{data}}{2m} + p_g\log\frac{p_g}{2m}\,dx .$$
// Split off the 2 in each logarithm, $\log\frac{p}{2m} = \log\frac{p}{m} - \log 2$:
// $$V(D^*,G) = \int p_{data}\log\frac{p_{data}}{m}\,dx + \int p_g\log\frac{p_g}{m}\,dx - \log 2\underbrace{\int p_{data}\,dx}_{1} - \log 2\underbrace{\int p_g\,dx}_{1}.$$
// The first two integrals are KL divergences (day 20), and the last two terms are $-2\log 2 = -\log 4$:
// $$V(D^*,G) = -\log 4 + \mathrm{KL}(p_{data}\,\Vert\,m) + \mathrm{KL}(p_g\,\Vert\,m) = -\log 4 + 2\,\mathrm{JSD}(p_{data}\,\Vert\,p_g),$$
// using the definition $\mathrm{JSD}(p\Vert q) = \tfrac12\mathrm{KL}(p\Vert m) + \tfrac12\mathrm{KL}(q\Vert m)$.
// (The notes' "$K^2$ div" is this JSD.) A KL divergence is $\ge 0$ and is $0$ only when its two
// arguments are equal, so
// $$C(G) = \max_D V(D,G) \;\ge\; -\log 4, \qquad\text{with equality exactly when } p_g = p_{data},$$
// where $D^* = \tfrac12$ everywhere: the discriminator can only guess. Training the generator
// against the best discriminator minimises the Jensen–Shannon divergence to the data.

// **Exercise 1** computes $V(D^*, G)$ on a grid from $D^*$ (a dozen lines). The check compares your
// function with the library on densities it has not seen.

// Exercise 1: V(D*, G) on a grid
// grid: sorted points covering both densities; pData, pG: the two densities.
// Return ∫ p_data log D* + p_g log(1 − D*) dx by the trapezoid rule,
// with D* = p_data/(p_data + p_g).
double ValueAtOptimum(double[] grid, Func<double, double> pData, Func<double, double> pG)
{
    return Exercise.Todo<double>();
}

Exercise.Check("1", () =>
{
    double[] g = Enumerable.Range(0, 1201).Select(i => -6 + 0.01 * i).ToArray();
    Func<double, double> p = x => Normal(x, 1, 0.7);
    Func<double, double> q = x => 0.3 * Normal(x, -1, 0.5) + 0.7 * Normal(x, 2, 1);
    return Exercise.Compare("your V(D*, G)", ValueAtOptimum(g, p, q),
            GanTheory.OptimalValue(g, p, q), 1e-6)
        ?? Exercise.Compare("your V(D*, G) when p_g = p_data", ValueAtOptimum(g, p, p),
            GanTheory.OptimalValue(g, p, p), 1e-6);
});

// Now the identity itself, on the poor generator and on a perfect one ($p_g = p_{data}$):

double vOpt = GanTheory.OptimalValue(grid, PData, PBad);
double jsd = GanTheory.JensenShannon(grid, PData, PBad);
double vPerfect = GanTheory.OptimalValue(grid, PData, PData);
Console.WriteLine($"poor G:    V(D*, G) = {vOpt:F6}; −log 4 + 2·JSD = {-Math.Log(4) + 2 * jsd:F6}");
Console.WriteLine($"perfect G: V(D*, G) = {vPerfect:F6}; −log 4 = {-Math.Log(4):F6}");
Claims.Close(vOpt, -Math.Log(4) + 2 * jsd, 1e-9, "V(D*, G) = −log 4 + 2·JSD(p_data ‖ p_g)");
Claims.Close(vPerfect, -Math.Log(4), 1e-9, "when p_g = p_data, V(D*, G) = −log 4, the minimum");

// The two sides agree to the printed six decimals; the poor generator's JSD is about
// $(V + \log 4)/2$, a sizeable share of its maximum $\log 2 \approx 0.693$ nats, because its
// single hump sits where the data have almost no mass. The perfect generator reaches the bound
// $-\log 4$ exactly.
//
// ## Training: alternate a D step and a G step
//
// In practice we have samples, not densities, and $D$ and $G$ are networks. Each step:
//
// 1. **D step** ($G$ fixed): a batch of real $x$ and fakes $G(z)$; minimise the binary cross-entropy
//    with labels 1 and 0, $-\log D(x) - \log(1 - D(G(z)))$, which is $-V$ on the batch.
// 2. **G step** ($D$ fixed): fresh $z$; minimise the **non-saturating** loss $-\log D(G(z))$
//    rather than the $\log(1 - D(G(z)))$ of the minimax game.
//
// ### Exercise 2: predict the size of the generator's gradient
//
// Write $D = \sigma(\ell)$ with the discriminator's logit $\ell$. Early in training fakes are easy to
// spot: say $D(G(z)) = 0.01$. How many times larger is $\big|\partial(-\log D)/\partial\ell\big|$, the
// non-saturating loss's gradient, than $\big|\partial\log(1 - D)/\partial\ell\big|$, the minimax loss's?
// Work it out on paper, write the ratio (within 1), then run the cell after it.
// <!-- numbers: 0.693 = log 2 -->

// Exercise 2: your prediction of |∂/∂ℓ of −log D| / |∂/∂ℓ of log(1 − D)| at D(G(z)) = 0.01
double? prediction2 = null;

var logit = torch.tensor(new[] { Math.Log(0.01 / 0.99) }, requires_grad: true);   // σ(ℓ) = 0.01
torch.log(1 - torch.sigmoid(logit)).sum().backward();
double saturating = logit.grad!.item<double>();
logit.grad!.zero_();
(-torch.log(torch.sigmoid(logit))).sum().backward();
double nonSaturating = logit.grad!.item<double>();
Exercise.Predict("2", prediction2, Math.Abs(nonSaturating / saturating), tolerance: 1,
    measured: $"∂/∂ℓ log(1 − D) = {saturating:F4};  ∂/∂ℓ (−log D) = {nonSaturating:F4}");

// Why? The minimax loss has
// $\frac{\partial}{\partial\ell}\log(1-\sigma(\ell)) = -\sigma(\ell) = -D \approx 0$: the generator
// gets almost no gradient exactly when it is worst. The non-saturating loss has
// $\frac{\partial}{\partial\ell}\big(-\log\sigma(\ell)\big) = -(1-D) \approx -1$. Autograd confirms $-D$
// and $-(1-D)$: at $D = 0.01$ the minimax generator loss passes on a hundredth of the gradient the
// non-saturating loss does. Both losses push $D(G(z))$ up and have the same fixed point; only the
// gradient's size differs.
//
// **Exercise 3** writes both losses from logits, as the training loops below use them through
// `binary_cross_entropy_with_logits`.

// Exercise 3: the discriminator's and the generator's losses from logits
// realLogits, fakeLogits: (batch, 1) logits ℓ of D on real and generated samples.
// Return the D loss mean(−log σ(ℓ_real)) + mean(−log(1 − σ(ℓ_fake))) and the non-saturating
// G loss mean(−log σ(ℓ_fake)).
(Tensor DLoss, Tensor GLoss) GanLosses(Tensor realLogits, Tensor fakeLogits)
{
    return Exercise.Todo<(Tensor, Tensor)>();
}

Exercise.Check("3", () =>
{
    var source = new torch.Generator(5);
    var real = 3 * torch.randn(new long[] { 50, 1 }, generator: source);   // (50, 1)
    var fake = 3 * torch.randn(new long[] { 50, 1 }, generator: source) - 2;
    var (dLoss, gLoss) = GanLosses(real, fake);
    var bce = (Tensor l, float y) =>
        nn.functional.binary_cross_entropy_with_logits(l, torch.full_like(l, y));
    return Exercise.Compare("your D loss", dLoss, bce(real, 1) + bce(fake, 0), 1e-5)
        ?? Exercise.Compare("your G loss", gLoss, bce(fake, 1), 1e-5);
});

// ## A GAN on the two-mode data
//
// `Gan1d` runs exactly the loop above with two small MLPs (1 → 32 → 32 → 1, `Gan1d.cs`), Adam
// ($\eta = 10^{-3}$, $\beta_1 = 0.5$), 256 samples per step, 1,500 steps. It reports both losses at
// every step; single mini-batch losses are noisy, so the chart shows moving averages over 100 steps.
//
// **Exercise 4**: before you run the training, predict the discriminator's loss
// $-\log D(x) - \log(1 - D(G(z)))$, averaged over the last 500 steps. Step 3 tells you what $D$
// outputs if the game reaches its equilibrium.

// Exercise 4: your prediction of the discriminator's loss (averaged over the last 500 steps)
double? prediction4 = null;

Seeds.Set(Seeds.Default);
var gan = new Gan1d();
var source = new torch.Generator(Seeds.Default);
torch.Tensor SampleData(int n) =>                                              // (n, 1)
    (torch.randint(0, 2, new long[] { n, 1 }, generator: source).to_type(torch.float32) * 4 - 2)
    + 0.5f * torch.randn(n, 1, generator: source);
var dLosses = new List<double>();
var gLosses = new List<double>();
var snapshots = new Dictionary<int, double[]>();   // generated samples at a few points of training
var snapshotSource = new torch.Generator(1);
gan.Train(SampleData, steps: 1500, batchSize: 256, learningRate: 1e-3, source, (step, d, g) =>
{
    dLosses.Add(d); gLosses.Add(g);
    if (step is 100 or 500 or 1000 or 1500) snapshots[step] = gan.Sample(5000, snapshotSource);
}, reportEvery: 1);

double finalD = dLosses.TakeLast(500).Average();
double finalG = gLosses.TakeLast(500).Average();
Exercise.Predict("4", prediction4, finalD, tolerance: 0.1,
    measured: $"mean over steps 1001–1500: D loss {finalD:F3}, G loss {finalG:F3}");

double[] MovingAverage(IReadOnlyList<double> v, int w)        // mean of v[end − w … end − 1]
{
    var sums = new double[v.Count + 1];
    for (int i = 0; i < v.Count; i++) sums[i + 1] = sums[i] + v[i];
    return Enumerable.Range(w, v.Count - w + 1)
        .Select(end => (sums[end] - sums[end - w]) / w).ToArray();
}
Console.WriteLine($"steps 1–100: D loss {dLosses.Take(100).Average():F3}, "
    + $"G loss {gLosses.Take(100).Average():F3}; steps 1001–1500: D {finalD:F3}, G {finalG:F3}; "
    + $"log 4 = {Math.Log(4):F3}, log 2 = {Math.Log(2):F3}");
Claims.Close(finalD, Math.Log(4), 0.1, "the discriminator's loss ends near log 4: it cannot tell");
double[] steps1d = Enumerable.Range(100, 1401).Select(s => (double)s).ToArray();   // 100 … 1500
Display.Show(Charts.Lines("1-D GAN: losses, moving average over 100 steps", "training step",
    "binary cross-entropy",
    new Series("discriminator", steps1d, MovingAverage(dLosses, 100)),
    new Series("generator (non-saturating)", steps1d, MovingAverage(gLosses, 100)),
    new Series("log 4", new double[] { 100, 1500 }, new[] { Math.Log(4), Math.Log(4) })));

// Read the chart from the left: over the first 100 steps the discriminator wins (its averaged
// loss is 1.16, below log 4; the generator's 0.89, above log 2 ≈ 0.693); by step 500 both sit near
// the equilibrium values, and over the last 500 steps the discriminator's loss is 1.383 and the
// generator's 0.701: this discriminator outputs about ½ on everything.
//
// That does **not** prove the densities match. $D^*$ would tell them apart wherever they differ; a
// small network trained one step at a time is not $D^*$. So look at the densities themselves, one
// panel per point of training (5,000 samples each).

double[] edges = Enumerable.Range(0, 41).Select(i => -5 + 0.25 * i).ToArray();
double[] centres = edges.Take(40).Select(e => e + 0.125).ToArray();
double[] Histogram(IEnumerable<double> values)                               // probability per bin
{
    var counts = new double[40];
    foreach (double v in values)
    {
        int b = (int)Math.Floor((v + 5) / 0.25);
        if (b >= 0 && b < 40) counts[b]++;
    }
    double total = counts.Sum();
    return counts.Select(c => c / total).ToArray();
}
double Cdf(double x) => 0.5 * MathNet.Numerics.Distributions.Normal.CDF(-2, 0.5, x)
    + 0.5 * MathNet.Numerics.Distributions.Normal.CDF(2, 0.5, x);
double[] Normalise(double[] mass) => mass.Select(m => m / mass.Sum()).ToArray();
double[] trueMass = Normalise(Enumerable.Range(0, 40)
    .Select(b => Cdf(edges[b + 1]) - Cdf(edges[b])).ToArray());
Display.Show(Charts.SmallMultiples("1-D GAN: generated vs true distribution during training", "x",
    "probability per 0.25-wide bin", snapshots.Select(kv => ($"after {kv.Key} steps", new[]
    {
        new Series("true", centres, trueMass), new Series("GAN", centres, Histogram(kv.Value))
    })).ToList(),
    columns: 4));

double[] generated = snapshots[1500];
double histogramJsd = Divergence.JensenShannon(trueMass, Histogram(generated));
double leftShare = generated.Count(v => v < 0) / (double)generated.Length;
double poorJsd = Divergence.JensenShannon(trueMass, Normalise(Enumerable.Range(0, 40).Select(b =>
    MathNet.Numerics.Distributions.Normal.CDF(0, 1.5, edges[b + 1])
    - MathNet.Numerics.Distributions.Normal.CDF(0, 1.5, edges[b])).ToArray()));
Console.WriteLine($"binned JSD to the truth: GAN {histogramJsd:F4} nats, "
    + $"poor N(0, 1.5²) {poorJsd:F4} nats");
Console.WriteLine($"share of GAN samples in the left mode: {leftShare:P1}");
foreach (int s in new[] { 1000, 1500 })
{
    double[] shares = Histogram(snapshots[s]);
    int top = Array.IndexOf(shares, shares.Max());
    Console.WriteLine($"after {s} steps the fullest 0.25-wide bin (centre {centres[top]:F3}) holds "
        + $"{shares[top]:P1} of the samples");
}
double bridge = Enumerable.Range(0, 40).Where(b => Math.Abs(centres[b]) < 1)
    .Average(b => Histogram(generated)[b]);
Console.WriteLine($"the truth's fullest bin holds {trueMass.Max():P1}; after 1500 steps the bins "
    + $"between −1 and 1 hold {bridge:P1} each on average");
Claims.Check(leftShare > 0.35 && leftShare < 0.65,
    "both modes are found: each holds 35–65% of the samples");
Claims.Check(histogramJsd < poorJsd, "the GAN is closer to the truth than the one-hump generator");

// After 100 steps the generator makes one lopsided hump with a tail across the gap. From 500
// steps on it has two peaks near $\pm 2$, but too narrow and spiky: at step 1,000, 41.3 % of all samples
// fall in one 0.25-wide bin of the left mode (the truth puts at most 9.6 % in any bin); at step 1,500
// the spike (27.6 %) has moved to the right mode. The game oscillates rather than settles. A thin bridge
// of samples, 0.4 % per bin between −1 and 1, joins the modes. The bridge is forced: the generator is a continuous function of a
// one-dimensional $z$, so it maps the connected line of $z$ values onto a connected set and must pass
// through the gap. The binned JSD (printed) puts a number on it: 0.17 nats for the GAN against 0.23
// for the one-hump generator — better, far from 0, while the discriminator's loss already said "½".
// Both modes get about half the samples: no **mode collapse** (the generator covering one mode
// only, the failure GANs are known for). On digits there are ten modes, and we will measure it.
//
// ## The payoff: a GAN that draws digits
//
// Same game, real images: MNIST digits, downsampled to 14×14 (`Downsample(2)` averages 2×2
// blocks) to keep the notebook within its time budget on one CPU thread. The first 8,000 digits
// train the GAN; the last 2,000 are held out and used only to measure.
//
// **How to measure samples?** A GAN has no likelihood to report, so we use day 19's `DigitJudge`,
// trained here on the same 8,000 14×14 digits (196 → 256 → 64 → 11, the 11th class "not a digit"). It
// reports the share of digits labelled with ≥ 90 % confidence, the share of "not a digit", the
// **entropy of the predicted classes** ($\log_2 10 \approx 3.32$ bits if all ten digits are equally
// common; a collapsed GAN that draws only 1s scores 0) and a **Fréchet distance** in its 64 features.
// These numbers mean something only next to baselines: real held-out digits (the ceiling) and
// noise (the floor).
// <!-- numbers: 90 % = DigitJudge's confidence threshold; 3.32 = log₂ 10 -->

var digits = Datasets.MnistDigits().Downsample(2);                  // 10,000 digits, 14×14
const int trainCount = 8000, side = 14, pixels = side * side;
var judge = DigitJudge.Train(digits);                                // trained on the first 8,000
Tensor heldA = digits.ImageTensor(Enumerable.Range(8000, 1000).ToArray());   // (1000, 1, 14, 14)
Tensor heldB = digits.ImageTensor(Enumerable.Range(9000, 1000).ToArray());   // (1000, 1, 14, 14)
Tensor noiseImages = torch.rand(new long[] { 1000, 1, side, side },
    generator: new torch.Generator(3));                              // (1000, 1, 14, 14) uniform
var realQuality = judge.Judge(heldA);
var noiseQuality = judge.Judge(noiseImages);
double realFd = judge.FrechetDistance(heldA, heldB);
double noiseFd = judge.FrechetDistance(noiseImages, heldB);
Console.WriteLine($"judge's accuracy on the 2,000 held-out digits: {judge.HeldOutAccuracy:P1}");
Console.WriteLine($"real held-out digits: {realQuality}; "
    + $"Fréchet to 1,000 other held-out: {realFd:F2}");
Console.WriteLine($"uniform noise:        {noiseQuality}; Fréchet: {noiseFd:F1}");

// These are the two ends of the scale: real digits that no model has seen are judged confident
// digits most of the time, spread over all ten classes (entropy close to 3.32 bits), and two sets
// of 1,000 real digits are a small Fréchet distance apart (not 0: two finite samples differ). Noise
// is called "not a digit" and is far away in feature space. A generator's numbers will lie between.
//
// ### The two networks
//
// Both are MLPs on flattened 14×14 images, small because they run on one CPU thread. The generator
// maps 32 noise numbers through one hidden layer of 256 to 196 pixels, with `tanh` so the output is
// in $[-1, 1]$ (the training digits are rescaled to $[-1, 1]$ to match). The discriminator maps 196
// pixels through 256 hidden units to one logit. LeakyReLU (slope 0.2 for negative inputs) keeps a
// gradient flowing to the generator through the discriminator even where a ReLU would be flat.

const int latent = 32;
torch.manual_seed(Seeds.Default);
var generator = nn.Sequential(
    nn.Linear(latent, 256), nn.LeakyReLU(0.2),
    nn.Linear(256, pixels), nn.Tanh());             // z (b, 32) → image (b, 196) in [−1, 1]
var discriminator = nn.Sequential(
    nn.Linear(pixels, 256), nn.LeakyReLU(0.2),
    nn.Linear(256, 1));                             // image (b, 196) → logit (b, 1)
Tensor train = digits.ImageTensor(Enumerable.Range(0, trainCount).ToArray())
    .view(trainCount, pixels) * 2 - 1;              // (8000, 196) in [−1, 1]
Console.WriteLine($"generator {generator.parameters().Sum(p => p.numel()):N0} parameters, "
    + $"discriminator {discriminator.parameters().Sum(p => p.numel()):N0}");

// To watch training we keep 10 fixed noise vectors (the same $z$ at every checkpoint, so a row of
// the grid below shows how *the same* samples change) and 1,000 more to judge. A checkpoint turns
// them into images in $[0, 1]$, judges them and measures the Fréchet distance to held-out digits.

Tensor zGrid = torch.randn(new long[] { 10, latent },
    generator: new torch.Generator(7));                                          // (10, 32)
Tensor zJudge = torch.randn(new long[] { 1000, latent },
    generator: new torch.Generator(8));                                          // (1000, 32)
var grids = new List<Tensor>();
var quality = new List<(int Step, SampleQuality Q, double Fd)>();
Tensor Generate(Tensor z) =>
    (generator.forward(z).view(-1, 1, side, side) + 1) / 2;          // (n, 1, 14, 14) in [0, 1]
void Checkpoint(int step)
{
    using var noGrad = torch.no_grad();
    Tensor images = Generate(zJudge);
    quality.Add((step, judge.Judge(images), judge.FrechetDistance(images, heldB)));
    grids.Add(Generate(zGrid).MoveToOuterDisposeScope());   // kept after the step's scope
}

// The loop is the one from the 1-D GAN, written out: a D step on 64 real and 64 generated digits
// with the generator's output detached (so no gradient reaches $G$), then a G step with fresh noise
// and the non-saturating loss. The G step's backward pass also fills the discriminator's gradients,
// but only the generator's optimiser steps, and the next D step starts with `zero_grad`. Adam with
// $\eta = 2\cdot10^{-4}$ and $\beta_1 = 0.5$ (a lower momentum than the default 0.9, the DCGAN
// setting: the target moves, so old gradients are stale sooner). 1,500 steps, 12 passes over the
// 8,000 digits.

const int ganSteps = 1500, batch = 64;
int[] checkpoints = { 0, 250, 500, 1000, 1500 };
var dOptimizer = torch.optim.Adam(discriminator.parameters(), lr: 2e-4, beta1: 0.5);
var gOptimizer = torch.optim.Adam(generator.parameters(), lr: 2e-4, beta1: 0.5);
var ganSource = new torch.Generator(Seeds.Default);
Tensor ones = torch.ones(batch, 1), zeros = torch.zeros(batch, 1);
var bce = (Tensor logits, Tensor labels) =>
    nn.functional.binary_cross_entropy_with_logits(logits, labels);
var dHistory = new List<double>();
var gHistory = new List<double>();
Checkpoint(0);
for (int step = 1; step <= ganSteps; step++)
{
    using var scope = torch.NewDisposeScope();
    Tensor rows = torch.randint(0, trainCount, new long[] { batch }, generator: ganSource);
    Tensor x = train.index_select(0, rows);                                           // (64, 196)
    // D step, G fixed: real → 1, fake → 0.
    dOptimizer.zero_grad();
    Tensor zD = torch.randn(new long[] { batch, latent }, generator: ganSource);      // (64, 32)
    Tensor fake = generator.forward(zD).detach();                                     // (64, 196)
    Tensor dLoss = bce(discriminator.forward(x), ones) + bce(discriminator.forward(fake), zeros);
    dLoss.backward();
    dOptimizer.step();
    // G step, D fixed: the non-saturating loss −log D(G(z)).
    gOptimizer.zero_grad();
    Tensor z = torch.randn(new long[] { batch, latent }, generator: ganSource);       // (64, 32)
    Tensor gLoss = bce(discriminator.forward(generator.forward(z)), ones);
    gLoss.backward();
    gOptimizer.step();
    dHistory.Add(dLoss.item<float>()); gHistory.Add(gLoss.item<float>());
    if (checkpoints.Contains(step)) Checkpoint(step);
}

double[] ganSteps100 = Enumerable.Range(100, ganSteps - 99).Select(s => (double)s).ToArray();
double[] dAverage = MovingAverage(dHistory, 100), gAverage = MovingAverage(gHistory, 100);
Console.WriteLine($"moving averages at step 100: D {dAverage[0]:F2}, G {gAverage[0]:F2}; "
    + $"at step {ganSteps}: D {dAverage[^1]:F2}, G {gAverage[^1]:F2}");
Display.Show(Charts.Lines("Digit GAN: losses, moving average over 100 steps", "training step",
    "binary cross-entropy",
    new Series("discriminator", ganSteps100, dAverage),
    new Series("generator (non-saturating)", ganSteps100, gAverage),
    new Series("log 4", new double[] { 100, ganSteps }, new[] { Math.Log(4), Math.Log(4) })));

// Unlike the 1-D game, the discriminator's averaged loss stays below log 4 (1.13 at step 100, 1.25
// at step 1,500) and the generator's above log 2 (0.55 rising to 0.78): the discriminator can still
// tell real from generated digits a good part of the time. The curves say who is ahead, not how
// good the samples are: the generator's loss *rises* while its digits improve, because the
// discriminator improves too. To judge samples, look at them and measure them.

var shownQuality = judge.Judge(grids[^1]);
Console.WriteLine($"of the 10 samples at step {ganSteps}, the judge calls "
    + $"{Math.Round(shownQuality.ConfidentShare * 10)} confident digits");
Display.Show(Charts.ImageGrid("The same 10 noise vectors through the generator during training (last row: real)",
    torch.cat(grids.Append(heldA[..10]).ToArray()), columns: 10,
    rowLabels: checkpoints.Select(s => $"step {s}").Append("real").ToArray(), zMin: 0, zMax: 1));

// Row by row: at step 0 the untrained generator outputs grey noise around 0.5 (tanh of small
// random sums, rescaled). By step 250 every column shows the same blurry average digit — the first
// thing the generator learns is "ink in the middle" — and by 500 the columns start to differ. From
// step 1,000 on each $z$ keeps its identity (column 2 stays a 0, column 8 a 7) and the strokes
// sharpen; at step 1,500 about half are readable to the eye, but speckled and thicker than the real digits in the
// last row, and some (column 1, column 4) are not clearly any digit. The judge is stricter: it calls only 2
// of these 10 confident digits (printed under the grid), and 34.6 % of the 1,000 judged below.

Console.WriteLine($"{"step",5} {"confident",10} {"not digit",10} {"entropy",8} {"Fréchet",8}");
foreach (var (step, q, fd) in quality)
    Console.WriteLine($"{step,5} {q.ConfidentShare,10:P1} {(double)q.NotDigits / q.Count,10:P1} "
        + $"{q.ClassEntropyBits,8:F2} {fd,8:F2}");
var baselines = new[] { ("real", realQuality, realFd), ("noise", noiseQuality, noiseFd) };
foreach (var (name, q, fd) in baselines)
    Console.WriteLine($"{name,5} {q.ConfidentShare,10:P1} {(double)q.NotDigits / q.Count,10:P1} "
        + $"{q.ClassEntropyBits,8:F2} {fd,8:F2}");

// The measurements tell the same story with numbers. The untrained generator is judged like
// noise: 100 % "not a digit" and a Fréchet distance of 6,844 (noise: 6,635). At step 250 the
// blurry average digit is still "not a digit" for 99.3 % of samples. The big change comes between
// steps 500 and 1,000: "not a digit" falls from 89.3 % to 3.6 %, the confident share rises from 3.2 %
// to 26.4 %, the Fréchet distance from 298 to 23. By step 1,500: 34.6 % confident digits, 0.2 %
// "not a digit", Fréchet 9.3. The distance was still falling at the end (23 at step 1,000, 9.3 at 1,500):
// longer training would help, and the checks below do not depend on where we stop. The ceiling is far above: real held-out digits are confident 78.7 % of the time
// at a Fréchet distance of 1.16. The class entropy rises to 3.20 bits of the possible 3.32, so
// there is no mode collapse; the log-scale chart below shows the distance falling by three orders
// of magnitude, most of it in the first 1,000 steps.

double[] checkpointSteps = quality.Select(q => (double)q.Step).ToArray();
Display.Show(Charts.Lines("Digit GAN: Fréchet distance to held-out digits (lower is better)", "training step",
    "log10 of the Fréchet distance (judge features)",
    new Series("GAN samples", checkpointSteps, quality.Select(q => Math.Log10(q.Fd)).ToArray()),
    new Series("real held-out digits", new double[] { 0, ganSteps },
        new[] { Math.Log10(realFd), Math.Log10(realFd) }),
    new Series("uniform noise", new double[] { 0, ganSteps },
        new[] { Math.Log10(noiseFd), Math.Log10(noiseFd) })));

var (_, first, firstFd) = quality[0];
var (_, last, lastFd) = quality[^1];
Claims.Check(last.ConfidentShare > first.ConfidentShare + 0.3,
    "training raises the confident-digit share by over 30 points above the untrained generator");
Claims.Check(lastFd < firstFd / 3, "the Fréchet distance to held-out digits falls below a third");
Claims.Check(last.ClassEntropyBits > 2.8,
    "no mode collapse: the predicted digits spread (entropy > 2.8 bits)");
Claims.Check(lastFd > realFd,
    "the GAN is still measurably further from held-out digits than real digits are");

// These checks can fail: a generator that collapsed onto a few digits would fail the entropy check,
// one that learned nothing the first two, and the last one would fail only if the GAN matched real
// digits, which 1,500 steps of a 60k-parameter MLP do not. Which digits does it draw?

Console.WriteLine("samples per judged digit: " + string.Join(", ",
    last.ClassCounts.Select((n, d) => $"{d}: {n}")) + $"; not a digit: {last.NotDigits}");
Display.Show(Charts.Bars("Digit GAN after 1,500 steps: which digits it draws (1,000 samples)",
    "digit (judge's label)", "samples",
    Enumerable.Range(0, 10).Select(d => d.ToString()).Append("not a digit").ToArray(),
    last.ClassCounts.Select(c => (double)c).Append(last.NotDigits).ToArray()));

// All ten digits appear, but not equally: 2 and 5 get 165 and 161 of 1,000 samples and 7 gets 135,
// while 8 gets 58 and 9 only 34 (the real digits are about 100 each). This is the mild form of mode
// dropping: the generator over-draws some digits and under-draws others, here the 8 and the 9, whose
// loops a blurry generator merges with 3s, 4s and 7s. The class entropy, 3.20 bits, summarises it in
// one number.
//
// ## When to use a GAN, and when not
//
// * **Use** it when sharp samples matter more than a likelihood, and you can afford to tune the
//   game: GANs (with convolutional networks, DCGAN and later StyleGAN) produced the sharpest images
//   before diffusion models. Sampling is one forward pass, far cheaper than day 22's reverse chain.
// * **Do not** use it when you need $p(x)$ (anomaly scores, compression: a VAE or a flow gives a
//   bound or the value), when training must be reliable without babysitting (the game can
//   oscillate or collapse onto a few modes; always measure diversity, as the class entropy above
//   does), or when coverage of every mode matters more than sharpness.
//
// ## Summary
//
// * For a fixed generator the best discriminator is $D^* = p_{data}/(p_{data}+p_g)$, from pointwise
//   maximisation of $a\log y + b\log(1-y)$.
// * Substituting it, $V(D^*,G) = -\log 4 + 2\,\mathrm{JSD}(p_{data}\Vert p_g) \ge -\log 4$, with equality
//   iff $p_g = p_{data}$; checked to $10^{-9}$ on the 1-D example.
// * Training alternates a D step and a G step; the generator uses the non-saturating loss
//   $-\log D(G(z))$, which keeps its gradient when the discriminator wins.
// * On digits, sample quality is a measurement against baselines: confident-digit share, class
//   entropy (mode collapse) and Fréchet distance, from untrained generator to trained, next to real
//   digits and noise.
//
// Exercises on this page: 1 (implement $V(D^*, G)$), 2 and 4 (predict, then run), 3 (implement
// the two GAN losses).
