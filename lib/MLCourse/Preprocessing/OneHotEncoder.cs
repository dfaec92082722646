using MLCourse.Data.Tables;
using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>Which category column, if any, <see cref="OneHotEncoder"/> drops (scikit-learn's <c>drop</c>).</summary>
public enum OneHotDrop
{
    /// <summary>Keep every category: n categories → n columns (<c>drop=None</c>).</summary>
    None,

    /// <summary>
    /// Drop each feature's first category: n → n − 1 columns, avoiding the dummy-variable trap (<c>drop='first'</c>).
    /// </summary>
    First,

    /// <summary>Drop the first category only of features with exactly two (<c>drop='if_binary'</c>).</summary>
    IfBinary,
}

/// <summary>
/// What <see cref="FittedOneHotEncoder.Transform(IReadOnlyList{string?[]})"/> does with a category not seen at fit time
/// (<c>handle_unknown</c>).
/// </summary>
public enum OneHotUnknown
{
    /// <summary>Throw, naming the categories and the column.</summary>
    Error,

    /// <summary>Encode the feature as all zeros.</summary>
    Ignore,
}

/// <summary>
/// One-hot encoding of nominal features (the notes' "One hot Encoding"): each feature with n
/// categories becomes n indicator columns, or n − 1 when one is dropped, because n columns that
/// always sum to 1 are collinear with a model's intercept (the notes' multicollinearity point).
/// </summary>
/// <remarks>
/// Follows scikit-learn's <c>OneHotEncoder</c>: categories are learned per feature and sorted
/// (ordinal string order, a missing value <c>null</c> is its own category, sorted last and named
/// "None"); output columns follow feature order, then category order; feature names are
/// <c>{feature}_{category}</c>. The constructor stores settings;
/// <see cref="Fit(IReadOnlyList{string?[]}, IReadOnlyList{string}?)"/> learns and
/// returns a <see cref="FittedOneHotEncoder"/>. Introduced in notebook day 04.
/// </remarks>
public sealed class OneHotEncoder : ITableTransformer
{
    private const string Component = "OneHotEncoder";

    /// <summary>Stores the settings.</summary>
    /// <param name="drop">Which category columns to drop.</param>
    /// <param name="handleUnknown">What to do with categories not seen at fit time.</param>
    public OneHotEncoder(OneHotDrop drop = OneHotDrop.None, OneHotUnknown handleUnknown = OneHotUnknown.Error)
    {
        Drop = drop;
        HandleUnknown = handleUnknown;
    }

    /// <summary>Which category columns are dropped.</summary>
    public OneHotDrop Drop { get; }

    /// <summary>What happens to unknown categories.</summary>
    public OneHotUnknown HandleUnknown { get; }

    /// <summary>Learns each feature's sorted categories.</summary>
    /// <param name="rows">One array of feature values per sample, all of the same length; not empty.</param>
    /// <param name="featureNames">One name per feature; <c>x0, x1, …</c> when omitted, as in scikit-learn.</param>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, or a wrong number of names.</exception>
    public FittedOneHotEncoder Fit(IReadOnlyList<string?[]> rows, IReadOnlyList<string>? featureNames = null)
    {
        int features = OneHotRows.RequireFirstWidth(Component, rows);
        OneHotRows.RequireWidth(Component, rows, features);
        string[] names = featureNames?.ToArray() ?? Enumerable.Range(0, features).Select(j => $"x{j}").ToArray();
        if (names.Length != features)
        {
            throw ErrorMessage.Shape(Component, nameof(featureNames),
                ErrorMessage.FormatShape(features), ErrorMessage.FormatShape(names.Length));
        }
        var categories = Enumerable.Range(0, features)
            .Select(j => (IReadOnlyList<string?>)rows.Select(r => r[j]).Distinct()
                .OrderBy(c => c is null).ThenBy(c => c, StringComparer.Ordinal).ToList())
            .ToList();
        int?[] dropped = categories.Select(c => Drop == OneHotDrop.First
            || (Drop == OneHotDrop.IfBinary && c.Count == 2) ? 0 : (int?)null).ToArray();
        return new FittedOneHotEncoder(names, categories, dropped, HandleUnknown);
    }

    /// <summary>
    /// Learns the categories of every (text or category) column of <paramref name="x"/>, named after the columns.
    /// </summary>
    public FittedOneHotEncoder Fit(Table x) => Fit(x.TextRows([.. x.ColumnNames]), x.ColumnNames);

    IFittedTableTransformer ITableTransformer.Fit(Table x) => Fit(x);
}
