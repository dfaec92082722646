using MLCourse.Functional;
using TorchSharp;

namespace MLCourse.Tests.Functional;

public class TwoInputModelTests
{
    [Fact]
    public void The_summary_lists_every_layer_and_its_total_equals_the_models_parameters()
    {
        using var scope = torch.NewDisposeScope();
        var model = new TwoInputModel(numericFeatures: 4, categories: 5, embeddingSize: 3, branchUnits: 16, hiddenUnits: 8);

        var summary = model.Summary();

        Assert.Equal(model.parameters().Sum(p => p.numel()), summary.Sum(r => r.Parameters));
        Assert.Equal("(None, 19)", summary.Single(r => r.Layer.StartsWith("concatenate")).OutputShape);   // 16 + 3
        Assert.Equal((4 + 1) * 16, summary.Single(r => r.Layer.StartsWith("numeric_dense")).Parameters);
        Assert.EndsWith($"Total params: {summary.Sum(r => r.Parameters):N0}", LayerSummary.Format(summary));
    }

    [Fact]
    public void Two_inputs_give_one_output_per_sample()
    {
        using var scope = torch.NewDisposeScope();
        var model = new TwoInputModel(4, 5);

        var output = model.forward(torch.zeros(7, 4), torch.tensor(new long[] { 0, 1, 2, 3, 4, 0, 1 }));

        Assert.Equal(new long[] { 7, 1 }, output.shape);
    }
}
