namespace MLCourse.Data.Tables;

/// <summary>
/// The type of a <see cref="TableColumn"/>, as pandas' dtypes: numbers (float64), integers (int64),
/// text (object), categories (category) and dates (datetime64).
/// </summary>
/// <remarks>Introduced in notebook day 03 (data gathering).</remarks>
public enum ColumnKind
{
    /// <summary>Floating-point numbers, stored as <see cref="double"/>.</summary>
    Number,

    /// <summary>Whole numbers, stored as <see cref="long"/>.</summary>
    Integer,

    /// <summary>Free text, stored as <see cref="string"/>.</summary>
    Text,

    /// <summary>
    /// Text from a small set of categories, stored as <see cref="string"/>;
    /// <see cref="TableColumn.Categories"/> lists them sorted.
    /// </summary>
    Category,

    /// <summary>Calendar dates, stored as <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>Dates with a time of day, stored as <see cref="System.DateTime"/>.</summary>
    DateTime,
}
