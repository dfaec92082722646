using MLCourse.Text;

namespace MLCourse.Tests.Text;

public class SkipGramTests
{
    private const int Dims = 4;

    private static double[] RandomTable(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * Dims).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    [Fact]
    public void Step_moves_every_vector_by_minus_the_finite_difference_gradient()
    {
        double[] input = RandomTable(6, 1), output = RandomTable(6, 2);
        int[] negatives = [3, 5, 0];
        double Loss() => SkipGram.PairLoss(input, output, Dims, center: 2, context: 4, negatives);

        double[] inputAfter = (double[])input.Clone(), outputAfter = (double[])output.Clone();
        double lossBefore = SkipGram.Step(inputAfter, outputAfter, Dims, 2, 4, negatives, learningRate: 1.0);
        // With η = 1 the step is θ − ∂L/∂θ, so ∂L/∂θ = θ − θ_after.
        double[] inputGradient = input.Zip(inputAfter, (a, b) => a - b).ToArray();
        double[] outputGradient = output.Zip(outputAfter, (a, b) => a - b).ToArray();

        Assert.Equal(Loss(), lossBefore, 1e-12);
        FiniteDifference.AssertMatches(input, inputGradient, Loss, tolerance: 1e-8);
        FiniteDifference.AssertMatches(output, outputGradient, Loss, tolerance: 1e-8);
    }

    [Fact]
    public void The_pair_loss_is_minus_log_sigmoid_of_the_positive_and_negated_negative_scores()
    {
        double[] input = [1, 0, 0, 0, 0, 1, 0, 0];
        double[] output = [2, 0, 0, 0, -1, 0, 0, 0];
        double loss = SkipGram.PairLoss(input, output, Dims, center: 0, context: 0, [1]);

        double expected = Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1));
        Assert.Equal(expected, loss, 1e-12);
    }

    private static int[] Corpus()
    {
        // Two "topics" that never mix: words 0–4 follow each other, words 5–9 follow each other.
        var random = new Random(7);
        var corpus = new List<int>();
        for (int i = 0; i < 4000; i++)
        {
            int topic = (i / 20) % 2 == 0 ? 0 : 5;
            corpus.Add(topic + random.Next(5));
        }
        return corpus.ToArray();
    }

    [Fact]
    public void Fitting_is_deterministic_for_a_seed_and_differs_for_another()
    {
        var a = new SkipGram(dimensions: 8, epochs: 2, seed: 3).Fit(Corpus(), 10);
        var b = new SkipGram(dimensions: 8, epochs: 2, seed: 3).Fit(Corpus(), 10);
        var c = new SkipGram(dimensions: 8, epochs: 2, seed: 4).Fit(Corpus(), 10);

        Assert.Equal(a.Input.ToRowMajorArray(), b.Input.ToRowMajorArray());
        Assert.Equal(a.EpochLosses, b.EpochLosses);
        Assert.NotEqual(a.Input.ToRowMajorArray(), c.Input.ToRowMajorArray());
    }

    [Fact]
    public void Words_that_share_contexts_end_up_nearer_than_words_that_do_not()
    {
        var fitted = new SkipGram(dimensions: 8, window: 2, negatives: 3, subsampleThreshold: 0, learningRate: 0.05, epochs: 5)
            .Fit(Corpus(), 10);

        var nearest = fitted.Embedding.Nearest(0, 4).Select(p => p.Token);
        Assert.All(nearest, t => Assert.InRange(t, 1, 4));
        Assert.True(fitted.EpochLosses[^1] < fitted.EpochLosses[0]);
    }

    [Fact]
    public void A_token_outside_the_vocabulary_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SkipGram().Fit([0, 1, 12], 10));

        Assert.StartsWith("SkipGram: corpus[2] must be between 0 and 9, but is 12.", error.Message);
    }

    [Fact]
    public void A_bad_setting_is_refused_by_the_constructor()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SkipGram(window: 0));

        Assert.StartsWith("SkipGram: window must be at least 1, but is 0.", error.Message);
    }
}
