using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Attention;

/// <summary>
/// Layer normalisation (the notes' "Add and Normalize" step, after the residual X + Z): each row is
/// shifted to mean 0 and scaled to variance 1 (population variance, plus ε), then scaled by γ and
/// shifted by β per column — as TorchSharp's <c>nn.LayerNorm</c>.
/// </summary>
/// <remarks>Introduced in notebook day 15.</remarks>
public sealed class LayerNorm(int d, double epsilon = 1e-5)
{
    /// <summary>γ, (d,), initially ones.</summary>
    public Vector<double> Gamma { get; } = Vector<double>.Build.Dense(d, 1.0);

    /// <summary>β, (d,), initially zeros.</summary>
    public Vector<double> Beta { get; } = Vector<double>.Build.Dense(d);

    /// <summary>ε, added to the variance.</summary>
    public double Epsilon { get; } = epsilon;

    /// <summary>γ ⊙ (x − mean)/√(var + ε) + β for every row.</summary>
    public Matrix<double> Forward(Matrix<double> x) =>
        Matrix<double>.Build.DenseOfRowVectors(x.EnumerateRows().Select(row =>
        {
            double mean = row.Average();
            double variance = row.Select(v => (v - mean) * (v - mean)).Average();
            Vector<double> normal = (row - mean) / Math.Sqrt(variance + Epsilon);
            return normal.PointwiseMultiply(Gamma) + Beta;
        }));
}
