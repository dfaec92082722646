using System.Globalization;
using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Shows a value wherever the course runs. In a notebook (a .NET Interactive kernel) it is the
/// notebook's own display: HTML tables and interactive charts. Anywhere else — the generated
/// file-based apps generated into <c>artifacts/apps/</c>, or a learner's console program — values print as text
/// and each chart is written to a self-contained HTML file whose path is printed.
/// </summary>
/// <remarks>
/// The file-based apps call <see cref="Show"/> where a notebook cell ends in a value. Charts go to
/// <see cref="ChartFolder"/> beside one copy of plotly.js (the copy Plotly.NET ships), so they open
/// offline in any browser.
/// </remarks>
public static class Display
{
    private const string PlotlyScript = "plotly.min.js";
    private static int _charts;

    /// <summary>Whether code is running inside a .NET Interactive kernel (a notebook or dotnet repl).</summary>
    public static bool InNotebook => KernelInvocationContext.Current is not null;

    /// <summary>
    /// Where charts are written outside a notebook: <c>artifacts/apps/{app}/</c> under the working
    /// directory, {app} being the file-based app's file name (or the program's name).
    /// </summary>
    public static string ChartFolder { get; set; } =
        Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "apps", AppName());

    /// <summary>
    /// Shows <paramref name="value"/>: the notebook's display in a notebook; text, or a chart file, elsewhere.
    /// </summary>
    public static void Show(object? value)
    {
        if (InNotebook)
        {
            (value ?? "null").Display();
        }
        else if (value is GenericChart chart)
        {
            Console.WriteLine($"[chart written to {WriteChart(chart, NextChartPath())}]");
        }
        else
        {
            Console.WriteLine(Text(value));
        }
    }

    // The course's own types have plain-text formatters (Formatters); any other sequence prints
    // one item per line, as a notebook shows one row per item.
    private static string Text(object? value) => value switch
    {
        null => "null",
        string text => text,
        ExerciseResult result => result.Text(),
        System.Collections.IEnumerable sequence when !Formatters.HasFormatter(value) =>
            string.Join(Environment.NewLine, sequence.Cast<object?>().Select(item => item?.ToString() ?? "null")),
        _ => value.ToDisplayString(PlainTextFormatter.MimeType),
    };

    /// <summary>
    /// The path of the next numbered chart file in <see cref="ChartFolder"/> (chart-01.html, chart-02.html, …).
    /// </summary>
    public static string NextChartPath() =>
        Path.Combine(ChartFolder,
            string.Create(CultureInfo.InvariantCulture, $"chart-{Interlocked.Increment(ref _charts):00}.html"));

    /// <summary>
    /// Writes <paramref name="chart"/> as an HTML page at <paramref name="path"/> that loads plotly.js from beside it.
    /// </summary>
    /// <returns>The path written.</returns>
    public static string WriteChart(GenericChart chart, string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        WritePlotlyScript(Path.Combine(folder, PlotlyScript));
        var options = DisplayOptions.init(null, null, null, null, null, null, PlotlyJSReference.NewCDN(PlotlyScript));
        GenericChart offline = Chart.withDisplayOptions(options).Invoke(chart);
        File.WriteAllText(path, GenericChart.toEmbeddedHTML(offline));
        return path;
    }

    // Plotly.NET embeds the plotly.js it was built against; copying it once per folder keeps
    // each chart file small and the charts offline.
    private static void WritePlotlyScript(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        Assembly plotly = typeof(GenericChart).Assembly;
        string resource = plotly.GetManifestResourceNames()
            .Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using Stream source = plotly.GetManifestResourceStream(resource)!;
        using FileStream target = File.Create(path);
        source.CopyTo(target);
    }

    // A .NET 10 file-based app records its entry file; any other program falls back to its name.
    private static string AppName() =>
        AppContext.GetData("EntryPointFilePath") is string entry
            ? Path.GetFileNameWithoutExtension(entry)
            : Assembly.GetEntryAssembly()?.GetName().Name ?? "app";
}
