using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MLCourse.Errors;

namespace MLCourse.Decomposition;

/// <summary>
/// Principal component analysis from scratch, following the notes' derivation: centre the data,
/// take the singular value decomposition X_c = U·S·Vᵀ, keep the first k right singular vectors
/// (rows of Vᵀ) as components W, project H = X_c·Wᵀ, and reconstruct X ≈ H·W + μ, which minimises
/// the Frobenius error ‖X_c − H·W‖_F over all rank-k projections.
/// </summary>
/// <remarks>
/// Matches scikit-learn's <c>PCA</c> (full solver): explained variance S²/(m − 1), the sample
/// covariance's eigenvalues (the notes write XᵀX/m; scikit-learn divides by m − 1, and so do we),
/// and the sign convention of scikit-learn 1.5+ (<c>svd_flip(u_based_decision=False)</c>): each
/// component's entry of largest absolute value is positive. The constructor stores the setting;
/// <see cref="Fit"/> returns a <see cref="FittedPca"/>. Introduced in notebook day 07.
/// </remarks>
public sealed class Pca
{
    private const string Component = "Pca";

    /// <summary>Stores the number of components to keep.</summary>
    /// <param name="components">k, at least 1; at most min(samples, features) at fit time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="components"/> is less than 1.</exception>
    public Pca(int components)
    {
        if (components < 1)
        {
            throw ErrorMessage.OutOfRange(Component, nameof(components), "at least 1", components);
        }
        Components = components;
    }

    /// <summary>The number of components k to keep.</summary>
    public int Components { get; }

    /// <summary>Learns the mean, the components and their variances.</summary>
    /// <param name="x">Shape (samples, features); finite, at least 2 samples.</param>
    /// <exception cref="ArgumentException">Fewer than 2 samples, a NaN or infinite value, k > min(samples,
    /// features), or constant data (every column constant: no direction has variance, so the components are
    /// arbitrary and the explained-variance ratio 0/0; scikit-learn returns NaN ratios there, we refuse).</exception>
    public FittedPca Fit(Matrix<double> x)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.NonEmptyFinite(Component, nameof(x), x);
        int m = x.RowCount;
        int n = x.ColumnCount;
        if (m < 2)
        {
            throw ErrorMessage.Shape(Component, nameof(x),
                "(at least 2 samples, features)", ErrorMessage.FormatShape(m, n));
        }
        if (Components > Math.Min(m, n))
        {
            throw ErrorMessage.OutOfRange(Component, "components",
                $"at most min(samples, features) = {Math.Min(m, n)}", Components);
        }
        Vector<double> mean = x.ColumnSums() / m;
        Matrix<double> centred = x - mean.RepeatRows(m);   // (m, n)
        double largest = centred.Enumerate().Max(Math.Abs);
        if (!(largest <= MaxDeviation))
        {
            throw ErrorMessage.Must(Component, nameof(x),
                $"deviate from its column means by at most {MaxDeviation:G} "
                + "(the variances sum squares, which must stay finite; rescale the data)",
                $"a deviation is {largest:G3}");
        }
        (Vector<double> singular, Matrix<double> vt) = RightSingularVectors(centred);
        FlipSigns(vt);
        Vector<double> variance = singular.PointwisePower(2) / (m - 1);                       // λ_i = s_i²/(m − 1)
        if (!(variance.Sum() > 0) || !double.IsFinite(variance.Sum()))
        {
            throw ErrorMessage.Must(Component, nameof(x),
                "have a finite total variance above 0 (some column must vary, and squares must not overflow)",
                $"the total variance is {variance.Sum()}");
        }
        return new FittedPca(
            mean,
            vt.SubMatrix(0, Components, 0, n),
            variance.SubVector(0, Components),
            variance.SubVector(0, Components) / variance.Sum());
    }

    /// <summary>
    /// The largest deviation from a column mean <see cref="Fit"/> takes, 1e150: beyond about 1.3e154 a square is ∞
    /// (scikit-learn's SVD of such data returns ∞ or NaN; MathNet's fails to converge).
    /// </summary>
    public const double MaxDeviation = 1e150;

    // The SVD of a tall X_c through its QR factorisation: X_c = Q·R and R = U_r·S·Vᵀ give
    // X_c = (Q·U_r)·S·Vᵀ, so S and V come from the small (n × n) R without forming the m × m U.
    private static (Vector<double> Singular, Matrix<double> Vt) RightSingularVectors(Matrix<double> centred)
    {
        Matrix<double> square = centred.RowCount > centred.ColumnCount ? centred.QR(QRMethod.Thin).R : centred;
        Svd<double> svd = square.Svd(computeVectors: true);
        int rank = Math.Min(centred.RowCount, centred.ColumnCount);
        return (svd.S.SubVector(0, rank), svd.VT.SubMatrix(0, rank, 0, centred.ColumnCount));
    }

    // scikit-learn's svd_flip(u_based_decision=False): make each row's largest |entry| positive.
    private static void FlipSigns(Matrix<double> vt)
    {
        for (int i = 0; i < vt.RowCount; i++)
        {
            Vector<double> row = vt.Row(i);
            if (row[row.AbsoluteMaximumIndex()] < 0)
            {
                vt.SetRow(i, -row);
            }
        }
    }
}
