using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Shows Plotly.NET charts in notebooks, offline. Plotly.NET.Interactive's own HTML loads plotly.js
/// from cdn.plot.ly through require.js, so charts stay empty without a network. Here the first chart
/// a kernel shows carries plotly.js inline (the copy Plotly.NET ships), once per notebook; it and
/// every later chart draw with that <c>window.Plotly</c> (VS Code shows a notebook's outputs in one
/// page, as <c>dotnet repl</c>'s executed notebook and the course site do). Kept apart from
/// <see cref="Formatters"/> so that no Plotly type is touched before <see cref="FSharpCoreRedirect"/> is installed.
/// </summary>
internal static class ChartFormatter
{
    /// <summary>Marks the inline plotly.js, so a page that loads its own copy (the course site) can drop it.</summary>
    public const string PlotlyScriptAttribute = "data-mlcourse-plotly";

    private static int _plotlyShown;

    public static void Register() =>
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(Html(chart)), HtmlFormatter.MimeType);

    /// <summary>
    /// The chart's HTML: plotly.js inline the first time, then a div and a script that draws into it.
    /// </summary>
    internal static string Html(GenericChart chart) =>
        TakePlotlyScript() is { } script ? $"{script}\n{ChartOnly(chart)}" : ChartOnly(chart);

    /// <summary>
    /// A div and a script that draws the chart with <c>window.Plotly</c>; no plotly.js, no require.js.
    /// </summary>
    internal static string ChartOnly(GenericChart chart) =>
        GenericChart.toChartHTML(Chart.withDisplayOptions(
            DisplayOptions.init(null, null, null, null, null, null, PlotlyJSReference.NoReference)).Invoke(chart));

    /// <summary>
    /// The inline plotly.js element the first time it is asked for in this kernel, null after that.
    /// <see cref="LiveChart"/> shows it as an output of its own, so its frames stay small.
    /// </summary>
    internal static string? TakePlotlyScript() =>
        Interlocked.Exchange(ref _plotlyShown, 1) == 0 ? PlotlyScript() : null;

    /// <summary>
    /// plotly.js inline, with RequireJS's <c>define</c> hidden while it runs. Jupyter Notebook and
    /// nbconvert's HTML export load require.js; plotly.js, seeing <c>define.amd</c>, would register as an
    /// anonymous AMD module ("Mismatched anonymous define() module") and never set <c>window.Plotly</c>,
    /// so every chart would stay blank. Where there is no <c>define</c> (VS Code, the site) nothing changes.
    /// </summary>
    internal static string PlotlyScript() =>
        $"<script type=\"text/javascript\" {PlotlyScriptAttribute}>"
        + $"{HideDefine}\n{PlotlyJs()}\n{RestoreDefine}</script>";

    // One block, so that the saved define is not a global; plotly.js's own top-level names stay global.
    internal const string HideDefine =
        "{ const mlcourseSavedDefine = window.define; window.define = undefined; try {";

    internal const string RestoreDefine =
        "} finally { if (mlcourseSavedDefine !== undefined) { window.define = mlcourseSavedDefine; } "
        + "else { delete window.define; } } }";

    private static string PlotlyJs()
    {
        Assembly plotly = typeof(GenericChart).Assembly;
        string resource = plotly.GetManifestResourceNames()
            .Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var reader = new StreamReader(plotly.GetManifestResourceStream(resource)!);
        // A literal "</script>" inside the script would end the element early.
        return reader.ReadToEnd().Replace("</script>", "<\\/script>", StringComparison.OrdinalIgnoreCase);
    }
}
