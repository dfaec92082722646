using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>
/// Ordinal encoding (the notes' "Ordinal" categorical data): each category becomes its position
/// in an order — scikit-learn's <c>OrdinalEncoder</c>. For truly ordered data (First &lt; Second
/// &lt; Third owner) give the order; otherwise categories are sorted, which suits only trees.
/// </summary>
/// <remarks>
/// The constructor stores settings; <see cref="Fit"/> learns (or checks) the categories and returns
/// a <see cref="FittedOrdinalEncoder"/>. A category not seen at fit time is an error at transform,
/// as scikit-learn's default <c>handle_unknown='error'</c>. Introduced in notebook day 04.
/// </remarks>
public sealed class OrdinalEncoder
{
    private const string Component = "OrdinalEncoder";
    private readonly IReadOnlyList<IReadOnlyList<string>>? _categories;

    /// <summary>Stores the category order of each feature, or null to sort the categories found at fit time.</summary>
    /// <param name="categories">Per feature, its categories from lowest to highest: distinct, not null, at least
    /// one.</param>
    /// <exception cref="ArgumentException">A feature without categories, a null category, or one given twice
    /// (scikit-learn's "categories must be unique").</exception>
    public OrdinalEncoder(IReadOnlyList<IReadOnlyList<string>>? categories = null)
    {
        if (categories is not null)
        {
            Require.NoNulls(Component, nameof(categories), categories);
            for (int j = 0; j < categories.Count; j++)
            {
                Require.NoNulls(Component, $"categories[{j}]", categories[j]);
                if (categories[j].Count == 0)
                {
                    throw ErrorMessage.Empty(Component, $"categories[{j}]");
                }
                Require.DistinctNames(Component, $"categories[{j}]", $"feature {j}'s category", categories[j]);
            }
        }
        _categories = categories;
    }

    /// <summary>Learns each feature's categories, or checks the data against the given ones.</summary>
    /// <param name="rows">One array of feature values per sample; not empty; no missing values.</param>
    /// <exception cref="ArgumentException">Empty input, rows of different lengths, a missing value, or a value outside
    /// the given categories.</exception>
    public FittedOrdinalEncoder Fit(IReadOnlyList<string?[]> rows)
    {
        int features = OneHotRows.RequireFirstWidth(Component, rows);
        OneHotRows.RequireWidth(Component, rows, features);
        if (_categories is not null && _categories.Count != features)
        {
            throw ErrorMessage.Shape(Component, "categories", ErrorMessage.FormatShape(features),
                ErrorMessage.FormatShape(_categories.Count));
        }
        var categories = Enumerable.Range(0, features).Select(j =>
            _categories?[j] ?? rows.Select(r => r[j] ?? throw Missing(rows, j))
                .Distinct().Order(StringComparer.Ordinal).ToArray()).ToArray();
        var fitted = new FittedOrdinalEncoder(categories);
        fitted.Transform(rows);   // given categories must cover the data: fail at fit, not later
        return fitted;
    }

    private static ArgumentException Missing(IReadOnlyList<string?[]> rows, int feature) =>
        new($"{Component}: column {feature} has a missing value at row "
            + $"{rows.ToList().FindIndex(r => r[feature] is null)}; impute it first.", "rows");
}
