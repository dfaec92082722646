using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Sequence;
using MLCourse.Tensors;

namespace MLCourse.Text;

/// <summary>
/// Skip-gram with negative sampling (word2vec, Mikolov et al. 2013): every word has an input vector
/// v (the embedding) and an output vector u; for a centre word c and a word o seen near it the loss
/// is L = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c) over K "negative" words k drawn from the unigram
/// distribution raised to ¾, and plain SGD lowers it one pair at a time.
/// </summary>
/// <remarks>
/// <para>
/// The constructor only stores settings; <see cref="Fit"/> trains and returns a <see cref="SkipGramEmbeddings"/>.
/// Introduced in notebook day 12 (word embeddings from Jane Austen), which derives the loss and its
/// gradients and writes <see cref="Step"/> in a cell before calling <see cref="Fit"/>.
/// </para>
/// <para>
/// Per epoch, each occurrence of a word with corpus frequency f is kept with probability
/// min(1, √(t/f) + t/f) (word2vec's subsampling of frequent words, t = <c>subsampleThreshold</c>); each
/// kept word is a centre word for the kept words within a window of b on each side, b drawn uniformly
/// from 1 … <c>window</c> (nearer words are used more often). The learning rate falls linearly from
/// <c>learningRate</c> to 0.01 % of it over all epochs. Deterministic for a given seed (one thread).
/// Policy: token ids must lie in 0 … vocabularySize − 1; a corpus with fewer than two tokens is refused.
/// </para>
/// </remarks>
public sealed class SkipGram
{
    private const string Component = "SkipGram";
    private const int NegativeTableSize = 1_000_000;

    /// <summary>Stores the settings; nothing is trained until <see cref="Fit"/>.</summary>
    /// <param name="dimensions">The length D of every word vector (word2vec: 100–300; 50 is enough for a small
    /// corpus).</param>
    /// <param name="window">The largest distance between a centre word and a context word (≥ 1).</param>
    /// <param name="negatives">K, the negative words drawn per (centre, context) pair (≥ 1).</param>
    /// <param name="subsampleThreshold">t in the keep probability √(t/f) + t/f; 0 turns subsampling off.</param>
    /// <param name="learningRate">The SGD step size at the start (word2vec's default for skip-gram: 0.025).</param>
    /// <param name="epochs">Passes over the corpus (≥ 1).</param>
    /// <param name="seed">Seeds the initial vectors, the subsampling, the windows and the negatives.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside the range given above.</exception>
    public SkipGram(int dimensions = 50, int window = 4, int negatives = 5, double subsampleThreshold = 1e-4,
        double learningRate = 0.025, int epochs = 3, int seed = 42)
    {
        if (dimensions < 1) throw ErrorMessage.OutOfRange(Component, nameof(dimensions), "at least 1", dimensions);
        if (window < 1) throw ErrorMessage.OutOfRange(Component, nameof(window), "at least 1", window);
        if (negatives < 1) throw ErrorMessage.OutOfRange(Component, nameof(negatives), "at least 1", negatives);
        if (!(subsampleThreshold >= 0)) throw ErrorMessage.OutOfRange(Component,
            nameof(subsampleThreshold), "at least 0", subsampleThreshold);
        if (!(learningRate > 0)) throw ErrorMessage.OutOfRange(Component,
            nameof(learningRate), "positive", learningRate);
        if (epochs < 1) throw ErrorMessage.OutOfRange(Component, nameof(epochs), "at least 1", epochs);
        Dimensions = dimensions;
        Window = window;
        Negatives = negatives;
        SubsampleThreshold = subsampleThreshold;
        LearningRate = learningRate;
        Epochs = epochs;
        Seed = seed;
    }

    /// <summary>The length D of every word vector.</summary>
    public int Dimensions { get; }

    /// <summary>The largest distance between a centre word and a context word.</summary>
    public int Window { get; }

    /// <summary>K, negative words per pair.</summary>
    public int Negatives { get; }

    /// <summary>t of the subsampling keep probability.</summary>
    public double SubsampleThreshold { get; }

