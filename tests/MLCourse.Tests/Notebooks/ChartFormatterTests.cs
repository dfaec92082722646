using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class ChartFormatterTests
{
    // Jupyter Notebook and nbconvert's HTML export load require.js: plotly.js, seeing define.amd,
    // would register as an anonymous AMD module and never set window.Plotly.
    [Fact]
    public void The_inline_plotly_js_runs_with_requirejs_define_hidden_and_restores_it_after()
    {
        string script = ChartFormatter.PlotlyScript();

        Assert.StartsWith("<script type=\"text/javascript\" data-mlcourse-plotly>"
            + "{ const mlcourseSavedDefine = window.define; window.define = undefined; try {\n/**\n* plotly.js v2.28.0", script);
        Assert.EndsWith("\n} finally { if (mlcourseSavedDefine !== undefined) { window.define = mlcourseSavedDefine; } "
            + "else { delete window.define; } } }</script>", script);
        // plotly.js's UMD header picks AMD when define.amd is there: it must run while define is hidden.
        int umd = script.IndexOf("\"function\"==typeof define&&define.amd", StringComparison.Ordinal);
        Assert.InRange(umd, script.IndexOf(ChartFormatter.HideDefine, StringComparison.Ordinal), script.IndexOf(ChartFormatter.RestoreDefine, StringComparison.Ordinal));
        // One element, so that the site (and the executed notebook's fingerprint) can drop it whole.
        Assert.Equal(1, CountOf(script, "</script>"));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
