using MathNet.Numerics.LinearAlgebra;
using MLCourse.Tensors;
using MLCourse.Errors;

namespace MLCourse.Sequence;

/// <summary>
/// An embedding table from scratch (the notes' "Embedding": words that are close in meaning get
/// close vectors, in far fewer dimensions than one-hot): row k of E (vocabulary, dimensions) is token
/// k's vector. Looking it up is the same as multiplying the one-hot vector by E — a dense layer
/// without bias whose input is one-hot — which is why it can be learned by gradient descent.
/// </summary>
/// <remarks>Introduced in notebook day 12.</remarks>
public sealed class Embedding(Matrix<double> table)
{
    private const string Component = "Embedding";

    /// <summary>E, (vocabulary, dimensions).</summary>
    public Matrix<double> Table { get; } = table;

    /// <summary>
    /// The table E by reference, to save a trained embedding and load it into a new one of the same
    /// size: <c>embedding.StoredWeights().Save(path)</c>, <c>fresh.StoredWeights().Load(path)</c>.
    /// </summary>
    public Persistence.LayerWeights StoredWeights() => new Persistence.LayerWeights().Add("Table", Table);

    /// <summary>Token k's vector: row k of E.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token outside 0 … vocabulary − 1.</exception>
    public Vector<double> Lookup(int token) =>
        token >= 0 && token < Table.RowCount ? Table.Row(token)
            : throw ErrorMessage.OutOfRange(Component, nameof(token), $"between 0 and {Table.RowCount - 1}", token);

    /// <summary>one_hot(k)·E — the same vector as <see cref="Lookup"/>, computed the expensive way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token outside the table (its one-hot vector would be all
    /// zeros).</exception>
    public Vector<double> ViaOneHot(int token)
    {
        Lookup(token);   // the same range check
        return Table.TransposeThisAndMultiply(Vector<double>.Build.Dense(Table.RowCount, i => i == token ? 1 : 0));
    }

    /// <summary>
    /// The <paramref name="count"/> other tokens most similar to <paramref name="token"/> by cosine
    /// similarity, most similar first.
    /// </summary>
    public IReadOnlyList<(int Token, double Cosine)> Nearest(int token, int count)
    {
        Vector<double> v = Lookup(token);
        return Enumerable.Range(0, Table.RowCount).Where(k => k != token)
            .Select(k => (k, Similarity.Cosine(v, Table.Row(k))))
            .OrderByDescending(p => p.Item2).Take(count).ToList();
    }

    /// <summary>
    /// The analogy a : b :: c : ? by vector offset (3CosAdd, Mikolov et al. 2013): the
    /// <paramref name="count"/> tokens whose vectors have the highest cosine similarity with
    /// e_b − e_a + e_c, leaving out a, b and c themselves, most similar first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A token outside 0 … vocabulary − 1.</exception>
    /// <remarks>Introduced in notebook day 12 ("man : woman :: king : ?" → queen, when it works).</remarks>
    public IReadOnlyList<(int Token, double Cosine)> Analogy(int a, int b, int c, int count)
    {
        Vector<double> target = Lookup(b) - Lookup(a) + Lookup(c);
        return Enumerable.Range(0, Table.RowCount).Where(k => k != a && k != b && k != c)
            .Select(k => (k, Similarity.Cosine(target, Table.Row(k))))
            .OrderByDescending(p => p.Item2).Take(count).ToList();
    }
}
