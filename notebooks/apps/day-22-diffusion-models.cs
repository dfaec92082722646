// day-21-diffusion-models.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-21-diffusion-models.cs
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

// # Day 21 — Diffusion models
//
// > A diffusion model takes many small steps (a Markov chain). **Forward process**: image → noise →
// > … → noisy image, $q(x_t\mid x_{t-1}) = \mathcal N\big(x_t;\ \sqrt{1-\beta_t}\,x_{t-1},\ \beta_t I\big)$, with
// > $\beta$ from 0.0001 to 0.02. **Reverse process**: denoise step by step back to a clean sample.
// > — the course notes, "Diffusion Models"
//
// With $\alpha_t = 1-\beta_t$ and $\bar\alpha_t = \prod_{s=1}^{t}\alpha_s$ (a **product**; the notes write a sum,
// which would exceed 1 after a few steps), applying the step repeatedly collapses into one jump:
// $$x_t = \sqrt{\alpha_t}\,x_{t-1} + \sqrt{1-\alpha_t}\,\varepsilon = \sqrt{\alpha_t\alpha_{t-1}}\,x_{t-2} + \sqrt{1-\alpha_t\alpha_{t-1}}\,\varepsilon = \dots = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon .$$
// (The notes also write the variance as $\beta_t^{-1}$; it is $\beta_t$.)
//
// The reverse step needs $q(x_{t-1}\mid x_t, x_0) = \mathcal N(\tilde\mu_t, \tilde\beta_t I)$ with
// $$\tilde\mu_t = \frac{\sqrt{\bar\alpha_{t-1}}\,\beta_t}{1-\bar\alpha_t}x_0 + \frac{\sqrt{\alpha_t}\,(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t,\qquad \tilde\beta_t = \frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t .$$
// A network $\varepsilon_\theta(x_t, t)$ learns to predict the noise; substituting $x_0 = (x_t - \sqrt{1-\bar\alpha_t}\,\varepsilon)/\sqrt{\bar\alpha_t}$ gives DDPM's
// $$\mu_\theta(x_t, t) = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\,\varepsilon_\theta(x_t, t)\Big).$$
//
// Library types used here: `NoiseSchedule`, `ForwardDiffusion`, `Ddpm`, `NoisePredictor`, `TwoMoons`,
// `MiniBatchTraining`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
var linear = NoiseSchedule.Linear();   // β from 1e-4 to 0.02, T = 1000
var cosine = NoiseSchedule.Cosine();
var process = new ForwardDiffusion(linear);

// ## The schedules: β, ᾱ and the noise level

var ts = Enumerable.Range(0, 1001).Select(t => (double)t).ToArray();
Show(Charts.Lines("√ᾱ_t (signal kept) and √(1 − ᾱ_t) (noise added)", "t", "",
    new Series("√ᾱ_t, linear", ts, ts.Select(t => Math.Sqrt(linear.AlphaBar((int)t))).ToArray()),
    new Series("√(1 − ᾱ_t), linear", ts, ts.Select(t => Math.Sqrt(1 - linear.AlphaBar((int)t))).ToArray()),
    new Series("√ᾱ_t, cosine", ts, ts.Select(t => Math.Sqrt(cosine.AlphaBar((int)t))).ToArray())));

Claims.Check(linear.Beta(1) == 1e-4 && Math.Abs(linear.Beta(1000) - 0.02) < 1e-15, "the linear schedule runs from β₁ = 1e-4 to β_T = 0.02");
double product = 1; for (int t = 1; t <= 1000; t++) product *= 1 - linear.Beta(t);
Claims.Close(linear.AlphaBar(1000), product, 1e-15, "ᾱ_T is the product of all α_t");
Claims.Check(linear.AlphaBar(1000) < 1e-4, "after 1000 steps almost no signal is left: ᾱ_T < 1e-4");
Claims.Check(cosine.AlphaBar(500) > linear.AlphaBar(500), "the cosine schedule destroys the signal more slowly in the middle");

