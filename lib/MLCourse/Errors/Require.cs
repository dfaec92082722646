using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Errors;

/// <summary>Input checks shared by the library's components; each throws an <see cref="ErrorMessage"/>.</summary>
internal static class Require
{
    /// <summary>Throws our <see cref="ErrorMessage.Null"/> when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(string component, string argument, T? value) where T : class =>
        value ?? throw ErrorMessage.Null(component, argument);

    /// <summary>
    /// Throws when <paramref name="items"/> is null or holds a null, naming its position
    /// ("argument must hold no null, but entry 2 is null").
    /// </summary>
    public static void NoNulls<T>(string component, string argument, IReadOnlyList<T?>? items) where T : class
    {
        NotNull(component, argument, items);
        for (int i = 0; i < items!.Count; i++)
        {
            if (items[i] is null)
            {
                throw ErrorMessage.Must(component, argument, "hold no null", $"entry {i} is null");
            }
        }
    }

    /// <summary>
    /// The product of <paramref name="sizes"/> as an <see cref="int"/> (a .NET array's length), or a
    /// <see cref="ErrorMessage.TooLarge"/> naming <paramref name="argument"/> when it overflows.
    /// </summary>
    public static int ElementCount(string component, string argument, params int[] sizes)
    {
        long product = 1;
        foreach (int size in sizes)
        {
            product *= size;   // each factor is below 2^31 and the running product is checked below: no overflow
            if (product > Array.MaxLength)
            {
                throw ErrorMessage.TooLarge(component, argument, "the elements one .NET array holds",
                    Array.MaxLength, $"{string.Join(" × ", sizes)} = {Product(sizes)}");
            }
        }
        return (int)product;
    }

    private static string Product(int[] sizes)
    {
        System.Numerics.BigInteger product = 1;
        foreach (int size in sizes)
        {
            product *= size;
        }
        return product.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Throws when <paramref name="matrix"/> has no rows or a NaN or infinite entry.</summary>
    public static void NonEmptyFinite(string component, string argument, Matrix<double> matrix)
    {
        NotNull(component, argument, matrix);
        if (matrix.RowCount == 0)
        {
            throw ErrorMessage.Empty(component, argument);
        }
        for (int i = 0; i < matrix.RowCount; i++)
        {
            for (int j = 0; j < matrix.ColumnCount; j++)
            {
                if (!double.IsFinite(matrix[i, j]))
                {
                    throw ErrorMessage.NotFinite(component, argument,
                        $"the entry at row {i}, column {j}", matrix[i, j]);
                }
            }
        }
    }

    /// <summary>Throws when <paramref name="vector"/> has a NaN or infinite entry.</summary>
    public static void Finite(string component, string argument, Vector<double> vector)
    {
        NotNull(component, argument, vector);
        for (int i = 0; i < vector.Count; i++)
        {
            if (!double.IsFinite(vector[i]))
            {
                throw ErrorMessage.NotFinite(component, argument, $"entry {i}", vector[i]);
            }
        }
    }

    /// <summary>Throws when <paramref name="value"/> is NaN or infinite.</summary>
    public static void Finite(string component, string argument, double value)
    {
        if (!double.IsFinite(value))
        {
            throw ErrorMessage.NotFinite(component, argument, "it", value);
        }
    }

    /// <summary>Throws when <paramref name="vector"/> does not have <paramref name="expected"/> entries.</summary>
    public static void Length(string component, string argument, Vector<double> vector, int expected)
    {
        NotNull(component, argument, vector);
        if (vector.Count != expected)
        {
            throw ErrorMessage.Shape(component, argument, ErrorMessage.FormatShape(expected),
                ErrorMessage.FormatShape(vector.Count));
        }
    }

    /// <summary>Throws when <paramref name="matrix"/> does not have <paramref name="expected"/> columns.</summary>
    public static void Columns(string component, string argument, Matrix<double> matrix, int expected)
    {
        NotNull(component, argument, matrix);
        if (matrix.ColumnCount != expected)
        {
            throw ErrorMessage.Shape(component, argument, $"(rows, {expected})",
                ErrorMessage.FormatShape(matrix.RowCount, matrix.ColumnCount));
        }
    }

    /// <summary>Throws when <paramref name="value"/> is not strictly positive and finite.</summary>
    public static void Positive(string component, string argument, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw ErrorMessage.OutOfRange(component, argument, "a positive finite number", value);
        }
    }

    /// <summary>
    /// Throws when <paramref name="names"/> holds a name twice, naming it ("step names must be distinct …").
    /// </summary>
    public static void DistinctNames(string component, string argument, string what, IEnumerable<string> names)
    {
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException(
                $"{component}: {what} names must be distinct, but '{repeated.Key}' appears {repeated.Count()} times.",
                argument);
        }
    }

    /// <summary>
    /// Throws when <paramref name="actual"/> is not <paramref name="expected"/>; <paramref name="why"/> says where the
    /// expected shape comes from.
    /// </summary>
    public static void Shape(string component, string argument, long[] actual, long[] expected, string why)
    {
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw ErrorMessage.Shape(component, argument,
                $"{ErrorMessage.FormatShape(expected)} ({why})", ErrorMessage.FormatShape(actual));
        }
    }

    /// <summary>
    /// Throws unless <paramref name="gradients"/> holds one vector of <paramref name="units"/> entries per
    /// time step: the ∂L/∂h_t a recurrent layer's backward pass takes.
    /// </summary>
    public static void StepVectors(string component, string argument,
        IReadOnlyList<Vector<double>> gradients, int steps, int units)
    {
        if (gradients.Count != steps)
        {
            throw new ArgumentException(
                $"{component}: {argument} must hold {steps} vectors of shape ({units},), "
                + $"one per time step of the forward pass, but holds {gradients.Count}.", argument);
        }
        for (int t = 0; t < steps; t++)
        {
            if (gradients[t].Count != units)
            {
                throw ErrorMessage.Shape(component, $"{argument}[{t}]",
                    ErrorMessage.FormatShape(units), ErrorMessage.FormatShape(gradients[t].Count));
            }
        }
    }
}
