using MLCourse.Errors;

namespace MLCourse.Preprocessing;

/// <summary>Checks shared by the encoders that take rows of category values.</summary>
internal static class OneHotRows
{
    /// <summary>
    /// Throws unless every row has <paramref name="width"/> values, naming the first row that does not.
    /// </summary>
    public static void RequireWidth(string component, IReadOnlyList<string?[]> rows, int width)
    {
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
