using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Attention;

/// <summary>
/// Layer normalisation (the notes' "Add and Normalize" step, after the residual X + Z): each row is
/// shifted to mean 0 and scaled to variance 1 (population variance, plus ε), then scaled by γ and
/// shifted by β per column — as TorchSharp's <c>nn.LayerNorm</c>.
/// </summary>
/// <remarks>
/// On the library's one layer contract: <see cref="Forward"/> returns a <see cref="LayerNormPass"/>,
/// <see cref="Backward"/> the gradients of γ, β and X, <see cref="Step"/> one gradient-descent step;
/// <see cref="CopyTo"/> and <see cref="CopyFrom"/> move γ and β to and from <c>nn.LayerNorm</c>.
/// Introduced in notebook day 15.
/// </remarks>
public sealed class LayerNorm
{
    private const string Component = "LayerNorm";

    /// <summary>Creates the layer with γ = 1 and β = 0, the identity on rows already normalised.</summary>
    /// <param name="d">The width of each row, at least 1.</param>
    /// <param name="epsilon">ε &gt; 0, added to the variance.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="d"/> below 1 or ε not positive.</exception>
    public LayerNorm(int d, double epsilon = 1e-5)
        : this(d < 1 ? throw ErrorMessage.OutOfRange(Component, nameof(d), "at least 1", d)
            : Vector<double>.Build.Dense(d, 1.0), Vector<double>.Build.Dense(d), epsilon)
    {
    }

    private LayerNorm(Vector<double> gamma, Vector<double> beta, double epsilon)
    {
        Require.Positive(Component, nameof(epsilon), epsilon);
        (Gamma, Beta, Epsilon) = (gamma, beta, epsilon);
    }

