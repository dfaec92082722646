using MLCourse.Errors;

namespace MLCourse.Evaluation;

/// <summary>
/// Splits sample indices into a training and a held-out part after a seeded shuffle — the role of
/// scikit-learn's <c>train_test_split</c> (the same seed gives the same split; the shuffle itself
/// differs from NumPy's, so the rows chosen differ from scikit-learn's).
/// </summary>
/// <remarks>Introduced in notebook day 17.</remarks>
public static class TrainTestSplit
{
    /// <summary>
    /// Shuffled indices 0 … count − 1, the first ⌊trainFraction·count⌋ for training, the rest held out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction outside (0, 1) or a count below 2.</exception>
    public static (int[] Train, int[] Test) Indices(int count, double trainFraction, int seed)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw ErrorMessage.OutOfRange("TrainTestSplit", nameof(trainFraction),
                "strictly between 0 and 1", trainFraction);
        }
        if (count < 2)
        {
            throw ErrorMessage.OutOfRange("TrainTestSplit", nameof(count), "at least 2", count);
        }
        int[] order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        int cut = Math.Clamp((int)(trainFraction * count), 1, count - 1);
        return (order[..cut], order[cut..]);
    }
}
