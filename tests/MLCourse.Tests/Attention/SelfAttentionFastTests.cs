using MathNet.Numerics.LinearAlgebra;
using MLCourse.Attention;
using MLCourse.Tensors;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace MLCourse.Tests.Attention;

public class SelfAttentionFastTests
{
    // Square and non-square projections, one and several heads, token counts and widths that are and are not
    // multiples of the SIMD width (the softmax's and the bias's scalar tails), a single token, and the
    // benchmark's 128 tokens with d = 64.
    [Theory]
    [InlineData(6, 2, 3, 5, 4, 7)]
    [InlineData(8, 2, 4, 4, 8, 5)]
    [InlineData(5, 3, 3, 2, 7, 9)]
    [InlineData(4, 1, 4, 4, 4, 1)]
    [InlineData(16, 4, 4, 4, 16, 13)]
    [InlineData(64, 1, 64, 64, 64, 128)]
    public void The_fast_forward_equals_the_readable_one_and_TorchSharp(int inputs, int heads, int keySize,
        int valueSize, int outputs, int tokens)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(inputs * 100 + heads * 10 + tokens);
        var layer = new SelfAttention(inputs, heads, keySize, valueSize, outputs, random);
        Matrix<double> x = AttentionCheck.Random(random, tokens, inputs);
        Matrix<double> before = x.Clone();

        Matrix<double> fast = layer.ForwardFast(x);
        Matrix<double> readable = layer.Forward(x).Output;
        var split = (torch.Tensor t, int width) => t.view(tokens, heads, width).transpose(0, 1);
        var tx = x.ToTensor();
        var z = F.scaled_dot_product_attention(split(F.linear(tx, layer.Wq.ToTensor(), layer.Bq.ToTensor()), keySize),
            split(F.linear(tx, layer.Wk.ToTensor(), layer.Bk.ToTensor()), keySize),
            split(F.linear(tx, layer.Wv.ToTensor(), layer.Bv.ToTensor()), valueSize));
        var expected = F.linear(z.transpose(0, 1).reshape(tokens, heads * valueSize), layer.Wo.ToTensor(),
            layer.Bo.ToTensor());

        Assert.Equal((tokens, outputs), (fast.RowCount, fast.ColumnCount));
        Assert.True((fast - readable).Enumerate().Max(Math.Abs) < 1e-12);
        Assert.True(AttentionCheck.Max(expected, fast) < 1e-12);
        Assert.Equal(before, x);
    }

    [Fact]
    public void Calls_in_a_row_do_not_leak_into_each_other_through_the_reused_buffers()
    {
        var random = new Random(8);
        var large = new SelfAttention(16, 2, random);
        var small = new SelfAttention(4, 1, random);
        Matrix<double> x = AttentionCheck.Random(random, 20, 16), y = AttentionCheck.Random(random, 3, 4);

        Matrix<double> first = small.ForwardFast(y);
        large.ForwardFast(x);

        Assert.Equal(first, small.ForwardFast(y));
    }

    [Fact]
    public void An_input_of_the_wrong_width_is_refused()
    {
        var layer = new SelfAttention(4, 2, new Random(1));

        var error = Assert.Throws<ArgumentException>(() => layer.ForwardFast(Matrix<double>.Build.Dense(3, 5)));

        Assert.StartsWith("SelfAttention: x", error.Message);
    }
}
