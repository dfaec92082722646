namespace MLCourse.Tensors;

/// <summary>Loss functions the from-scratch layers share.</summary>
/// <remarks>Used by the simple recurrent network and the small CNN for their losses.</remarks>
public static class Losses
{
    /// <summary>PyTorch's floor on each log term of <see cref="BinaryCrossEntropy"/>.</summary>
    public const double LogFloor = -100;

    /// <summary>
    /// Binary cross-entropy −[y·log p + (1 − y)·log(1 − p)], with each log clamped to at least −100
    /// as PyTorch's <c>BCELoss</c> does. Without the clamp a confident correct prediction gives NaN:
    /// σ(z) rounds to exactly 1 from z ≈ 37, and 0·log(1 − 1) = 0·(−∞) is NaN; with it the loss is 0,
    /// as in PyTorch, and a confident wrong prediction costs 100 instead of ∞.
    /// </summary>
    /// <param name="probability">p in [0, 1]; NaN propagates (gives NaN) as in PyTorch.</param>
    /// <param name="label">y, usually 0 or 1.</param>
    public static double BinaryCrossEntropy(double probability, double label) =>
        -(label * ClampedLog(probability) + (1 - label) * ClampedLog(1 - probability));

    private static double ClampedLog(double v) => double.IsNaN(v) ? v : Math.Max(Math.Log(v), LogFloor);
}
