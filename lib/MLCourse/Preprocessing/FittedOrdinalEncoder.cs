using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>The category order learned by <see cref="OrdinalEncoder.Fit"/>, and the encoding it defines.</summary>
/// <remarks>What <see cref="OrdinalEncoder.Fit"/> returns.</remarks>
public sealed class FittedOrdinalEncoder
{
    private const string Component = "OrdinalEncoder";
    private readonly Dictionary<string, int>[] _index;

    internal FittedOrdinalEncoder(IReadOnlyList<IReadOnlyList<string>> categories)
    {
        Categories = categories;
        _index = categories.Select(c => c.Select((category, k) => (category, k))
            .ToDictionary(p => p.category, p => p.k)).ToArray();
    }

    /// <summary>Each feature's categories, lowest first (scikit-learn's <c>categories_</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Categories { get; }

    /// <summary>Each value's position in its feature's order.</summary>
    /// <returns>Shape (rows, features).</returns>
    /// <exception cref="ArgumentException">A row of the wrong length, a missing value, or an unknown
    /// category.</exception>
    public Matrix<double> Transform(IReadOnlyList<string?[]> rows)
    {
        OneHotRows.RequireWidth(Component, rows, Categories.Count);
        return Matrix<double>.Build.Dense(rows.Count, Categories.Count, (i, j) =>
            rows[i][j] is { } value && _index[j].TryGetValue(value, out int k)
                ? k
                : throw ErrorMessage.UnknownValue(Component, "rows",
                    $"an unknown category {(rows[i][j] is null ? "None" : $"'{rows[i][j]}'")} in column {j} at row {i}"
                    + " during transform", "categories", Categories[j].ToList()));
    }

    /// <summary>The categories at the given positions.</summary>
    /// <exception cref="ArgumentException">Wrong column count, or a position that is not a whole number in
    /// range.</exception>
    public string[][] InverseTransform(Matrix<double> codes)
    {
        Require.Columns(Component, nameof(codes), codes, Categories.Count);
        return Enumerable.Range(0, codes.RowCount).Select(i => Enumerable.Range(0, Categories.Count).Select(j =>
        {
            double code = codes[i, j];
            return code >= 0 && code < Categories[j].Count && code == Math.Floor(code)
                ? Categories[j][(int)code]
                : throw ErrorMessage.Must(Component, nameof(codes),
                    $"hold whole-number positions 0 … {Categories[j].Count - 1} in column {j}",
                        $"row {i} holds {code}");
        }).ToArray()).ToArray();
    }
}
