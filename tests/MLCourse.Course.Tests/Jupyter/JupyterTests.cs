using System.Text.Json;
using System.Text.RegularExpressions;
using MLCourse.CourseRunner;
using MLCourse.CourseRunner.Site;

namespace MLCourse.Course.Tests.Jupyter;

/// <summary>
/// The README's Jupyter route, run as a learner would: two notebooks executed by Jupyter's own client
/// (<c>jupyter nbconvert --execute</c>, nbclient) with the .NET Interactive kernel
/// (<c>Microsoft.dotnet-interactive</c>, the local tool pinned in <c>.config/dotnet-tools.json</c>,
/// installed with <c>dotnet interactive jupyter install</c>). Fails on an error output, on compiler noise
/// (stderr) under a cell, on a chart with no data, on a live chart whose last output is not its final
/// chart, and on a chart that does not draw in Chromium with require.js loaded (as Jupyter Notebook
/// loads it). Needs Jupyter (Debian's <c>jupyter-nbconvert</c>, <c>python3-nbclient</c>,
/// <c>jupyter-client</c>; .ci/run installs them), Node.js and Chromium.
/// </summary>
public sealed partial class JupyterTests
{
    // Day 2: charts from the first cells on; day 10: live charts (LiveChart) during training.
    public static TheoryData<string> Notebooks() => new([Charts, "day-10-rnn-unfolding.ipynb"]);

    private const string Charts = "day-02-tensors.ipynb";

    private static readonly CourseLayout Layout = CourseLayout.FindFrom(AppContext.BaseDirectory);
    private static readonly string Folder = Path.Combine(Layout.Root, "artifacts", "jupyter");
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Kernel = new(InstallKernel);
    private static readonly HashSet<string> ExecutedThisRun = [];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_notebook_runs_in_Jupyter_without_errors_or_compiler_noise_and_every_chart_has_data(string notebook)
    {
        string executed = Execute(notebook);
        var outputs = Outputs(executed).ToList();

        Assert.DoesNotContain(outputs, o => o.Type == "error");
        var stderr = outputs.Where(o => o.Type == "stream" && o.Name == "stderr").Select(o => o.Text).ToList();
        Assert.True(stderr.Count == 0, $"{notebook}: stderr under a cell in Jupyter:\n{string.Join("\n", stderr)}");
        var charts = outputs.Where(o => o.Html.Contains("Plotly.newPlot", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, chart => Assert.Matches(TracesWithData(), chart.Html));
        // Jupyter's clients drop the kernel's in-place updates: each live chart's last output is its final chart.
        foreach (var live in outputs.Where(o => o.LiveChart is not null).GroupBy(o => o.LiveChart))
        {
            Assert.Contains("Plotly.newPlot", live.Last().Html, StringComparison.Ordinal);
        }
        // The saved notebook names no address but the loopback one (the kernel runs with --http-local-only).
        Assert.All(outputs, o => Assert.DoesNotMatch(NonLoopbackProbe(), o.Html));
    }

    [Fact]
    public void Charts_from_Jupyter_draw_in_Chromium_with_require_js_loaded()
    {
        string executed = Execute(Charts);
        string site = Path.Combine(Folder, "site");
        if (Directory.Exists(site))
        {
            Directory.Delete(site, recursive: true);
        }
        Directory.CreateDirectory(site);
        CourseSite.InstallPackages(Layout);
        File.WriteAllText(Path.Combine(site, "index.html"), "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Jupyter</title></head><body><p>Charts from Jupyter</p></body></html>\n");
        Assert.NotNull(RequireJsPage.Write(site, Layout.SiteSources, [executed]));

        var check = ProcessRunner.Run("node", [Path.Combine(Layout.SiteSources, "check-site.mjs"), site], Layout.Root, TimeSpan.FromMinutes(3));

        Assert.True(check.ExitCode == 0, $"check-site.mjs on the Jupyter charts exited {check.ExitCode}:\n{check.Output}");
        Assert.Contains("ok   requirejs-charts.html: 2 charts drawn", check.Output);
    }

    private static string Execute(string notebook)
    {
        string output = Path.Combine(Folder, "notebooks");
        string executed = Path.Combine(output, notebook);
        lock (Kernel)
        {
            if (ExecutedThisRun.Add(notebook))
            {
                var run = ProcessRunner.Run("jupyter",
                    ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900", "--output-dir", output, notebook],
                    Layout.Notebooks, TimeSpan.FromMinutes(20), Kernel.Value);
                Assert.True(run.ExitCode == 0, $"jupyter nbconvert --execute {notebook} exited {run.ExitCode}:\n{run.Output}");
            }
        }
        return executed;
    }

    // The kernel spec as the README installs it (dotnet interactive jupyter install), into a folder of
    // the test's own (JUPYTER_PATH) so the machine's Jupyter is left as it was, with --http-local-only.
    private static IReadOnlyDictionary<string, string> InstallKernel()
    {
        var version = ProcessRunner.Run("jupyter", ["nbconvert", "--version"], Layout.Root, TimeSpan.FromMinutes(1));
        Assert.True(version.ExitCode == 0,
            "Jupyter is missing: install Debian's jupyter-nbconvert, python3-nbclient and jupyter-client (as .ci/run does), "
            + $"or `pip install nbconvert nbclient`.\n{version.Output}");
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore"], Layout.Root, TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore.Output}");
        string kernels = Path.Combine(Folder, "kernels");
        Directory.CreateDirectory(kernels);
        var install = ProcessRunner.Run("dotnet", ["tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", kernels],
            Layout.Root, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, $"dotnet interactive jupyter install failed:\n{install.Output}");
        string spec = Path.Combine(kernels, ".net-csharp", "kernel.json");
        var kernel = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(spec))!;
        var argv = kernel["argv"].EnumerateArray().Select(a => a.GetString()!).ToList();
        argv.Insert(argv.IndexOf("jupyter") + 1, "--http-local-only");
        kernel["argv"] = JsonSerializer.SerializeToElement(argv);
        File.WriteAllText(spec, JsonSerializer.Serialize(kernel));
        return new Dictionary<string, string> { ["JUPYTER_PATH"] = Folder };
    }

    private sealed record Output(string Type, string? Name, string Text, string Html, string? LiveChart);

    private static IEnumerable<Output> Outputs(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebook));
        foreach (JsonElement cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out JsonElement outputs))
            {
                continue;
            }
            foreach (JsonElement output in outputs.EnumerateArray())
            {
                string html = output.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("text/html", out JsonElement h) ? Text(h) : "";
                yield return new Output(
                    output.GetProperty("output_type").GetString()!,
                    output.TryGetProperty("name", out JsonElement name) ? name.GetString() : null,
                    output.TryGetProperty("text", out JsonElement text) ? Text(text) : "",
                    html,
                    LiveChartFrame().Match(html) is { Success: true } live ? live.Groups[1].Value : null);
            }
        }
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(line => line.GetString())) : value.GetString() ?? "";

    // Plotly.NET writes the traces as "var data = [{...}]": at least one trace, with x, y or z values.
    [GeneratedRegex(@"var data = \[\{.*""[xyz]"":\[[^\]]")]
    private static partial Regex TracesWithData();

    [GeneratedRegex("data-live-chart=\"([0-9a-f]{32})\"")]
    private static partial Regex LiveChartFrame();

    [GeneratedRegex(@"probeAddresses\(\[[^\]]*http://(?!127\.0\.0\.1)")]
    private static partial Regex NonLoopbackProbe();
}
