using MathNet.Numerics.LinearAlgebra;
using MLCourse.Linear;

namespace MLCourse.Tests.Linear;

public class SgdRegressorTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    [Fact]
    public void PartialFit_takes_one_hand_computed_gradient_step()
    {
        var sgd = new SgdRegressor(learningRate: 0.1);

        sgd.PartialFit(V(1, 2), 3);   // ŷ = 0, error = −3: w = 0.1·2·3·x = (0.6, 1.2), b = 0.6
        sgd.PartialFit(V(0, 1), 1);   // ŷ = 1.2 + 0.6 = 1.8, error = 0.8: w₂ −= 0.16, b −= 0.16

        Assert.Equal(0.6, sgd.Model.Weights[0], 1e-12);
        Assert.Equal(1.04, sgd.Model.Weights[1], 1e-12);
        Assert.Equal(0.44, sgd.Model.Bias, 1e-12);
        Assert.Equal(2, sgd.ExamplesSeen);
    }

    [Fact]
    public void Streaming_a_noiseless_linear_relation_recovers_it()
    {
        var random = new Random(7);
        var sgd = new SgdRegressor(learningRate: 0.05);
        for (int i = 0; i < 5000; i++)
        {
            var x = V(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            sgd.PartialFit(x, 3 * x[0] - 2 * x[1] + 0.5);
        }

        Assert.Equal(3, sgd.Model.Weights[0], 1e-6);
        Assert.Equal(-2, sgd.Model.Weights[1], 1e-6);
        Assert.Equal(0.5, sgd.Model.Bias, 1e-6);
    }

    [Fact]
    public void The_feature_count_is_fixed_by_the_first_example()
    {
        var sgd = new SgdRegressor().PartialFit(V(1, 2), 1);

        var error = Assert.Throws<ArgumentException>(() => sgd.PartialFit(V(1, 2, 3), 1));

        Assert.Equal("SgdRegressor: x must have shape (2,), but has shape (3,). (Parameter 'x')", error.Message);
    }

    [Fact]
    public void A_model_that_has_seen_nothing_cannot_predict()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SgdRegressor().Predict(V(1)));

        Assert.Equal("SgdRegressor: the model has no parameters yet; call PartialFit with at least one example first.", error.Message);
    }

    [Fact]
    public void A_NaN_target_is_refused_and_leaves_the_model_unchanged()
    {
        var sgd = new SgdRegressor().PartialFit(V(1), 1);

        var error = Assert.Throws<ArgumentException>(() => sgd.PartialFit(V(1), double.NaN));

        Assert.Equal("SgdRegressor: y must be finite, but it is NaN. (Parameter 'y')", error.Message);
        Assert.Equal(1, sgd.ExamplesSeen);
    }
}
