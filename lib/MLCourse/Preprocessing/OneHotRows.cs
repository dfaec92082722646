using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>Checks shared by the encoders that take rows of category values.</summary>
internal static class OneHotRows
{
    /// <summary>
    /// Throws unless <paramref name="rows"/> is not empty and holds no null row, returning the first row's width.
    /// </summary>
    public static int RequireFirstWidth(string component, IReadOnlyList<string?[]> rows)
    {
        Require.NoNulls(component, nameof(rows), rows);
        if (rows.Count == 0)
        {
            throw ErrorMessage.Empty(component, nameof(rows));
        }
        return rows[0].Length;
    }

    /// <summary>
    /// Throws unless every row has <paramref name="width"/> values, naming the first row that does not.
    /// </summary>
    public static void RequireWidth(string component, IReadOnlyList<string?[]> rows, int width)
    {
        Require.NoNulls(component, nameof(rows), rows);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != width)
            {
                throw ErrorMessage.Shape(component, $"rows[{i}]",
                    ErrorMessage.FormatShape(width), ErrorMessage.FormatShape(rows[i].Length));
            }
        }
    }
}
