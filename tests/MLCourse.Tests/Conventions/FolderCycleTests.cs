using System.Text.RegularExpressions;

namespace MLCourse.Tests.Conventions;

/// <summary>
/// The core's folders (namespaces) depend on each other without a cycle, so each can be read, and
/// taught, after the ones it uses. A dependency is a <c>using</c> directive, a qualified name
/// (<c>Persistence.LayerWeights</c>) or a type of an enclosing namespace named in code; comments and
/// XML docs do not count.
/// </summary>
public sealed partial class FolderCycleTests
{
    [Fact]
    public void TheCoresNamespacesDependOnEachOtherWithoutACycle()
    {
        Dictionary<string, Dictionary<string, string>> graph = Dependencies();
        string[] cycles = Cycles(graph).Select(cycle => string.Join(" → ",
                cycle.Zip(cycle.Skip(1)).Select(edge => $"{edge.First} ({graph[edge.First][edge.Second]})")
                    .Append(cycle[^1])))
            .ToArray();
        Assert.True(cycles.Length == 0, "namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheDependenciesAreFound()
    {
        Dictionary<string, Dictionary<string, string>> graph = Dependencies();
        Assert.Contains("MLCourse.Tensors", graph["MLCourse.Convolution"].Keys);   // ImageBatch
        Assert.Contains("MLCourse.Persistence", graph["MLCourse.Convolution"].Keys);   // Persistence.LayerWeights
        Assert.Contains("MLCourse.Errors", graph["MLCourse.Sequence"].Keys);
    }

    [Fact]
    public void ACycleIsFound()
    {
        var graph = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "a.cs" },
            ["B"] = new() { ["C"] = "b.cs" },
            ["C"] = new() { ["A"] = "c.cs" },
            ["D"] = new() { ["A"] = "d.cs" },
        };
        Assert.Equal(["A", "B", "C", "A"], Assert.Single(Cycles(graph)));
    }

    /// <summary>Namespace → the namespaces it uses, each with one file that uses it.</summary>
    private static Dictionary<string, Dictionary<string, string>> Dependencies()
    {
        var files = LibrarySource.LibraryFiles().Where(f => f.StartsWith("lib/MLCourse/"))
            .Select(f => (File: f, Text: File.ReadAllText(Path.Combine(LibrarySource.Root, f))))
            .Select(f => (f.File, Namespace: NamespaceLine().Match(f.Text).Groups[1].Value,
                Code: LibrarySource.Code(f.Text)))
            .ToArray();
        Dictionary<string, HashSet<string>> typesOf = LibrarySource.Types
            .Where(type => type.Files.Any(f => f.StartsWith("lib/MLCourse/")))
            .GroupBy(type => type.Namespace).ToDictionary(g => g.Key, g => g.Select(type => type.Name).ToHashSet());
        var graph = typesOf.Keys.ToDictionary(ns => ns, _ => new Dictionary<string, string>());
        foreach (var (file, ns, code) in files)
        {
            foreach (string other in typesOf.Keys.Where(other => other != ns && Uses(code, ns, other, typesOf[other])))
            {
                graph[ns].TryAdd(other, file);
            }
        }
        return graph;
    }

    private static bool Uses(string code, string ns, string other, HashSet<string> types)
    {
        string relative = other.Length > "MLCourse.".Length ? other["MLCourse.".Length..] : "";
        bool enclosing = ns.StartsWith(other + ".");
        return Regex.IsMatch(code, $@"using\s+{Regex.Escape(other)}\s*;")
            || Regex.Matches(code, $@"using\s+static\s+{Regex.Escape(other)}\.(\w+)\s*;")
                .Any(m => types.Contains(m.Groups[1].Value))
            || Regex.Matches(code, $@"(?<![\w.])(?:MLCourse\.)?{Regex.Escape(relative)}\.(\w+)")
                .Any(m => relative.Length > 0 && types.Contains(m.Groups[1].Value))
            || (enclosing && types.Any(type => LibrarySource.Names(code, type)));
    }

    /// <summary>
    /// One cycle through each strongly connected group of namespaces, as a path that returns to its start.
    /// </summary>
    private static List<List<string>> Cycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>();
        foreach (string start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string>();
            var onPath = new HashSet<string>();
            if (!done.Contains(start) && FindCycle(start) is { } cycle)
            {
                cycles.Add(cycle);
            }

            List<string>? FindCycle(string node)
            {
                if (onPath.Contains(node))
                {
                    return [.. path[path.IndexOf(node)..], node];
                }
                if (!done.Add(node))
                {
                    return null;
                }
                path.Add(node);
                onPath.Add(node);
                foreach (string next in graph.GetValueOrDefault(node, []).Keys.Order(StringComparer.Ordinal))
                {
                    if (FindCycle(next) is { } found)
                    {
                        return found;
                    }
                }
                path.RemoveAt(path.Count - 1);
                onPath.Remove(node);
                return null;
            }
        }
        return cycles;
    }

    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

}
