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
    public void An_analogy_is_the_nearest_token_to_b_minus_a_plus_c_leaving_out_all_three()
    {
        // man (1, 0), woman (1, 1), king (3, 0), queen (3, 1.1), rook (0, 5): woman − man + king = (3, 1).
        var table = new Embedding(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 1, 1 }, { 3, 0 }, { 3, 1.1 }, { 0, 5 } }));

        var answer = table.Analogy(0, 1, 2, 2);

        Assert.Equal([3, 4], answer.Select(p => p.Token));
        Assert.Equal(Math.Cos(Math.Atan2(1.1, 3) - Math.Atan2(1, 3)), answer[0].Cosine, 1e-12);
    }

    [Fact]
    public void An_unknown_token_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _table.Lookup(4));

        Assert.StartsWith("Embedding: token must be between 0 and 3, but is 4.", error.Message);
    }
}
