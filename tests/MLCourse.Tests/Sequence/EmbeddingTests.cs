using MathNet.Numerics.LinearAlgebra;
using MLCourse.Sequence;

namespace MLCourse.Tests.Sequence;

public class EmbeddingTests
{
    private readonly Embedding _table = new(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0.9, 0.1 }, { 0, 1 }, { -1, 0 } }));

    [Fact]
    public void A_lookup_is_one_hot_times_the_table()
    {
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(_table.Lookup(k), _table.ViaOneHot(k));
        }
    }

    [Fact]
    public void Nearest_neighbours_are_ranked_by_cosine_similarity()
    {
        var nearest = _table.Nearest(0, 3);

        Assert.Equal([1, 2, 3], nearest.Select(p => p.Token));
        Assert.Equal(-1.0, nearest[2].Cosine, 1e-15);
    }

    [Fact]
    public void An_unknown_token_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _table.Lookup(4));

        Assert.StartsWith("Embedding: token must be between 0 and 3, but is 4.", error.Message);
    }
}
