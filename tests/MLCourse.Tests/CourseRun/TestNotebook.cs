using System.Text.Json;

namespace MLCourse.Tests.CourseRun;

/// <summary>Small .ipynb files for the tests, with the cell and notebook metadata .NET Interactive writes.</summary>
internal static class TestNotebook
{
    /// <summary>A markdown cell.</summary>
    public static string Markdown(string source) =>
        $$"""{"cell_type": "markdown", "metadata": {}, "source": [{{JsonSerializer.Serialize(source)}}]}""";

    /// <summary>A C# code cell with its outputs (each a Jupyter output as JSON) and execution count.</summary>
    public static string Code(string source, int? executionCount = null, params string[] outputs) =>
        $$$"""{"cell_type": "code", "execution_count": {{{executionCount?.ToString() ?? "null"}}}, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [{{{string.Join(", ", outputs)}}}], "source": [{{{JsonSerializer.Serialize(source)}}}]}""";

    /// <summary>Writes a notebook of <paramref name="cells"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, params string[] cells) => File.WriteAllText(path, $$$$"""
        {"cells": [{{{{string.Join(",\n", cells)}}}}],
         "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                      "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
         "nbformat": 4, "nbformat_minor": 5}
        """);
}
