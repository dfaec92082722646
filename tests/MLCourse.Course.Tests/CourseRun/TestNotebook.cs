using System.Text.Json;

namespace MLCourse.Course.Tests.CourseRun;

/// <summary>Small .ipynb files for the tests, with the cell and notebook metadata .NET Interactive writes.</summary>
internal static class TestNotebook
{
    /// <summary>A markdown cell.</summary>
    public static string Markdown(string source) =>
        $$"""{"cell_type": "markdown", "metadata": {}, "source": [{{JsonSerializer.Serialize(source)}}]}""";

    /// <summary>A C# code cell with its outputs (each a Jupyter output as JSON) and execution count.</summary>
    public static string Code(string source, int? executionCount = null, params string[] outputs) =>
        $$$"""{"cell_type": "code", "execution_count": {{{executionCount?.ToString() ?? "null"}}}, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [{{{string.Join(", ", outputs)}}}], "source": [{{{JsonSerializer.Serialize(source)}}}]}""";

    /// <summary>A cell with the id <paramref name="id"/> (nbformat 4.5).</summary>
    public static string WithId(string cell, string id) => $"{{\"id\": {JsonSerializer.Serialize(id)}, " + cell[1..];

    /// <summary>
    /// Writes a notebook of <paramref name="cells"/> to <paramref name="path"/>; a cell without an id
    /// gets "cell-N" (N its 1-based position), as nbformat 4.5 requires.
    /// </summary>
    public static void Write(string path, params string[] cells) =>
        WriteWithoutIds(path, cells.Select((c, i) => c.Contains("\"id\":") ? c : WithId(c, $"cell-{i + 1}")).ToArray());

    /// <summary>Writes a notebook of <paramref name="cells"/> to <paramref name="path"/> as they are.</summary>
    public static void WriteWithoutIds(string path, params string[] cells) => File.WriteAllText(path, $$$$"""
        {"cells": [{{{{string.Join(",\n", cells)}}}}],
         "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                      "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
         "nbformat": 4, "nbformat_minor": 5}
        """);
}
