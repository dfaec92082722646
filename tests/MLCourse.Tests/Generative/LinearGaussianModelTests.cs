using MLCourse.Generative;

namespace MLCourse.Tests.Generative;

public class LinearGaussianModelTests
{
    private readonly LinearGaussianModel _model = new(weight: 1.5, bias: 0.5, noiseVariance: 0.4);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.7, 0.1)]
    [InlineData(-2.0, 3.0)]
    public void Log_evidence_minus_KL_to_the_posterior_is_the_ELBO_for_any_q(double qMean, double qVariance)
    {
        const double x = 1.3;

        double lhs = _model.LogEvidence(x) - _model.KlToPosterior(x, qMean, qVariance);

        Assert.Equal(lhs, _model.Elbo(x, qMean, qVariance), 1e-12);
        Assert.True(_model.Elbo(x, qMean, qVariance) <= _model.LogEvidence(x));
    }

    [Fact]
    public void The_ELBO_reaches_the_evidence_when_q_is_the_exact_posterior()
    {
        const double x = -0.4;
        (double m, double v) = _model.Posterior(x);

        Assert.Equal(_model.LogEvidence(x), _model.Elbo(x, m, v), 1e-12);
    }
}