    /// <summary>Builds the layer from given γ and β (copied).</summary>
    /// <param name="gamma">γ, (d,).</param>
    /// <param name="beta">β, (d,).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <exception cref="ArgumentException">γ empty, or β of another length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ε not positive.</exception>
    public static LayerNorm FromWeights(Vector<double> gamma, Vector<double> beta, double epsilon = 1e-5)
    {
        Require.NotNull(Component, nameof(gamma), gamma);
        Require.NotNull(Component, nameof(beta), beta);
        if (gamma.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(gamma));
        }
        Require.Length(Component, nameof(beta), beta, gamma.Count);
        return new LayerNorm(gamma.Clone(), beta.Clone(), epsilon);
    }

    /// <summary>γ, (d,), initially ones.</summary>
    public Vector<double> Gamma { get; }

    /// <summary>β, (d,), initially zeros.</summary>
    public Vector<double> Beta { get; }

    /// <summary>ε, added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>γ ⊙ (x − mean)/√(var + ε) + β for every row.</summary>
    /// <param name="x">(rows, d).</param>
    /// <returns>The output, x̂ and each row's mean and 1/σ.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d columns.</exception>
    public LayerNormPass Forward(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Gamma.Count);
        Vector<double> mean = x.RowSums() / x.ColumnCount;
        Vector<double> inverse = Vector<double>.Build.Dense(x.RowCount, i =>
            1 / Math.Sqrt(x.Row(i).Select(v => (v - mean[i]) * (v - mean[i])).Average() + Epsilon));   // 1/σ
        Matrix<double> normalized = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount,
            (i, j) => (x[i, j] - mean[i]) * inverse[i]);                                      // x̂
        Matrix<double> output = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount,
            (i, j) => Gamma[j] * normalized[i, j] + Beta[j]);                                 // γ ⊙ x̂ + β
        return new LayerNormPass(output, normalized, mean, inverse);
    }

    /// <summary>
    /// The backward pass, with G = ∂L/∂y: ∂L/∂β = Σ_rows G, ∂L/∂γ = Σ_rows G ⊙ x̂, and per row, with
    /// g = G ⊙ γ (= ∂L/∂x̂) and r = 1/σ: ∂L/∂x = r·(g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)).
    /// </summary>
    /// <remarks>
    /// Derivation, one row of width d: x̂_j = (x_j − μ)·r with μ = Σx/d and
    /// r = (Σ(x − μ)²/d + ε)^(−1/2). ∂μ/∂x_i = 1/d, and ∂r/∂x_i = −r³·(x_i − μ)/d = −r²·x̂_i/d
    /// (the Σ(x − μ) term vanishes). So
    /// ∂x̂_j/∂x_i = r·(δ_ij − 1/d) + (x_j − μ)·∂r/∂x_i = r·(δ_ij − 1/d − x̂_i·x̂_j/d), and
    /// ∂L/∂x_i = Σ_j g_j·∂x̂_j/∂x_i = r·(g_i − Σ_j g_j/d − x̂_i·Σ_j g_j·x̂_j/d).
    /// </remarks>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="outputGradient">∂L/∂y, (rows, d).</param>
    /// <returns>∂L/∂γ, ∂L/∂β and ∂L/∂x.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputGradient"/> is not the shape of the output.
    /// </exception>
    public LayerNormGradients Backward(LayerNormPass pass, Matrix<double> outputGradient)
    {
        Matrix<double> xHat = pass.Normalized;
        Require.Shape(Component, nameof(outputGradient), [outputGradient.RowCount, outputGradient.ColumnCount],
            [xHat.RowCount, xHat.ColumnCount], "the shape Forward returned");
        Matrix<double> g = Matrix<double>.Build.Dense(xHat.RowCount, xHat.ColumnCount,
            (i, j) => outputGradient[i, j] * Gamma[j]);                                      // ∂L/∂x̂
        Vector<double> meanG = g.RowSums() / xHat.ColumnCount;
        Vector<double> meanGxHat = g.PointwiseMultiply(xHat).RowSums() / xHat.ColumnCount;
        Matrix<double> dX = Matrix<double>.Build.Dense(xHat.RowCount, xHat.ColumnCount,
            (i, j) => pass.InverseStd[i] * (g[i, j] - meanG[i] - xHat[i, j] * meanGxHat[i]));
        return new LayerNormGradients(outputGradient.PointwiseMultiply(xHat).ColumnSums(), outputGradient.ColumnSums(),
            dX);
    }

    /// <summary>One gradient-descent step: γ ← γ − η·∂L/∂γ, β ← β − η·∂L/∂β.</summary>
    /// <param name="gradients">What <see cref="Backward"/> returned.</param>
    /// <param name="learningRate">η.</param>
    public void Step(LayerNormGradients gradients, double learningRate)
    {
        Gamma.Subtract(learningRate * gradients.Gamma, Gamma);
        Beta.Subtract(learningRate * gradients.Beta, Beta);
    }

    /// <summary>
    /// Builds the layer from a TorchSharp <c>nn.LayerNorm</c> over one dimension (γ = weight, β = bias, and its ε).
    /// </summary>
    /// <param name="norm">The module, with elementwise affine weights.</param>
    /// <exception cref="ArgumentException">The module has no weight or bias.</exception>
    public static LayerNorm CopyFrom(TorchSharp.Modules.LayerNorm norm)
    {
        Require.NotNull(Component, nameof(norm), norm);
        using var scope = torch.NewDisposeScope();
        torch.Tensor weight = norm.weight ?? throw new ArgumentException(
            $"{Component}: the module has no weight; create it with elementwise_affine: true.", nameof(norm));
        torch.Tensor bias = norm.bias ?? throw new ArgumentException(
            $"{Component}: the module has no bias; create it with bias: true.", nameof(norm));
        Vector<double> AsVector(torch.Tensor t) => t.detach().to_type(torch.float64).ToVector();
        return FromWeights(AsVector(weight), AsVector(bias), norm.eps);
    }

    /// <summary>
    /// Writes γ and β into a TorchSharp <c>nn.LayerNorm</c> of the same width (weight and bias; ε is the module's own).
    /// </summary>
    /// <param name="norm">The module.</param>
    public void CopyTo(TorchSharp.Modules.LayerNorm norm)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        norm.weight!.copy_(Gamma.ToTensor());
        norm.bias!.copy_(Beta.ToTensor());
    }
}

/// <summary>What <see cref="LayerNorm.Forward"/> computed.</summary>
/// <param name="Output">y = γ ⊙ x̂ + β, (rows, d).</param>
/// <param name="Normalized">x̂ = (x − mean)/σ, (rows, d).</param>
/// <param name="Mean">Each row's mean, (rows,).</param>
/// <param name="InverseStd">Each row's 1/σ = 1/√(var + ε), (rows,).</param>
public sealed record LayerNormPass(Matrix<double> Output, Matrix<double> Normalized, Vector<double> Mean,
    Vector<double> InverseStd);

/// <summary>The gradients of <see cref="LayerNorm.Backward"/>.</summary>
/// <param name="Gamma">∂L/∂γ, (d,).</param>
/// <param name="Beta">∂L/∂β, (d,).</param>
/// <param name="X">∂L/∂x, (rows, d).</param>
public sealed record LayerNormGradients(Vector<double> Gamma, Vector<double> Beta, Matrix<double> X);
