using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace MLCourse.Notebooks;

/// <summary>
/// Shows Plotly.NET charts in notebooks with Plotly.NET.Interactive's own HTML. Kept apart from
/// <see cref="Formatters"/> so that no Plotly type is touched before <see cref="FSharpCoreRedirect"/> is installed.
/// </summary>
internal static class ChartFormatter
{
    public static void Register() =>
        Formatter.Register<GenericChart>(
            (chart, writer) => writer.Write(Plotly.NET.Interactive.Formatters.toInteractiveHTML(chart)),
            HtmlFormatter.MimeType);
}
