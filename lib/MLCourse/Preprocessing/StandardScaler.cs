using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// Standardises each column to z = (x − mean) / std, with the population standard deviation,
/// as scikit-learn's <c>StandardScaler</c> does. A constant column gets scale 1 (scikit-learn's
/// policy), so it becomes all zeros instead of NaN, and a new value v becomes v − mean.
/// </summary>
/// <remarks>
/// "Constant" allows for rounding, as scikit-learn's <c>_is_constant_feature</c> does: a constant
/// that is not exactly representable (0.1) has a mean a rounding error away from it and so a
/// variance of about 1e-34 instead of 0. A column counts as constant when its variance is within
/// the error bound of the two-pass variance (Chan, Golub and LeVeque):
/// var ≤ n·ε·var + (n·mean·ε)², with ε the double precision machine epsilon 2.2e-16.
/// So [0.1, 0.1, 0.1] gets scale 1 (not 1.4e-17) and a new 0.2 becomes 0.1, as in scikit-learn.
/// Values up to ±1.8e308 are standardised exactly: when a column's values pass 1e150 (where sums and squares
/// would overflow), its mean and deviation are computed in units of a power of two; scikit-learn's mean and
/// variance overflow there, giving ∞ or NaN. Introduced in notebook day 01. The scaler has no settings;
/// <see cref="Fit(Matrix{double})"/> returns the fitted state.
/// </remarks>
public sealed class StandardScaler : ITableTransformer
{
    private const string Component = "StandardScaler";

    /// <summary>Learns each column's mean and standard deviation.</summary>
    /// <param name="x">Shape (examples, features); finite, not empty.</param>
    /// <exception cref="ArgumentException">Empty input, or a NaN or infinite value.</exception>
    public FittedStandardScaler Fit(Matrix<double> x)
        => Fit(x, Enumerable.Range(0, Require.NotNull(Component, nameof(x), x).ColumnCount).Select(j => $"x{j}")
            .ToArray());

    /// <summary>
    /// Learns each numeric column's mean and standard deviation; missing values must be imputed first.
    /// </summary>
    /// <exception cref="ArgumentException">A non-numeric column or a missing value.</exception>
    public FittedStandardScaler Fit(Table x) => Fit(x.ToMatrix([.. x.ColumnNames]), x.ColumnNames);

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);

    private static FittedStandardScaler Fit(Matrix<double> x, IReadOnlyList<string> names)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.NonEmptyFinite(Component, nameof(x), x);
        var mean = Vector<double>.Build.Dense(x.ColumnCount);
        var scale = Vector<double>.Build.Dense(x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            // Values beyond 1e150 would overflow the sum or the squares: compute in units of a power of two
            // 2^k near the largest |value| (dividing by it is exact), then scale back.
            double largest = x.Column(j).AbsoluteMaximum();
            double unit = largest > 1e150 ? Math.ScaleB(1, Math.ILogB(largest)) : 1;
            double[] u = x.Column(j).Select(v => v / unit).ToArray();
            double m = u.Average();
            double variance = u.Select(v => (v - m) * (v - m)).Average();
            mean[j] = m * unit;
            scale[j] = IsConstant(variance, m, x.RowCount) ? 1.0 : Math.Sqrt(variance) * unit;   // ≤ max |x|: finite
        }
        return new FittedStandardScaler(mean, scale, names);
    }

    // scikit-learn's _is_constant_feature: the variance is within the rounding error of computing it.
    // (NumPy's finfo(float64).eps; .NET's double.Epsilon is the smallest subnormal, 4.9e-324.)
    private static bool IsConstant(double variance, double mean, int n)
    {
        const double MachineEpsilon = 2.220446049250313e-16;
        double meanError = n * mean * MachineEpsilon;
        return variance <= n * MachineEpsilon * variance + meanError * meanError;
    }
}

/// <summary>The state learned by <see cref="StandardScaler.Fit(Matrix{double})"/>.</summary>
public sealed class FittedStandardScaler : IFittedTableTransformer
{
    private const string Component = "StandardScaler";

    internal FittedStandardScaler(Vector<double> mean, Vector<double> scale, IReadOnlyList<string> featureNames)
    {
        Mean = mean;
        Scale = scale;
        FeatureNames = featureNames;
    }

    /// <summary>The fitted columns' names (<c>x0, x1, …</c> when fitted on a matrix).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Each column's mean, shape (features,).</summary>
    public Vector<double> Mean { get; }

    /// <summary>Each column's population standard deviation (1 for a constant column), shape (features,).</summary>
    public Vector<double> Scale { get; }

    /// <summary>(x − mean) / scale for every row.</summary>
    /// <param name="x">Shape (examples, features) with the fitted number of features; finite.</param>
    /// <exception cref="ArgumentException">A different number of columns than at fit time, or a NaN.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Require.NotNull(Component, nameof(x), x);
        Require.Columns(Component, nameof(x), x, Mean.Count);
        Require.NonEmptyFinite(Component, nameof(x), x);
        return Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => Standardise(x[i, j], j));
    }

    // (x − mean)/scale; when x − mean overflows (values near ±1.8e308), the same in halves, which is exact.
    private double Standardise(double x, int j)
    {
        double z = (x - Mean[j]) / Scale[j];
        return double.IsFinite(x - Mean[j]) ? z : (x / 2 - Mean[j] / 2) / (Scale[j] / 2);
    }

    /// <summary>
    /// The fitted columns of <paramref name="x"/>, standardised, as Number columns of the same names.
    /// </summary>
    public Table Transform(Table x) => Table.FromMatrix(FeatureNames, Transform(x.ToMatrix([.. FeatureNames])));
}
