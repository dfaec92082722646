// day-19-kl-divergence-and-vae.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-19-kl-divergence-and-vae.cs
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

// # Day 19 — KL divergence and the variational autoencoder
//
// > **KL divergence** measures how one probability distribution differs from another:
// > $D_{KL}(P\,\Vert\,Q) = \sum_x P(x)\log\frac{P(x)}{Q(x)}$.
// > A VAE's encoder outputs a distribution, $q_\phi(z\mid x) = \mathcal N(\mu, \sigma^2)$; its loss is
// > $L(\theta,\phi) = -\mathbb E_{z\sim q_\phi(z\mid x)}[\log p_\theta(x\mid z)] + D_{KL}[q_\phi(z\mid x)\,\Vert\,p(z)]$.
// > — the course notes, "KL Divergence", "VAE's"
//
// **ELBO.** From Bayes' rule $p(z\mid x) = p(x\mid z)p(z)/p(x)$ the notes derive
// $$\log p_\theta(x) - D_{KL}\big[q_\phi(z\mid x)\,\Vert\,p_\theta(z\mid x)\big] = \mathbb E_{q}[\log p_\theta(x\mid z)] - D_{KL}\big[q_\phi(z\mid x)\,\Vert\,p(z)\big] =: \text{ELBO},$$
// and since KL ≥ 0, the ELBO is a lower bound on the evidence $\log p_\theta(x)$.
//
// **Closed form.** For Gaussians (the notes' eq. (1)),
// $D_{KL}(\mathcal N(\mu_1,\Sigma_1)\Vert\mathcal N(\mu_2,\Sigma_2)) = \tfrac12\big[\log\tfrac{|\Sigma_2|}{|\Sigma_1|} - k + \operatorname{tr}(\Sigma_2^{-1}\Sigma_1) + (\mu_2-\mu_1)^\top\Sigma_2^{-1}(\mu_2-\mu_1)\big]$,
// which against $\mathcal N(0, I)$ with diagonal $\Sigma$ becomes (eq. (2))
// $\tfrac12\sum_k\big[\sigma_k^2 + \mu_k^2 - 1 - \log\sigma_k^2\big]$.
//
// **Reparameterization.** $z = \mu + \sigma\odot\varepsilon$, $\varepsilon\sim\mathcal N(0, I)$: the randomness moves into
// $\varepsilon$, so gradients flow through $\mu$ and $\sigma$.
//
// Library types used here: `Divergence`, `GaussianKl`, `LinearGaussianModel`, `Reparameterization`, `Vae`,
// `MiniBatchTraining`, `Datasets`; notebook helpers `Charts`, `LiveChart`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);

// ## KL divergence between discrete distributions
//
// KL is not symmetric, is zero only for equal distributions, and is never negative.

double[] p = { 0.1, 0.4, 0.5 }, q = { 0.3, 0.3, 0.4 };
Console.WriteLine($"KL(P‖Q) = {Divergence.KullbackLeibler(p, q):F4}, KL(Q‖P) = {Divergence.KullbackLeibler(q, p):F4}, JSD = {Divergence.JensenShannon(p, q):F4}");
Claims.Close(Divergence.KullbackLeibler(p, q), 0.1 * Math.Log(0.1 / 0.3) + 0.4 * Math.Log(0.4 / 0.3) + 0.5 * Math.Log(0.5 / 0.4), 1e-15, "KL(P‖Q) is the notes' sum Σ P log(P/Q)");
Claims.Check(Divergence.KullbackLeibler(p, q) != Divergence.KullbackLeibler(q, p), "KL is not symmetric");
Claims.Check(Divergence.KullbackLeibler(p, p) == 0, "KL(P‖P) = 0");

// ## The closed form, checked by Monte Carlo
//
// The definition $D_{KL} = \mathbb E_P[\log p(x) - \log q(x)]$ can be estimated by averaging over
// samples from $P$. The estimate converges to the closed form; its error shrinks like $1/\sqrt{S}$.

