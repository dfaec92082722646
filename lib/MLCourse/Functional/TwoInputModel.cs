using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLCourse.Functional;

/// <summary>
/// A model built like Keras' functional API (the notes' "Keras functional Model": concatenating
/// features from different branches): two inputs, each with its own branch — numeric features
/// through a dense layer, a category through an embedding — whose outputs are concatenated and fed
/// to one head. A plain stack of layers (Sequential) cannot express two inputs.
/// </summary>
/// <remarks>Introduced in notebook day 09.</remarks>
public sealed class TwoInputModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear _numericDense;
    private readonly TorchSharp.Modules.Embedding _categoryEmbedding;
    private readonly Linear _hidden;
    private readonly Linear _output;

    /// <summary>Creates the branches and the head (seed TorchSharp first for repeatable weights).</summary>
    public TwoInputModel(int numericFeatures, int categories, int embeddingSize = 3, int branchUnits = 16, int hiddenUnits = 16, int outputs = 1) : base(nameof(TwoInputModel))
    {
        (NumericFeatures, Categories) = (numericFeatures, categories);
        _numericDense = nn.Linear(numericFeatures, branchUnits);
        _categoryEmbedding = nn.Embedding(categories, embeddingSize);
        _hidden = nn.Linear(branchUnits + embeddingSize, hiddenUnits);
        _output = nn.Linear(hiddenUnits, outputs);
        RegisterComponents();
    }

    /// <summary>Numeric inputs per sample.</summary>
    public int NumericFeatures { get; }

    /// <summary>The number of categories of the second input.</summary>
    public int Categories { get; }

    /// <summary>Outputs for numeric features (batch, numericFeatures) and category indices (batch,) int64.</summary>
    public override Tensor forward(Tensor numeric, Tensor category)
    {
        using var scope = NewDisposeScope();
        Tensor merged = Branches(numeric, category);                                      // (batch, branchUnits + embeddingSize)
        return _output.forward(nn.functional.relu(_hidden.forward(merged))).MoveToOuterDisposeScope();
    }

    /// <summary>The two branches' outputs concatenated, (batch, branchUnits + embeddingSize).</summary>
    public Tensor Branches(Tensor numeric, Tensor category) =>
        cat([nn.functional.relu(_numericDense.forward(numeric)), _categoryEmbedding.forward(category)], 1);

    /// <summary>A Keras-style summary, with shapes found by running one sample through the graph.</summary>
    public IReadOnlyList<LayerSummary> Summary()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor numeric = zeros(1, NumericFeatures), category = zeros(1, dtype: int64);
        Tensor a = _numericDense.forward(numeric), b = _categoryEmbedding.forward(category);
        Tensor merged = cat([a, b], 1), hidden = _hidden.forward(merged), output = _output.forward(hidden);
        string Shape(Tensor t) => $"(None, {string.Join(", ", t.shape.Skip(1))})";
        long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
        return
        [
            new("numeric_input (Input)", Shape(numeric), 0, ""),
            new("category_input (Input)", "(None,)", 0, ""),
            new("numeric_dense (Linear+ReLU)", Shape(a), Count(_numericDense), "numeric_input"),
            new("category_embedding (Embedding)", Shape(b), Count(_categoryEmbedding), "category_input"),
            new("concatenate (Concatenate)", Shape(merged), 0, "numeric_dense, category_embedding"),
            new("hidden (Linear+ReLU)", Shape(hidden), Count(_hidden), "concatenate"),
            new("output (Linear)", Shape(output), Count(_output), "hidden"),
        ];
    }
}