    /// <summary>The SGD step size at the start.</summary>
    public double LearningRate { get; }

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; }

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; }

    /// <summary>
    /// The loss of one (centre, context) pair with its negatives:
    /// L = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c).
    /// </summary>
    /// <param name="input">The input vectors v, row-major (vocabulary, D).</param>
    /// <param name="output">The output vectors u, row-major (vocabulary, D).</param>
    /// <param name="dimensions">D.</param>
    /// <param name="center">c, the centre word's id.</param>
    /// <param name="context">o, the id of a word seen near it.</param>
    /// <param name="negatives">The K negative words' ids (a word may appear more than once).</param>
    public static double PairLoss(double[] input, double[] output, int dimensions, int center, int context,
        ReadOnlySpan<int> negatives)
    {
        var v = input.AsSpan(center * dimensions, dimensions);
        double loss = -Activations.LogSigmoid(Dot(output.AsSpan(context * dimensions, dimensions), v));
        foreach (int k in negatives)
        {
            loss -= Activations.LogSigmoid(-Dot(output.AsSpan(k * dimensions, dimensions), v));
        }
        return loss;
    }

    /// <summary>
    /// One SGD step on <see cref="PairLoss"/>, in place. With s = u·v_c the gradients are
    /// ∂L/∂u_o = (σ(s_o) − 1) v_c, ∂L/∂u_k = σ(s_k) v_c and
    /// ∂L/∂v_c = (σ(s_o) − 1) u_o + Σ_k σ(s_k) u_k, all taken at the old vectors.
    /// </summary>
    /// <param name="input">The input vectors v, row-major (vocabulary, D); row <paramref name="center"/>
    /// changes.</param>
    /// <param name="output">The output vectors u, row-major (vocabulary, D); the context and negative rows
    /// change.</param>
    /// <param name="dimensions">D.</param>
    /// <param name="center">c.</param>
    /// <param name="context">o.</param>
    /// <param name="negatives">The K negatives; a repeated one is updated once per occurrence, in order.</param>
    /// <param name="learningRate">The step size η.</param>
    /// <returns>The pair's loss before the step.</returns>
    public static double Step(double[] input, double[] output, int dimensions, int center, int context,
        ReadOnlySpan<int> negatives, double learningRate)
    {
        // Plain arrays and offsets rather than spans: this loop is the whole training time.
        int vc = center * dimensions;
        var gradientV = new double[dimensions];
        double loss = 0;
        for (int j = -1; j < negatives.Length; j++)
        {
            int word = j < 0 ? context : negatives[j];
            bool positive = j < 0;                                        // the real context word
            int uw = word * dimensions;
            double s = 0;
            for (int d = 0; d < dimensions; d++) s += output[uw + d] * input[vc + d];
            loss -= positive ? Activations.LogSigmoid(s) : Activations.LogSigmoid(-s);
            double g = positive ? Activations.Sigmoid(s) - 1 : Activations.Sigmoid(s);           // ∂L/∂s
            for (int d = 0; d < dimensions; d++)
            {
                gradientV[d] += g * output[uw + d];                       // uses u before its own update
                output[uw + d] -= learningRate * g * input[vc + d];       // ∂L/∂u = g · v_c
            }
        }
        for (int d = 0; d < dimensions; d++)
        {
            input[vc + d] -= learningRate * gradientV[d];
        }
        return loss;
    }

    /// <summary>
    /// Trains word vectors on <paramref name="corpus"/>, a stream of token ids in reading order.
    /// </summary>
    /// <param name="corpus">Token ids, each in 0 … <paramref name="vocabularySize"/> − 1 (leave out words not to learn,
    /// e.g. unknown).</param>
    /// <param name="vocabularySize">The number of rows of the vector tables.</param>
    /// <param name="progress">Called after each epoch with (epoch from 1, mean pair loss
    /// of that epoch), or null.</param>
    /// <exception cref="ArgumentException">The corpus has fewer than two tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside the vocabulary.</exception>
    public SkipGramEmbeddings Fit(IReadOnlyList<int> corpus, int vocabularySize, Action<int, double>? progress = null)
    {
        Require.NotNull(Component, nameof(corpus), corpus);
        if (corpus.Count < 2)
        {
            throw ErrorMessage.Must(Component, nameof(corpus), "hold at least 2 tokens", $"holds {corpus.Count}");
        }
        var counts = new long[vocabularySize];
        for (int i = 0; i < corpus.Count; i++)
        {
            int id = corpus[i];
            if ((uint)id >= (uint)vocabularySize)
            {
                throw ErrorMessage.OutOfRange(Component, $"{nameof(corpus)}[{i}]",
                    $"between 0 and {vocabularySize - 1}", id);
            }
            counts[id]++;
        }
        int dims = Dimensions;
        var random = new Random(Seed);
        // word2vec's start: input vectors uniform in ±0.5/D, output vectors zero.
        var input = new double[Require.ElementCount(Component, "vocabularySize", vocabularySize, dims)];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (random.NextDouble() - 0.5) / dims;
        }
        var output = new double[vocabularySize * dims];
        int[] negativeTable = NegativeTable(counts);
        double[] keep = counts.Select(c => KeepProbability(c, corpus.Count)).ToArray();
        var negatives = new int[Negatives];
        var kept = new List<int>(corpus.Count);
        var losses = new List<double>();
        long totalSteps = (long)Epochs * corpus.Count, done = 0;
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            kept.Clear();
            foreach (int id in corpus)
            {
                if (keep[id] >= 1 || random.NextDouble() < keep[id]) kept.Add(id);
            }
            double lossSum = 0;
            long pairs = 0;
            for (int i = 0; i < kept.Count; i++)
            {
                double rate = LearningRate
                    * Math.Max(1e-4, 1 - (double)(done + (long)i * corpus.Count / kept.Count) / totalSteps);
                int b = random.Next(1, Window + 1);
                for (int j = Math.Max(0, i - b); j <= Math.Min(kept.Count - 1, i + b); j++)
                {
                    if (j == i) continue;
                    for (int k = 0; k < negatives.Length; k++)
                    {
                        negatives[k] = negativeTable[random.Next(negativeTable.Length)];
                    }
                    lossSum += Step(input, output, dims, kept[i], kept[j], negatives, rate);
                    pairs++;
                }
            }
            done += corpus.Count;
            losses.Add(pairs == 0 ? double.NaN : lossSum / pairs);
            progress?.Invoke(epoch, losses[^1]);
        }
        return new SkipGramEmbeddings(ToMatrix(input, vocabularySize, dims),
            ToMatrix(output, vocabularySize, dims), losses);
    }

    // word2vec's keep probability for a word seen `count` times among `total` tokens.
    private double KeepProbability(long count, int total)
    {
        if (SubsampleThreshold == 0 || count == 0) return 1;
        double ratio = SubsampleThreshold / ((double)count / total);
        return Math.Sqrt(ratio) + ratio;
    }

    // A table in which each word fills a share of the slots proportional to count^¾: a uniform draw
    // from it is a draw from the noise distribution P_n(w) ∝ count(w)^¾.
    private static int[] NegativeTable(long[] counts)
    {
        double[] weights = counts.Select(c => Math.Pow(c, 0.75)).ToArray();
        double total = weights.Sum();
        var table = new int[NegativeTableSize];
        int word = 0;
        double cumulative = weights[0] / total;
        for (int slot = 0; slot < table.Length; slot++)
        {
            while ((slot + 0.5) / table.Length > cumulative && word < counts.Length - 1)
            {
                word++;
                cumulative += weights[word] / total;
            }
            table[slot] = word;
        }
        return table;
    }

    private static Matrix<double> ToMatrix(double[] values, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (r, c) => values[r * columns + c]);

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }
}

/// <summary>The vectors <see cref="SkipGram.Fit"/> learned.</summary>
/// <param name="Input">The input vectors v, (vocabulary, D): the word embeddings, row k for token k.</param>
/// <param name="Output">The output (context) vectors u, (vocabulary, D); usually thrown away.</param>
/// <param name="EpochLosses">The mean pair loss of each epoch, in nats (−log σ terms summed over 1 + K words).</param>
/// <remarks>Introduced in notebook day 12.</remarks>
public sealed record SkipGramEmbeddings(Matrix<double> Input, Matrix<double> Output, IReadOnlyList<double> EpochLosses)
{
    /// <summary>
    /// The input vectors as an <see cref="Sequence.Embedding"/> table (lookup, cosine nearest neighbours).
    /// </summary>
    public Embedding Embedding { get; } = new(Input);
}