var m1 = Vector<double>.Build.DenseOfArray(new[] { 1.0, -0.5 });
var s1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.8, 0.3 }, { 0.3, 0.6 } });
var m2 = Vector<double>.Build.Dense(2);
var s2 = Matrix<double>.Build.DenseIdentity(2);
double exact = GaussianKl.Full(m1, s1, m2, s2);
int[] sizes = { 10, 30, 100, 300, 1000, 3000, 10000, 30000 };
var estimates = sizes.Select(n => GaussianKl.MonteCarlo(m1, s1, m2, s2, n, random.MathNet)).ToArray();
Console.WriteLine($"closed form {exact:F5}; Monte Carlo with 30,000 samples {estimates[^1]:F5}");
Show(Charts.Lines("Monte Carlo estimate of KL against sample count", "samples (log10)", "KL (nats)",
    new Series("Monte Carlo", sizes.Select(n => Math.Log10(n)).ToArray(), estimates),
    new Series("closed form", sizes.Select(n => Math.Log10(n)).ToArray(), sizes.Select(_ => exact).ToArray())));

// The log-ratio's standard deviation here is about 1, so 30,000 samples give a standard error near 0.006.
Claims.Close(estimates[^1], exact, 0.03, "with 30,000 samples the Monte Carlo estimate is within 5 standard errors of the closed form");
double logVarianceForm = GaussianKl.DiagonalToStandardNormal(m1, Vector<double>.Build.DenseOfArray(new[] { Math.Log(0.8), Math.Log(0.6) }));
Claims.Close(logVarianceForm, GaussianKl.Full(m1, Matrix<double>.Build.DenseOfDiagonalArray(new[] { 0.8, 0.6 }), m2, s2), 1e-12, "eq. (2) with log-variances equals eq. (1) for a diagonal covariance");

// ## The ELBO identity on a model with a known evidence
//
// In the linear-Gaussian model $z\sim\mathcal N(0,1)$, $x\mid z\sim\mathcal N(wz+b, \sigma^2)$, everything
// is available in closed form, so the identity can be checked exactly for any approximate posterior $q$.

var model = new LinearGaussianModel(weight: 2, bias: 1, noiseVariance: 0.5);
const double x = 2.2;
var (postMean, postVariance) = model.Posterior(x);
var qMeans = Enumerable.Range(0, 41).Select(i => postMean - 2 + 0.1 * i).ToArray();
double worstGap = qMeans.Max(qm => Math.Abs(model.LogEvidence(x) - model.KlToPosterior(x, qm, 0.3) - model.Elbo(x, qm, 0.3)));
Console.WriteLine($"largest |log p(x) − KL(q‖p(z|x)) − ELBO| over 41 choices of q: {worstGap:E2}");
Claims.Check(worstGap < 1e-12, "log p(x) − KL(q‖p(z|x)) = ELBO for every q tried");
Claims.Check(qMeans.All(qm => model.Elbo(x, qm, 0.3) <= model.LogEvidence(x)), "ELBO ≤ log p(x) for every q tried");
Claims.Close(model.Elbo(x, postMean, postVariance), model.LogEvidence(x), 1e-12, "the ELBO equals log p(x) when q is the true posterior");
Show(Charts.Lines("The ELBO is a lower bound on log p(x)", "mean of q (variance 0.3)", "nats",
    new Series("ELBO", qMeans, qMeans.Select(qm => model.Elbo(x, qm, 0.3)).ToArray()),
    new Series("log p(x)", qMeans, qMeans.Select(_ => model.LogEvidence(x)).ToArray())));

// ## Reparameterization: gradients flow through μ and σ, not through the sample
//
// With $z = \mu + \sigma\varepsilon$ and $f(z) = z^2$: $\partial f/\partial\mu = 2z$ and
// $\partial f/\partial\log\sigma^2 = 2z\cdot\tfrac12\sigma\varepsilon$. TorchSharp's autograd gets exactly
// these, and the noise $\varepsilon$ — a constant input — receives no gradient.

var mu = torch.tensor(new[] { 0.4 }, torch.float64).requires_grad_(true);
var logVar = torch.tensor(new[] { Math.Log(0.25) }, torch.float64).requires_grad_(true);
var eps = torch.tensor(new[] { 1.2 }, torch.float64);
var z = Reparameterization.Reparameterize(mu, logVar, eps);
z.pow(2).sum().backward();
double zv = 0.4 + 0.5 * 1.2;
Claims.Close(mu.grad!.item<double>(), 2 * zv, 1e-12, "∂f/∂μ = 2z");
Claims.Close(logVar.grad!.item<double>(), 2 * zv * 0.5 * 0.5 * 1.2, 1e-12, "∂f/∂log σ² = 2z·½σε");
Claims.Check(eps.grad is null, "the sampled noise gets no gradient");

