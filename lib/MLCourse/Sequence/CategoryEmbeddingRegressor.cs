using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Sequence;

/// <summary>
/// A TorchSharp model that learns an embedding per category from a regression target: a learned
/// table (nn.Embedding) looked up by category index, then a linear read-out. Categories that behave
/// alike end up with similar vectors.
/// </summary>
/// <remarks>Introduced in notebook day 12 (the months of Seattle's weather).</remarks>
public sealed class CategoryEmbeddingRegressor : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Embedding _embedding;
    private readonly TorchSharp.Modules.Linear _readout;

    /// <summary>Creates the table (categories, dimensions) and the read-out (dimensions → targets).</summary>
    public CategoryEmbeddingRegressor(int categories, int dimensions, int targets) : base(nameof(CategoryEmbeddingRegressor))
    {
        _embedding = nn.Embedding(categories, dimensions);
        _readout = nn.Linear(dimensions, targets);
        RegisterComponents();
    }

    /// <summary>Predictions for category indices (batch,) int64 → (batch, targets).</summary>
    public override Tensor forward(Tensor categories) => _readout.forward(_embedding.forward(categories));

    /// <summary>A copy of the learned table as a from-scratch <see cref="Sequence.Embedding"/>.</summary>
    public Embedding Table()
    {
        using var scope = NewDisposeScope();
        return new Embedding(Tensors.TensorConvert.ToMatrix(_embedding.weight!.detach()));
    }
}
