using MathNet.Numerics.LinearAlgebra;
using MLCourse.Generative;
using TorchSharp;

namespace MLCourse.Tests.Generative;

public class ReparameterizationTests
{
    [Fact]
    public void Gradients_reach_mean_and_log_variance_and_equal_the_analytic_ones_while_the_noise_gets_none()
    {
        using var scope = torch.NewDisposeScope();
        var mean = torch.tensor(new[] { 0.5, -1.0 }, torch.float64).requires_grad_(true);
        var logVariance = torch.tensor(new[] { 0.2, -0.6 }, torch.float64).requires_grad_(true);
        var noise = torch.tensor(new[] { 1.3, -0.4 }, torch.float64);

        var z = Reparameterization.Reparameterize(mean, logVariance, noise);
        z.pow(2).sum().backward();   // f(z) = Σ z²

        double[] zs = z.detach().data<double>().ToArray(), eps = noise.data<double>().ToArray(), lv = [0.2, -0.6];
        for (int k = 0; k < 2; k++)
        {
            double sigma = Math.Exp(lv[k] / 2);
            Assert.Equal(2 * zs[k], mean.grad!.data<double>()[k], 1e-12);                     // ∂f/∂μ = 2z
            Assert.Equal(2 * zs[k] * 0.5 * sigma * eps[k], logVariance.grad!.data<double>()[k], 1e-12);   // ∂f/∂log σ² = 2z·½σε
        }
        Assert.Null(noise.grad);
    }

    [Fact]
    public void Averaged_over_noise_the_gradient_is_that_of_the_expectation()
    {
        using var scope = torch.NewDisposeScope();
        const int samples = 100_000;
        var mean = torch.full(samples, 0.7, dtype: torch.float64).requires_grad_(true);
        var logVariance = torch.full(samples, Math.Log(0.5), dtype: torch.float64).requires_grad_(true);
        var noise = torch.randn(samples, dtype: torch.float64, generator: new torch.Generator(5));

        Reparameterization.Reparameterize(mean, logVariance, noise).pow(2).mean().backward();

        // E[z²] = μ² + σ², so ∂/∂μ = 2μ = 1.4; each sample's gradient 2z/N has sd 2σ/N, the sum sd 2σ/√N ≈ 0.0045.
        Assert.Equal(1.4, mean.grad!.sum().item<double>(), 5 * 2 * Math.Sqrt(0.5) / Math.Sqrt(samples));
    }

    [Fact]
    public void The_VAE_KL_term_equals_the_from_scratch_closed_form()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var vae = new Vae(inputs: 4, hidden: 8, latent: 3);
        var x = torch.rand(1, 4);

        var output = vae.forward(x, torch.zeros(1, 3));
        var (_, _, kl) = Vae.Loss(output, x);

        var mu = Vector<double>.Build.DenseOfEnumerable(output.Mean.data<float>().ToArray().Select(v => (double)v));
        var lv = Vector<double>.Build.DenseOfEnumerable(output.LogVariance.data<float>().ToArray().Select(v => (double)v));
        Assert.Equal(GaussianKl.DiagonalToStandardNormal(mu, lv), kl.item<float>(), 1e-5);   // float32 network
    }
}
