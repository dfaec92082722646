using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// Binarization (the notes' "Binning and Binarization"): each value becomes 1 when it is strictly
/// greater than the threshold, else 0 — scikit-learn's <c>Binarizer</c>. It learns nothing, so it
/// needs no fit.
/// </summary>
/// <remarks>Introduced in notebook day 06.</remarks>
public sealed class Binarizer
{
    private const string Component = "Binarizer";

    /// <summary>Stores the threshold.</summary>
    /// <param name="threshold">Values above it map to 1; finite.</param>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is NaN or infinite.</exception>
    public Binarizer(double threshold = 0.0)
    {
        Require.Finite(Component, nameof(threshold), threshold);
        Threshold = threshold;
    }

    /// <summary>The threshold.</summary>
    public double Threshold { get; }

    /// <summary>1 where x &gt; threshold, else 0.</summary>
    /// <param name="x">Shape (samples, features); finite.</param>
    /// <exception cref="ArgumentException">A NaN or infinite value.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Require.NonEmptyFinite(Component, nameof(x), x);
        return x.Map(v => v > Threshold ? 1.0 : 0.0);
    }
}
