using MathNet.Numerics.LinearAlgebra;
using MLCourse.Linear;

namespace MLCourse.Tests.Linear;

public class BatchLinearRegressionTests
{
    private static readonly Matrix<double> X = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 }, { 2, 1 }, { 3, 3 }, { -1, 2 } });
    private static readonly Vector<double> Y = Vector<double>.Build.DenseOfArray([1.0, 2.5, 4.0, 7.5, 0.2]);

    [Fact]
    public void Fit_converges_to_the_least_squares_solution_of_the_normal_equations()
    {
        var fit = new BatchLinearRegression(learningRate: 0.05, epochs: 5000).Fit(X, Y);

        var design = X.Append(Matrix<double>.Build.Dense(X.RowCount, 1, 1.0));
        var exact = design.QR().Solve(Y);   // (w₁, w₂, b), an independent closed form
        Assert.Equal(exact[0], fit.Model.Weights[0], 1e-9);
        Assert.Equal(exact[1], fit.Model.Weights[1], 1e-9);
        Assert.Equal(exact[2], fit.Model.Bias, 1e-9);
    }

    [Fact]
    public void The_first_step_is_the_hand_computed_gradient_step()
    {
        var fit = new BatchLinearRegression(learningRate: 0.1, epochs: 1).Fit(X, Y);

        // From w = 0, b = 0 the residual is −y: w = η(2/m)Xᵀy, b = η(2/m)Σy.
        var expectedW = 0.1 * (2.0 / 5) * X.TransposeThisAndMultiply(Y);
        Assert.Equal(expectedW[0], fit.Model.Weights[0], 1e-12);
        Assert.Equal(expectedW[1], fit.Model.Weights[1], 1e-12);
        Assert.Equal(0.1 * (2.0 / 5) * Y.Sum(), fit.Model.Bias, 1e-12);
        Assert.Equal(Y.DotProduct(Y) / 5, fit.LossHistory[0], 1e-12);
    }

    [Fact]
    public void A_NaN_feature_is_an_error_naming_the_entry()
    {
        var x = X.Clone();
        x[2, 1] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() => new BatchLinearRegression().Fit(x, Y));

        Assert.Equal("BatchLinearRegression: x must be finite, but the entry at row 2, column 1 is NaN. (Parameter 'x')", error.Message);
    }

    [Fact]
    public void Targets_of_the_wrong_length_are_an_error_with_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchLinearRegression().Fit(X, Y.SubVector(0, 4)));

        Assert.Equal("BatchLinearRegression: y must have shape (5,), but has shape (4,). (Parameter 'y')", error.Message);
    }

    [Fact]
    public void Empty_input_and_bad_settings_are_refused()
    {
        var empty = Assert.Throws<ArgumentException>(() => new BatchLinearRegression().Fit(Matrix<double>.Build.Dense(0, 2), Vector<double>.Build.Dense(0)));
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLinearRegression(learningRate: 0));
        var epochs = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLinearRegression(epochs: 0));

        Assert.Equal("BatchLinearRegression: x must not be empty. (Parameter 'x')", empty.Message);
        Assert.StartsWith("BatchLinearRegression: learningRate must be a positive finite number, but is 0.", rate.Message);
        Assert.StartsWith("BatchLinearRegression: epochs must be at least 1, but is 0.", epochs.Message);
    }
}
