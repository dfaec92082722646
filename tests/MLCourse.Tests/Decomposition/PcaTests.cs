using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Decomposition;

namespace MLCourse.Tests.Decomposition;

public class PcaTests
{
    private static readonly Matrix<double> Iris = Datasets.Iris().Features;

    [Fact]
    public void Iris_variances_match_scikit_learns_published_values()
    {
        var pca = new Pca(4).Fit(Iris);

        // sklearn.decomposition.PCA().fit(load_iris().data): explained_variance_ and _ratio_.
        double[] variance = [4.22824171, 0.24267075, 0.0782095, 0.02383509];
        double[] ratio = [0.92461872, 0.05306648, 0.01710261, 0.00521218];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(variance[i], pca.ExplainedVariance[i], 1e-7);
            Assert.Equal(ratio[i], pca.ExplainedVarianceRatio[i], 1e-7);
        }
        double[] first = [0.36138659, -0.08452251, 0.85667061, 0.3582892];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(first[j], pca.Components[0, j], 1e-7);
        }
    }

    [Fact]
    public void Components_and_variances_are_the_eigenpairs_of_the_sample_covariance()
    {
        var pca = new Pca(4).Fit(Iris);
        var centred = Iris - Matrix<double>.Build.Dense(Iris.RowCount, 4, (_, j) => pca.Mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (Iris.RowCount - 1);

        var evd = covariance.Evd(Symmetricity.Symmetric);   // eigenvalues in ascending order
        for (int i = 0; i < 4; i++)
        {
            int e = 3 - i;
            Assert.Equal(evd.EigenValues[e].Real, pca.ExplainedVariance[i], 1e-10);
            Assert.Equal(1.0, Math.Abs(evd.EigenVectors.Column(e).DotProduct(pca.Components.Row(i))), 1e-10); // same axis, sign aside
        }
    }

    [Fact]
    public void Each_components_largest_entry_is_positive_as_in_scikit_learn()
    {
        var pca = new Pca(4).Fit(Iris);

        foreach (var row in pca.Components.EnumerateRows())
        {
            Assert.True(row[row.AbsoluteMaximumIndex()] > 0);
        }
    }

    [Fact]
    public void Keeping_every_component_reconstructs_the_input()
    {
        var pca = new Pca(4).Fit(Iris);

        var back = pca.InverseTransform(pca.Transform(Iris));

        Assert.True((back - Iris).FrobeniusNorm() < 1e-10);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 1e-12);
    }

    [Fact]
    public void The_reconstruction_error_is_the_variance_of_the_dropped_components()
    {
        var all = new Pca(4).Fit(Iris);
        for (int k = 1; k <= 4; k++)
        {
            var pca = new Pca(k).Fit(Iris);

            double squaredError = Math.Pow((pca.InverseTransform(pca.Transform(Iris)) - Iris).FrobeniusNorm(), 2);

            // ‖X_c − H·W‖_F² = Σ_{i>k} s_i² = (m − 1) Σ_{i>k} λ_i
            double dropped = all.ExplainedVariance.Skip(k).Sum() * (Iris.RowCount - 1);
            Assert.Equal(dropped, squaredError, 1e-8);
        }
    }

    [Fact]
    public void A_wide_matrix_is_decomposed_too()
    {
        var wide = Matrix<double>.Build.Dense(3, 5, (i, j) => Math.Sin(i + 2 * j) + i * j);

        var pca = new Pca(3).Fit(wide);

        Assert.True((pca.InverseTransform(pca.Transform(wide)) - wide).FrobeniusNorm() < 1e-10);
    }

    [Fact]
    public void Bad_input_is_refused_with_clear_messages()
    {
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(5).Fit(Iris));
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(0));
        var oneSample = Assert.Throws<ArgumentException>(() => new Pca(1).Fit(Iris.SubMatrix(0, 1, 0, 4)));
        var columns = Assert.Throws<ArgumentException>(() => new Pca(2).Fit(Iris).Transform(Matrix<double>.Build.Dense(2, 3)));

        Assert.StartsWith("Pca: components must be at most min(samples, features) = 4, but is 5.", tooMany.Message);
        Assert.StartsWith("Pca: components must be at least 1, but is 0.", zero.Message);
        Assert.Equal("Pca: x must have shape (at least 2 samples, features), but has shape (1, 4). (Parameter 'x')", oneSample.Message);
        Assert.Equal("Pca: x must have shape (rows, 4), but has shape (2, 3). (Parameter 'x')", columns.Message);
    }
}
