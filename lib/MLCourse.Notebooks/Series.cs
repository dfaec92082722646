namespace MLCourse.Notebooks;

/// <summary>One named line of a chart: y against x.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, one per x.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A series whose x values are 0, 1, 2, … (e.g. epochs or examples seen).</summary>
    public static Series Indexed(string name, IReadOnlyList<double> y) =>
        new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);
}
