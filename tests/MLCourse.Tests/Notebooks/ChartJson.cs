using System.Text.Json;
using Plotly.NET;

namespace MLCourse.Tests.Notebooks;

/// <summary>A chart as plotly.js receives it: the figure's JSON, its "data" and "layout".</summary>
internal static class ChartJson
{
    public static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static JsonElement[] Traces(GenericChart chart) => Figure(chart).GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(GenericChart chart) => Figure(chart).GetProperty("layout");

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!).ToArray();
}
