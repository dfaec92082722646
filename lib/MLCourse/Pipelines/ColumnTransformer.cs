using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Pipelines;

/// <summary>What <see cref="ColumnTransformer"/> does with the columns no transformer names.</summary>
public enum Remainder
{
    /// <summary>Leave them out (scikit-learn's default).</summary>
    Drop,

    /// <summary>Keep them unchanged, after the transformed columns.</summary>
    Passthrough,
}

/// <summary>
/// Different transformers for different columns, side by side — scikit-learn's
/// <c>ColumnTransformer</c>: each named transformer is fitted on its own columns, and the outputs
/// are placed next to each other, named <c>{transformer}__{column}</c> (scikit-learn's
/// <c>verbose_feature_names_out</c>), followed by the remainder if it is passed through.
/// </summary>
/// <remarks>Introduced in notebook day 05.</remarks>
public sealed class ColumnTransformer : ITableTransformer
{
    private const string Component = "ColumnTransformer";

    /// <summary>Stores the transformers and the remainder policy.</summary>
    /// <exception cref="ArgumentException">No transformers, or a repeated name.</exception>
    public ColumnTransformer(IReadOnlyList<(string Name, ITableTransformer Transformer, string[] Columns)> transformers,
        Remainder remainder = Remainder.Drop)
    {
        if (Require.NotNull(Component, nameof(transformers), transformers).Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(transformers));
        }
        foreach ((string name, ITableTransformer transformer, string[] columns) in transformers)
        {
            if (name is null || transformer is null || columns is null || columns.Length == 0)
            {
                // scikit-learn skips a transformer given no columns; here it is a mistake to report
                throw ErrorMessage.Must(Component, nameof(transformers), "give each transformer a name, a transformer "
                    + "and at least one column", $"'{name ?? "null"}' has "
                    + (name is null ? "no name" : transformer is null ? "a null transformer" : "no columns"));
            }
        }
        Require.DistinctNames(Component, nameof(transformers), "transformer", transformers.Select(t => t.Name));
        Transformers = transformers;
        Remainder = remainder;
    }

    /// <summary>The named transformers with their columns.</summary>
    public IReadOnlyList<(string Name, ITableTransformer Transformer, string[] Columns)> Transformers { get; }

    /// <summary>What happens to the other columns.</summary>
    public Remainder Remainder { get; }

    /// <summary>Fits each transformer on its columns of <paramref name="x"/>.</summary>
    /// <exception cref="KeyNotFoundException">A named column is not in the table.</exception>
    public FittedColumnTransformer Fit(Table x)
    {
        var fitted = Transformers.Select(t => (t.Name, t.Transformer.Fit(x.Select(t.Columns)), t.Columns)).ToList();
        var named = Transformers.SelectMany(t => t.Columns).ToHashSet();
        string[] remainder = Remainder == Remainder.Passthrough
            ? x.ColumnNames.Where(c => !named.Contains(c)).ToArray() : [];
        return new FittedColumnTransformer(fitted, remainder);
    }

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);
}

/// <summary>A fitted <see cref="ColumnTransformer"/>.</summary>
public sealed class FittedColumnTransformer : IFittedTableTransformer
{
    private readonly IReadOnlyList<(string Name, IFittedTableTransformer Transformer, string[] Columns)> _fitted;
    private readonly string[] _remainder;

    internal FittedColumnTransformer(IReadOnlyList<(string, IFittedTableTransformer, string[])> fitted,
        string[] remainder)
    {
        _fitted = fitted;
        _remainder = remainder;
    }

    /// <summary>The fitted transformer called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No transformer has that name.</exception>
    public IFittedTableTransformer this[string name] =>
        _fitted.FirstOrDefault(t => t.Name == name).Transformer
        ?? throw ErrorMessage.Unknown("ColumnTransformer", "transformer", name, _fitted.Select(t => t.Name));

    /// <summary>Each transformer's output on its columns, side by side, then the passed-through remainder.</summary>
    /// <exception cref="KeyNotFoundException">A column seen at fit time is missing.</exception>
    public Table Transform(Table x)
    {
        var columns = _fitted
            .SelectMany(t => t.Transformer.Transform(x.Select(t.Columns))
                .Columns.Select(c => Renamed(c, $"{t.Name}__{c.Name}")))
            .Concat(_remainder.Select(name => Renamed(x[name], $"remainder__{name}")))
            .ToArray();
        return new Table(columns);
    }

    private static TableColumn Renamed(TableColumn column, string name) => new(name, column.Kind, column.Values);
}
