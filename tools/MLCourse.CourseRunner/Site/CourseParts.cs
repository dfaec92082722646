using System.Text.RegularExpressions;

namespace MLCourse.CourseRunner.Site;

/// <summary>One part of the course on the site's index: a title, one line on what it covers, and its days' topics in order.</summary>
/// <param name="Title">The heading, e.g. "Part II — Sequences".</param>
/// <param name="Description">One line on what the part covers.</param>
/// <param name="Topics">Its days, in course order.</param>
public sealed record CoursePart(string Title, string Description, IReadOnlyList<CourseTopic> Topics);

/// <summary>One day's topic: the notebook's file name without <c>day-NN-</c>, and one line on what the day does.</summary>
/// <param name="Name">The topic part of the notebook's name, e.g. <c>backprop-through-time</c>.</param>
/// <param name="Summary">One line for the index.</param>
public sealed record CourseTopic(string Name, string Summary);

/// <summary>
/// Which part of the course each day belongs to, keyed by topic (the notebook's name without
/// its day number), so renumbering the days — a day inserted after PCA — changes nothing here;
/// a new topic needs one row in <see cref="All"/>.
/// </summary>
public static partial class CourseParts
{
    /// <summary>The three parts in course order.</summary>
    public static IReadOnlyList<CoursePart> All { get; } =
    [
        new("Part I — Foundations", "Data, tensors, preprocessing, the classical tools and a neural network from scratch: what every later day builds on.",
        [
            new("batch-vs-online-learning", "Fit once on all the stored data, or update the model as each new example arrives."),
            new("tensors", "Rank, axes and shape, from a scalar to an nD tensor."),
            new("data-gathering", "CSV, JSON, dates, an API payload, SQL and a scraped page, read into tables."),
            new("one-hot-encoding", "Nominal categories as 0/1 columns, and the dummy-variable trap."),
            new("pipelines", "Transformers and a model chained into one fitted object, column by column."),
            new("binning-and-binarization", "Numbers into categories: equal width, quantiles, k-means, trees, one threshold."),
            new("pca", "The directions of greatest variance, derived and computed, and how many to keep."),
            new("neural-networks-from-scratch", "A two-layer network on Fashion-MNIST: forward, loss, backpropagation by hand, optimisers, a training loop."),
        ]),
        new("Part II — Sequences", "From functional models to recurrent networks, their training and their gates, to attention.",
        [
            new("functional-models", "Branches and concatenated features: architectures a plain stack of layers cannot build."),
            new("rnn-unfolding", "Sequences as (batch, timesteps, features), the hidden state, and the network unfolded in time."),
            new("backprop-through-time", "Gradients summed over the unfolded steps; why they vanish or explode, and clipping."),
            new("embeddings", "Dense word vectors whose distances carry meaning, in place of one-hot columns."),
            new("lstm", "The cell state and the forget, input and output gates, by hand and against TorchSharp."),
            new("gru-deep-bidirectional-seq2seq", "GRU, stacked and bidirectional RNNs, and encoder–decoder models."),
            new("attention", "Similarity, queries, keys and values: self-attention step by step."),
        ]),
        new("Part III — Images", "Convolutional networks, then models that generate images.",
        [
            new("convolution-padding-stride", "A filter slid over an image: output size, padding and stride."),
            new("pooling-cnn-vs-ann", "Pooling and translation invariance; a CNN against a dense network."),
            new("cnn-backprop-by-hand", "Every gradient of a small CNN derived by hand and checked against autograd."),
            new("autoencoders", "An encoder that compresses, a decoder that reconstructs, and denoising."),
            new("kl-divergence-and-vae", "How far apart two distributions are; the VAE's loss and its sampling trick."),
            new("gans", "A generator and a discriminator trained against each other."),
            new("diffusion-models", "Noise added step by step, and a network that learns to take it away."),
        ]),
    ];

    /// <summary>The topic of a notebook or page: its file name without the folder, <c>day-NN-</c> and the extension.</summary>
    /// <param name="fileName">E.g. <c>day-10-backprop-through-time.html</c> or a path to the <c>.ipynb</c>.</param>
    /// <returns>E.g. <c>backprop-through-time</c>; the name without its extension when it has no <c>day-NN-</c> prefix.</returns>
    public static string TopicOf(string fileName) =>
        DayPrefix().Replace(Path.GetFileNameWithoutExtension(fileName), "");

    /// <summary>The part and topic of the day in <paramref name="fileName"/>, or null when no part lists its topic.</summary>
    /// <param name="fileName">A notebook's or page's file name (see <see cref="TopicOf"/>).</param>
    public static (CoursePart Part, CourseTopic Topic)? Find(string fileName)
    {
        string topic = TopicOf(fileName);
        foreach (CoursePart part in All)
        {
            if (part.Topics.FirstOrDefault(t => t.Name == topic) is { } found)
            {
                return (part, found);
            }
        }
        return null;
    }

    [GeneratedRegex(@"^day-\d+-")]
    private static partial Regex DayPrefix();
}
