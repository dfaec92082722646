using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using Xunit.Abstractions;

namespace MLCourse.Tests.Attention;

public class TransformerEncoderBlockCopyTests(ITestOutputHelper output)
{
    /// <summary>A seeded float64 layer, dropout 0, in eval mode, its layer norms moved off γ = 1, β = 0.</summary>
    private static TorchSharp.Modules.TransformerEncoderLayer SeededLayer(int seed)
    {
        torch.manual_seed(seed);
        var layer = torch.nn.TransformerEncoderLayer(8, 2, 16, dropout: 0.0);
        layer.to(torch.float64);
        layer.eval();
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in layer.named_parameters().Where(p => p.name.StartsWith("norm")))
        {
            p.add_(torch.rand_like(p) * 0.4 - 0.2);
        }
        return layer;
    }

    [Fact]
    public void A_block_copied_from_a_TorchSharp_layer_gives_its_output()
    {
        using var scope = torch.NewDisposeScope();
        using var layer = SeededLayer(5);
        var x = AttentionCheck.Random(new Random(6), 6, 8);

        var block = TransformerEncoderBlock.CopyFrom(layer, heads: 2);
        var expected = layer.call(x.ToTensor().unsqueeze(1)).squeeze(1);   // (tokens, batch 1, d)

        double worst = AttentionCheck.Max(expected, block.Forward(x).Output);
        output.WriteLine($"worst |block − nn.TransformerEncoderLayer| on the output: {worst:E2}");
        Assert.True(worst <= 1e-12);
    }

    [Fact]
    public void CopyFrom_then_CopyTo_round_trips_every_parameter_exactly()
    {
        using var scope = torch.NewDisposeScope();
        using var source = SeededLayer(11);
        using var target = SeededLayer(12);

        TransformerEncoderBlock.CopyFrom(source, heads: 2).CopyTo(target);

        var copied = target.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var names = source.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(12, names.Count);
        Assert.Equal(names, copied.Keys);
        foreach (var (name, p) in source.named_parameters())
        {
            double[] expected = p.detach().contiguous().data<double>().ToArray();
            Assert.Equal(expected, copied[name].detach().contiguous().data<double>().ToArray());
        }
    }

    [Fact]
    public void FromWeights_copies_its_inputs()
    {
        var block = new TransformerEncoderBlock(8, 2, 16, new Random(3));
        var copy = TransformerEncoderBlock.FromWeights(block.Attention, block.W1, block.B1, block.W2, block.B2,
            block.Norm1, block.Norm2);
        var x = AttentionCheck.Random(new Random(4), 5, 8);

        double[] before = copy.Forward(x).Output.ToRowMajorArray();

        block.W1[0, 0] += 1;
        block.Attention.Wq[0, 0] += 1;
        block.Norm1.Gamma[0] += 1;

        Assert.NotEqual(before, block.Forward(x).Output.ToRowMajorArray());   // the originals did change
        Assert.Equal(before, copy.Forward(x).Output.ToRowMajorArray());       // the copy did not
    }

    [Fact]
    public void FromWeights_refuses_a_W2_that_does_not_fit_W1()
    {
        var block = new TransformerEncoderBlock(8, 2, 16, new Random(3));
        var w2 = Matrix<double>.Build.Dense(8, 15);

        var error = Assert.Throws<ArgumentException>(() => TransformerEncoderBlock.FromWeights(block.Attention,
            block.W1, block.B1, w2, block.B2, block.Norm1, block.Norm2));

        Assert.Equal("TransformerEncoderBlock: w2 must have shape (8, 16) ((d, feedForward) from w1), "
            + "but has shape (8, 15). (Parameter 'w2')", error.Message);
    }

    [Fact]
    public void FromWeights_refuses_an_attention_of_another_width()
    {
        var block = new TransformerEncoderBlock(8, 2, 16, new Random(3));
        var attention = new SelfAttention(6, 2, new Random(4));

        var error = Assert.Throws<ArgumentException>(() => TransformerEncoderBlock.FromWeights(attention,
            block.W1, block.B1, block.W2, block.B2, block.Norm1, block.Norm2));

        Assert.Equal("TransformerEncoderBlock: attention.Wq must have shape (6, 8) ((h·d_k, d), d from w1), "
            + "but has shape (6, 6). (Parameter 'attention.Wq')", error.Message);
    }

    [Fact]
    public void FromWeights_refuses_a_layer_norm_of_another_width()
    {
        var block = new TransformerEncoderBlock(8, 2, 16, new Random(3));

        var error = Assert.Throws<ArgumentException>(() => TransformerEncoderBlock.FromWeights(block.Attention,
            block.W1, block.B1, block.W2, block.B2, block.Norm1, new LayerNorm(7)));

        Assert.Equal("TransformerEncoderBlock: norm2.Gamma must have shape (8,), but has shape (7,). "
            + "(Parameter 'norm2.Gamma')", error.Message);
    }

    [Fact]
    public void SelfAttention_CopyFrom_names_the_parameter_a_module_without_bias_lacks()
    {
        using var scope = torch.NewDisposeScope();
        using var mha = torch.nn.MultiheadAttention(6, 2, bias: false);

        var error = Assert.Throws<ArgumentException>(() => SelfAttention.CopyFrom(mha, heads: 2));

        Assert.Equal("SelfAttention: attention must have a parameter 'in_proj_bias', but its parameters are "
            + "'in_proj_weight', 'out_proj.weight'. (Parameter 'attention')", error.Message);
    }

    [Fact]
    public void Fewer_than_one_head_is_refused_by_the_square_constructor()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SelfAttention(10, 0, new Random(1)));

        Assert.StartsWith("SelfAttention: heads must be at least 1, but is 0.", error.Message);
    }
}