// ## One jump equals many steps — in distribution
//
// Start every chain at the same $x_0$, run the single-step process for $t$ steps with fresh noise
// each time, and compare the mean and variance of the result with the closed form
// $\mathcal N(\sqrt{\bar\alpha_t}\,x_0,\ (1-\bar\alpha_t)\,I)$.

const int chains = 10_000;
var x0 = Vector<double>.Build.DenseOfArray(new[] { 1.5, -0.5 });
foreach (int t in new[] { 10, 100, 500 })
{
    var finals = new List<Vector<double>>();
    for (int c = 0; c < chains; c++)
    {
        var x = x0;
        for (int s = 1; s <= t; s++) x = process.Step(x, s, Vector<double>.Build.Dense(2, _ => MathNet.Numerics.Distributions.Normal.Sample(random.MathNet, 0, 1)));
        finals.Add(x);
    }
    double mean = finals.Average(v => v[0]), variance = finals.Average(v => (v[0] - mean) * (v[0] - mean));
    double abar = linear.AlphaBar(t);
    Console.WriteLine($"t = {t,3}: iterated mean {mean:F4} vs √ᾱ·x₀ {Math.Sqrt(abar) * 1.5:F4}; variance {variance:F4} vs 1 − ᾱ {1 - abar:F4}");
    // Five standard errors: √((1 − ᾱ)/N) for the mean, (1 − ᾱ)·√(2/N) for the variance.
    Claims.Check(Math.Abs(mean - Math.Sqrt(abar) * 1.5) < 5 * Math.Sqrt((1 - abar) / chains) && Math.Abs(variance - (1 - abar)) < 5 * (1 - abar) * Math.Sqrt(2.0 / chains),
        $"t = {t}: the iterated steps match the closed form in mean and variance (within 5 standard errors)");
}

// ## Noising the two moons
//
// The data: 2,000 points on two interleaving half circles (scikit-learn's `make_moons`). The closed
// form noises the whole set to any step at once.

var moons = TwoMoons.Generate(2000, noise: 0.05, seed: Seeds.Default);
var noiseAt = new[] { 0, 50, 200, 1000 };
Series Cloud(string name, Matrix<double> points) => new(name, points.Column(0).ToArray(), points.Column(1).ToArray());
var noised = noiseAt.Select(t => Matrix<double>.Build.DenseOfRowVectors(moons.EnumerateRows().Select(p => process.Sample(p, t, Vector<double>.Build.Dense(2, _ => MathNet.Numerics.Distributions.Normal.Sample(random.MathNet, 0, 1)))))).ToArray();
Show(Charts.Points("Forward process: the moons at t = 0, 50, 200, 1000", "x₁", "x₂", noiseAt.Select((t, k) => Cloud($"t = {t}", noised[k])).ToArray()));

// ## Training ε_θ and sampling the reverse chain

Seeds.Set(Seeds.Default);
var ddpm = new Ddpm(linear);
var generator = new torch.Generator(Seeds.Default);
var data = torch.tensor(moons.ToRowMajorArray().Select(v => (float)v).ToArray(), new long[] { 2000, 2 });
var live = LiveChart.Show("Noise-prediction loss (live)", yTitle: "mean squared error");
var history = MiniBatchTraining.Run(ddpm.Network.parameters(), 2000, epochs: 800, batchSize: 256, learningRate: 2e-3, seed: Seeds.Default,
    batchLoss: batch => ddpm.Loss(data.index_select(0, batch), generator),
    progress: (epoch, loss) => { if (epoch == 1 || epoch % 40 == 0) live.Add("loss", epoch, loss); });
Console.WriteLine($"trained {800 * 8} steps in {history.Elapsed.TotalSeconds:F1} s; loss {history.EpochLosses[0]:F3} → {history.EpochLosses.TakeLast(20).Average():F3}");
Claims.Check(history.EpochLosses.TakeLast(20).Average() < 0.5 * history.EpochLosses[0], "the noise-prediction loss falls by more than half");

