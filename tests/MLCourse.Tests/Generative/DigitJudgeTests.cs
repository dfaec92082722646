using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Generative;
using static TorchSharp.torch;

namespace MLCourse.Tests.Generative;

/// <summary>One judge trained on the committed MNIST digits, shared by the tests (about 2 s).</summary>
public sealed class DigitJudgeFixture : IDisposable
{
    public ImageDataset Digits { get; } = Datasets.MnistDigits();

    public DigitJudge Judge { get; }

    public DigitJudgeFixture() => Judge = DigitJudge.Train(Digits);

    public void Dispose() => Judge.Dispose();
}

public class DigitJudgeTests(DigitJudgeFixture fixture) : IClassFixture<DigitJudgeFixture>
{
    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    [Fact]
    public void The_judge_classifies_held_out_digits_well()
    {
        Assert.InRange(fixture.Judge.HeldOutAccuracy, 0.93, 1.0);
    }

    [Fact]
    public void Real_held_out_digits_are_judged_confident_and_varied_and_noise_is_not()
    {
        using var scope = NewDisposeScope();
        SampleQuality real = fixture.Judge.Judge(fixture.Digits.ImageTensor(Range(8000, 1000)));
        manual_seed(1);
        SampleQuality noise = fixture.Judge.Judge(rand(1000, 1, 28, 28));

        Assert.InRange(real.ConfidentShare, 0.80, 1.0);
        Assert.InRange(real.ClassEntropyBits, 3.2, Math.Log2(10));
        Assert.True(noise.ConfidentShare < 0.05, $"noise {noise} vs real {real}");
        Assert.True(noise.NotDigits > 950, $"noise {noise}");
        Assert.Equal(1000, real.ClassCounts.Sum() + real.NotDigits);
    }

    [Fact]
    public void One_repeated_digit_has_zero_class_entropy()
    {
        using var scope = NewDisposeScope();
        Tensor one = fixture.Digits.ImageTensor([8000]).expand(50, 1, 28, 28);

        Assert.Equal(0, fixture.Judge.Judge(one).ClassEntropyBits, 12);
    }

    [Fact]
    public void Frechet_distance_is_small_between_real_sets_and_large_to_noise()
    {
        using var scope = NewDisposeScope();
        Tensor a = fixture.Digits.ImageTensor(Range(8000, 1000));
        Tensor b = fixture.Digits.ImageTensor(Range(9000, 1000));
        manual_seed(2);
        Tensor noise = rand(1000, 1, 28, 28);

        double realToReal = fixture.Judge.FrechetDistance(a, b);
        double realToNoise = fixture.Judge.FrechetDistance(a, noise);

        Assert.Equal(0, fixture.Judge.FrechetDistance(a, a), 6);
        Assert.True(realToNoise > 10 * realToReal, $"real–real {realToReal}, real–noise {realToNoise}");
    }

    [Fact]
    public void Frechet_distance_of_diagonal_gaussians_matches_the_closed_form()
    {
        // For diagonal covariances (Σ_a Σ_b)^{1/2} = diag(σ_a σ_b), so the distance is ‖Δμ‖² + Σ (σ_a − σ_b)².
        var random = new Random(3);
        double[] muA = [0, 1, -2], muB = [0.5, 1, 0], sdA = [1, 2, 0.5], sdB = [2, 2, 1.5];
        Matrix<double> Sample(double[] mu, double[] sd)
        {
            var m = Matrix<double>.Build.Dense(4000, 3);
            for (int i = 0; i < 4000; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    m[i, j] = mu[j] + sd[j] * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
                }
            }
            return m;
        }
        double expected = Enumerable.Range(0, 3).Sum(j => Math.Pow(muA[j] - muB[j], 2) + Math.Pow(sdA[j] - sdB[j], 2));

        double measured = DigitJudge.FrechetDistance(Sample(muA, sdA), Sample(muB, sdB));

        Assert.Equal(expected, measured, 0.25);   // sampling error with 4,000 rows
    }

    [Fact]
    public void Bad_inputs_are_named()
    {
        var wrongSize = Assert.Throws<ArgumentException>(() => fixture.Judge.Judge(zeros(3, 1, 14, 14)));
        Assert.Equal("DigitJudge: images must have shape (N ≥ 1, 1, 28, 28), but has shape (3, 1, 14, 14). (Parameter 'images')", wrongSize.Message);
        var nan = Assert.Throws<ArgumentException>(() => fixture.Judge.Judge(full(2, 1, 28, 28, float.NaN)));
        Assert.Equal("DigitJudge: images must be finite, but holds NaN or infinity. (Parameter 'images')", nan.Message);
        var one = Assert.Throws<ArgumentException>(() => DigitJudge.FrechetDistance(Matrix<double>.Build.Dense(1, 2), Matrix<double>.Build.Dense(5, 2)));
        Assert.Equal("DigitJudge: a must hold at least 2 samples for the Fréchet distance, but holds 1. (Parameter " +
            "'a')", one.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitJudge.Train(fixture.Digits, heldOut: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Judge.Judge(zeros(2, 1, 28, 28), confidence: 1));
    }
}
