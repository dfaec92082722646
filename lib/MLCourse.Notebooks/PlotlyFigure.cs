using DynamicObj;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Builds Plotly figures from plotly.js's own attribute names (<c>tickvals</c>, <c>scaleanchor</c>,
/// <c>sliders</c>) for the charts whose attributes Plotly.NET's typed API does not reach.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>A plotly.js object with these attributes; null values are left out.</summary>
    public static DynamicObj.DynamicObj Object(params (string Name, object? Value)[] attributes) =>
        Set(new DynamicObj.DynamicObj(), attributes);

    /// <summary>A trace of plotly.js type <paramref name="type"/> (e.g. "heatmap") with these attributes.</summary>
    public static Trace Trace(string type, params (string Name, object? Value)[] attributes) =>
        Set(new Trace2D(type), attributes);

    /// <summary>
    /// A chart of <paramref name="traces"/> under Plotly.NET's default template, with these layout
    /// attributes; its layout is its own (Plotly.NET's default layout object is shared by every chart
    /// and must not be changed).
    /// </summary>
    public static GenericChart Chart(IEnumerable<Trace> traces, params (string Name, object? Value)[] layout)
    {
        GenericChart chart = GenericChart.ofTraceObjects(true, traces.ToList());
        return GenericChart.setLayout(Set(Copy(GenericChart.getLayout(chart), new Layout()), layout), chart);
    }

    /// <summary>
    /// Copies every attribute of <paramref name="source"/> onto <paramref name="target"/>: a shallow
    /// copy, nested objects are shared, so replace them rather than change them.
    /// </summary>
    public static T Copy<T>(DynamicObj.DynamicObj source, T target) where T : DynamicObj.DynamicObj
    {
        foreach (var attribute in source.GetProperties(true))
        {
            target.SetProperty(attribute.Key, attribute.Value);
        }
        return target;
    }

    /// <summary>Sets <paramref name="attributes"/> on <paramref name="target"/>, leaving out null values.</summary>
    public static T Set<T>(T target, params (string Name, object? Value)[] attributes) where T : DynamicObj.DynamicObj
    {
        foreach ((string name, object? value) in attributes)
        {
            if (value is not null)
            {
                target.SetProperty(name, value);
            }
        }
        return target;
    }

    /// <summary>The value of attribute <paramref name="name"/> of <paramref name="target"/>, or null.</summary>
    public static object? Get(DynamicObj.DynamicObj target, string name) =>
        target.TryGetPropertyValue(name) is { } value ? value.Value : null;

    /// <summary>
    /// An axis of categories or cells at 0, 1, 2, …: one tick per cell, labelled with
    /// <paramref name="labels"/> when given (every label kept, repeated ones too), no grid lines.
    /// </summary>
    public static DynamicObj.DynamicObj CellAxis(int cells,
        IReadOnlyList<string>? labels, string? title, bool reversed) =>
        Object(
            ("title", title is null ? null : Object(("text", title))),
            ("tickmode", labels is null ? null : "array"),
            ("tickvals", labels is null ? null : Enumerable.Range(0, cells).ToArray()),
            ("ticktext", labels),
            ("range", reversed ? new[] { cells - 0.5, -0.5 } : new[] { -0.5, cells - 0.5 }),
            ("showgrid", false),
            ("zeroline", false));
}