var (samples, snapshots) = ddpm.Sample(1000, generator, new[] { 1000, 500, 100, 0 });
Matrix<double> ToMatrix(double[,] a) => Matrix<double>.Build.DenseOfArray(a);
Show(Charts.Points("Reverse chain: samples at t = 1000 (noise), 500, 100 and 0", "x₁", "x₂",
    new[] { 1000, 500, 100, 0 }.Select(t => Cloud($"t = {t}", ToMatrix(snapshots[t]))).ToArray()));

// How good are the samples? For each generated point, the distance to the nearest real point;
// the same for points drawn uniformly over the data's bounding box as a baseline.

double Nearest(double a, double b) => Enumerable.Range(0, moons.RowCount).Min(i => Math.Sqrt((moons[i, 0] - a) * (moons[i, 0] - a) + (moons[i, 1] - b) * (moons[i, 1] - b)));
double generatedDistance = Enumerable.Range(0, 1000).Average(i => Nearest(samples[i, 0], samples[i, 1]));
double uniformDistance = Enumerable.Range(0, 1000).Average(_ => Nearest(-1.2 + 3.4 * random.System.NextDouble(), -0.7 + 1.9 * random.System.NextDouble()));
Console.WriteLine($"mean distance to the nearest real point: DDPM samples {generatedDistance:F3}, uniform points {uniformDistance:F3}");
Claims.Check(generatedDistance < uniformDistance / 3, "the DDPM's samples lie on the moons: at least three times closer to the data than uniform points");
int onUpperMoon = Enumerable.Range(0, 1000).Count(i => samples[i, 1] > 0.25);
Console.WriteLine($"{onUpperMoon} of 1000 samples lie above y = 0.25 (the upper moon holds half of the data)");
Claims.Check(onUpperMoon > 350 && onUpperMoon < 650, "both moons are drawn: the upper one gets between 35% and 65% of the samples");

// ## The reverse mean, two ways
//
// The batched TorchSharp formula used for sampling and the from-scratch `ForwardDiffusion.ReverseMean`
// must agree; with the *true* noise, the reverse mean is exactly the posterior mean $\tilde\mu_t$.

var point = Vector<double>.Build.DenseOfArray(new[] { 0.7, 0.2 });
var trueNoise = Vector<double>.Build.DenseOfArray(new[] { -0.4, 1.1 });
var xt = process.Sample(point, 300, trueNoise);
var difference = (process.ReverseMean(xt, 300, trueNoise) - process.PosteriorMean(point, xt, 300)).InfinityNorm();
Claims.Check(difference < 1e-10, "with the true noise, μ_θ equals the posterior mean μ̃_t");
var batched = ddpm.ReverseMean(torch.tensor(xt.ToArray(), new long[] { 1, 2 }, torch.float64), 300, torch.tensor(trueNoise.ToArray(), new long[] { 1, 2 }, torch.float64)).data<double>().ToArray();
Claims.Check(Math.Abs(batched[0] - process.ReverseMean(xt, 300, trueNoise)[0]) < 1e-12 && Math.Abs(batched[1] - process.ReverseMean(xt, 300, trueNoise)[1]) < 1e-12, "the batched TorchSharp reverse mean used for sampling equals the from-scratch one");

// ## Summary
//
// * $\bar\alpha_t$ is a running product; one closed-form jump $\sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\varepsilon$ equals $t$ small steps in distribution.
// * Training is regression of the added noise; sampling runs the learned reverse chain from pure noise.
// * A small MLP learns to draw the two moons in seconds.
//
// ## Exercises
//
// 1. What is $\bar\alpha_2$ for the linear schedule, to 8 decimals? Replace `-1`.
// 2. At which step $t$ does $\bar\alpha_t$ of the linear schedule first fall below ½? Replace `-1`.

// Exercise answers: replace each placeholder with your answer
double answer1 = -1;
int answer2 = -1;

Claims.Exercise("Exercise 1", Math.Abs(answer1 - Math.Round(linear.AlphaBar(2), 8)) < 1e-12);
Claims.Exercise("Exercise 2", answer2 == Enumerable.Range(1, 1000).First(t => linear.AlphaBar(t) < 0.5));