// ## A VAE on the digits, with a 2-D latent space

var digits = Datasets.Digits();
var all = Enumerable.Range(0, digits.Count).ToArray();
var images = digits.ImageTensor(all).reshape(digits.Count, 64);
Seeds.Set(Seeds.Default);
var vae = new Vae(latent: 2);
var noise = new torch.Generator(Seeds.Default);
var live = LiveChart.Show("VAE loss: −ELBO per image (live)");
var history = MiniBatchTraining.Run(vae.parameters(), digits.Count, 60, 64, 2e-3, Seeds.Default, batch =>
{
    var xb = images.index_select(0, batch);
    return Vae.Loss(vae.forward(xb, torch.randn(batch.shape[0], 2, generator: noise)), xb).Loss;
}, (e, loss) => live.Add("−ELBO", loss));
Console.WriteLine($"trained in {history.Elapsed.TotalSeconds:F1} s: −ELBO {history.EpochLosses[0]:F1} → {history.EpochLosses[^1]:F1} nats per image");
Claims.Check(history.EpochLosses[^1] < 0.8 * history.EpochLosses[0], "training lowers the negative ELBO by more than 20%");

torch.Tensor latentMeans;
using (torch.no_grad()) latentMeans = vae.Encode(images).Mean;
var codes = latentMeans.data<float>().ToArray();
Show(Charts.Points("The digits' latent means μ(x), coloured by digit", "z₁", "z₂",
    Enumerable.Range(0, 10).Select(d =>
    {
        var rows = all.Where(i => digits.Labels[i] == d).ToArray();
        return new Series($"{d}", rows.Select(i => (double)codes[2 * i]).ToArray(), rows.Select(i => (double)codes[2 * i + 1]).ToArray());
    }).ToArray()));

// Samples from the prior: draw $z\sim\mathcal N(0, I)$ and decode. The KL term kept the codes near the
// prior, so prior samples land on digit-like images.

Matrix<double> AsImage(float[] pixels, int offset) => Matrix<double>.Build.Dense(8, 8, (r, c) => pixels[offset + r * 8 + c]);
float[] generated;
using (torch.no_grad()) generated = torch.sigmoid(vae.DecodeLogits(torch.randn(16, 2, generator: noise))).data<float>().ToArray();
double klPerImage; using (torch.no_grad()) { var o = vae.forward(images, torch.zeros(digits.Count, 2)); klPerImage = Vae.Loss(o, images).Kl.item<float>(); }
Console.WriteLine($"mean KL(q(z|x) ‖ N(0, I)) over the digits: {klPerImage:F2} nats");
Claims.Check(klPerImage > 0.5 && klPerImage < 20, "the codes carry information (KL well above 0) but stay close to the prior");
Show(Charts.ImageGrid("16 digits decoded from z ~ N(0, I)", Enumerable.Range(0, 16).Select(k => AsImage(generated, 64 * k)).ToList(), 8));

// ## Summary
//
// * KL ≥ 0, asymmetric, 0 only for equal distributions; for Gaussians it has a closed form, which a
//   Monte Carlo average approaches at rate $1/\sqrt S$.
// * ELBO = log-evidence − KL to the true posterior: maximising it fits the data and the posterior at once.
// * The reparameterization trick makes the sampling step differentiable in μ and σ.
//
// ## Exercises
//
// 1. What is $D_{KL}(\mathcal N(\mu, 1)\Vert\mathcal N(0,1))$ for $\mu = 2$? Replace `-1` (closed form: $\mu^2/2$).
// 2. Is $D_{KL}(Q\Vert P)$ for the $p, q$ above larger or smaller than $D_{KL}(P\Vert Q)$? Replace `""` with `"larger"` or `"smaller"`.

// Exercise answers: replace each placeholder with your answer
double answer1 = -1;
string answer2 = "";

Claims.Exercise("Exercise 1", Math.Abs(answer1 - GaussianKl.DiagonalToStandardNormal(Vector<double>.Build.Dense(1, 2.0), Vector<double>.Build.Dense(1))) < 1e-9);
Claims.Exercise("Exercise 2", answer2 == (Divergence.KullbackLeibler(q, p) > Divergence.KullbackLeibler(p, q) ? "larger" : "smaller"));
