using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using MLCourse.Errors;

namespace MLCourse.Decomposition;

/// <summary>The state learned by <see cref="Pca.Fit"/>: the mean, the components and their variances.</summary>
/// <remarks>Introduced in notebook day 07.</remarks>
public sealed class FittedPca
{
    private const string Component = "Pca";

    internal FittedPca(Vector<double> mean, Matrix<double> components,
        Vector<double> explainedVariance, Vector<double> explainedVarianceRatio)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = explainedVarianceRatio;
    }

    /// <summary>The column means μ, shape (features,).</summary>
    public Vector<double> Mean { get; }

    /// <summary>The principal axes W, one per row, orthonormal, shape (k, features).</summary>
    public Matrix<double> Components { get; }

    /// <summary>The variance along each component, s_i²/(m − 1), largest first; shape (k,).</summary>
    public Vector<double> ExplainedVariance { get; }

    /// <summary>
    /// Each component's share of the total variance; shape (k,), summing to 1 when k keeps every component.
    /// </summary>
    public Vector<double> ExplainedVarianceRatio { get; }

    /// <summary>Projects onto the components: H = (X − μ)·Wᵀ.</summary>
    /// <param name="x">Shape (samples, features) with the fitted number of features.</param>
    /// <returns>Shape (samples, k).</returns>
    /// <exception cref="ArgumentException">A different number of features than at fit time, no rows, or a NaN or
    /// infinite value (scikit-learn refuses them too: "Input contains NaN").</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.Columns(Component, nameof(x), x, Mean.Count);
        Require.NonEmptyFinite(Component, nameof(x), x);
        return (x - Mean.RepeatRows(x.RowCount)) * Components.Transpose();
    }

    /// <summary>Maps projections back: X̂ = H·W + μ, the best rank-k approximation of the data.</summary>
    /// <param name="h">Shape (samples, k).</param>
    /// <returns>Shape (samples, features).</returns>
    /// <exception cref="ArgumentException"><paramref name="h"/> does not have k columns, has no rows, or holds a NaN
    /// or infinite value.</exception>
    public Matrix<double> InverseTransform(Matrix<double> h)
    {
        Require.NotNull(Component, nameof(h), h);
        Require.Columns(Component, nameof(h), h, Components.RowCount);
        Require.NonEmptyFinite(Component, nameof(h), h);
        return h * Components + Mean.RepeatRows(h.RowCount);
    }
}
