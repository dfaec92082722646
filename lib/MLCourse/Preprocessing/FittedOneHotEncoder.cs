using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// The categories learned by <see cref="OneHotEncoder.Fit(IReadOnlyList{string?[]}, IReadOnlyList{string}?)"/>, and the
/// encoding they define.
/// </summary>
/// <remarks>What <see cref="OneHotEncoder"/>'s <c>Fit</c> returns.</remarks>
public sealed class FittedOneHotEncoder : IFittedTableTransformer
{
    private const string Component = "OneHotEncoder";
    private readonly OneHotUnknown _handleUnknown;
    private readonly Dictionary<string, int>[] _categoryIndex;   // per feature: category → its position
    private readonly int?[] _nullIndex;                          // per feature: the position of None, if any

    internal FittedOneHotEncoder(string[] featureNamesIn, IReadOnlyList<IReadOnlyList<string?>> categories,
        int?[] droppedIndex, OneHotUnknown handleUnknown)
    {
        FeatureNamesIn = featureNamesIn;
        Categories = categories;
        DroppedIndex = droppedIndex;
        _handleUnknown = handleUnknown;
        _categoryIndex = categories.Select(c => c.Select((category, k) => (category, k))
            .Where(p => p.category is not null).ToDictionary(p => p.category!, p => p.k)).ToArray();
        _nullIndex = categories.Select(c => c.ToList().IndexOf(null) is int k && k >= 0 ? k : (int?)null).ToArray();
        FeatureNamesOut = categories
            .SelectMany((cats, j) => cats.Where((_, k) => k != droppedIndex[j])
                .Select(c => $"{featureNamesIn[j]}_{c ?? "None"}"))
            .ToArray();
    }

    /// <summary>The input features' names.</summary>
    public IReadOnlyList<string> FeatureNamesIn { get; }

    /// <summary>Each feature's categories, sorted (scikit-learn's <c>categories_</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Categories { get; }

    /// <summary>Each feature's dropped category index, or <c>null</c> (scikit-learn's <c>drop_idx_</c>).</summary>
    public IReadOnlyList<int?> DroppedIndex { get; }

    /// <summary>
    /// The output columns' names, e.g. <c>fuel_Diesel</c> (scikit-learn's <c>get_feature_names_out()</c>).
    /// </summary>
    public IReadOnlyList<string> FeatureNamesOut { get; }

    /// <summary>Encodes each row as indicator columns.</summary>
    /// <param name="rows">Rows with the fitted number of features.</param>
    /// <returns>Shape (rows, <see cref="FeatureNamesOut"/>.Count), zeros and ones.</returns>
    /// <exception cref="ArgumentException">A row of the wrong length, or (with <see cref="OneHotUnknown.Error"/>) an
    /// unknown category.</exception>
    public Matrix<double> Transform(IReadOnlyList<string?[]> rows)
    {
        OneHotRows.RequireWidth(Component, rows, Categories.Count);
        var encoded = Matrix<double>.Build.Dense(rows.Count, FeatureNamesOut.Count);
        int offset = 0;
        for (int j = 0; j < Categories.Count; j++)
        {
            RejectUnknown(rows, j);
            for (int i = 0; i < rows.Count; i++)
            {
                if (Position(j, rows[i][j]) is int k && k != DroppedIndex[j])
                {
                    encoded[i, offset + Column(j, k)] = 1;
                }
            }
            offset += Width(j);
        }
        return encoded;
    }

    /// <summary>
    /// Encodes the fitted columns of <paramref name="x"/> as a table of 0/1 Number columns named
    /// <see cref="FeatureNamesOut"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A fitted column is missing from the table.</exception>
    public Table Transform(Table x) => Table.FromMatrix(FeatureNamesOut, Transform(x.TextRows([.. FeatureNamesIn])));

    /// <summary>Maps indicator columns back to categories.</summary>
    /// <param name="encoded">Shape (rows, <see cref="FeatureNamesOut"/>.Count).</param>
    /// <returns>
    /// One row of categories per input row. A feature whose columns are all zero maps to its dropped
    /// category, or, when none is dropped and unknown categories are ignored, to <c>null</c> (scikit-learn's None).
    /// </returns>
    /// <exception cref="ArgumentException">Wrong column count, no rows, a NaN or infinite value, or an all-zero
    /// feature that cannot be inverted.</exception>
    public string?[][] InverseTransform(Matrix<double> encoded)
    {
        Require.Columns(Component, nameof(encoded), encoded, FeatureNamesOut.Count);
        Require.NonEmptyFinite(Component, nameof(encoded), encoded);
        var rows = Enumerable.Range(0, encoded.RowCount).Select(_ => new string?[Categories.Count]).ToArray();
        int offset = 0;
        for (int j = 0; j < Categories.Count; j++)
        {
            for (int i = 0; i < encoded.RowCount; i++)
            {
                rows[i][j] = Invert(encoded.Row(i, offset, Width(j)), i, j);
            }
            offset += Width(j);
        }
        return rows;
    }

    // The position of a category among the feature's, or null when it was not seen at fit time; a missing
    // value (None) has its own position, as dictionary keys cannot be null.
    private int? Position(int feature, string? category) =>
        category is null ? _nullIndex[feature]
            : _categoryIndex[feature].TryGetValue(category, out int k) ? k : null;

    private int Width(int feature) => Categories[feature].Count - (DroppedIndex[feature] is null ? 0 : 1);

    private int Column(int feature, int category)
        => DroppedIndex[feature] is int d && category > d ? category - 1 : category;

    private void RejectUnknown(IReadOnlyList<string?[]> rows, int feature)
    {
        if (_handleUnknown != OneHotUnknown.Error)
        {
            return;
        }
        var unknown = rows.Select(r => r[feature]).Where(v => Position(feature, v) is null).Distinct().ToList();
        if (unknown.Count > 0)
        {
            string found = string.Join(", ", unknown.Select(u => u is null ? "None" : $"'{u}'"));
            throw ErrorMessage.UnknownValue(Component, "rows",
                $"unknown categories [{found}] in column {feature} ({FeatureNamesIn[feature]}) during transform",
                "categories", Categories[feature].Select(c => c ?? "None").ToList(),
                "or build the encoder with handleUnknown: OneHotUnknown.Ignore");
        }
    }

    private string? Invert(Vector<double> indicators, int row, int feature)
    {
        if (indicators.Count > 0 && indicators.Maximum() > 0)
        {
            int column = indicators.MaximumIndex();
            int category = DroppedIndex[feature] is int d && column >= d ? column + 1 : column;
            return Categories[feature][category];
        }
        if (DroppedIndex[feature] is int dropped)
        {
            return Categories[feature][dropped];
        }
        if (_handleUnknown == OneHotUnknown.Ignore)
        {
            return null;
        }
        throw ErrorMessage.Must(Component, "encoded",
            $"have a 1 in every column's block when no category is dropped and unknown categories are errors",
            $"row {row} has all zeros for column {feature} ({FeatureNamesIn[feature]}), which cannot be inverted");
    }
}
