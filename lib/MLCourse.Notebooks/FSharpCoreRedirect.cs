using System.Reflection;
using System.Runtime.Loader;

namespace MLCourse.Notebooks;

/// <summary>
/// Answers requests for any FSharp.Core version with the one already loaded.
/// </summary>
/// <remarks>
/// <c>dotnet-repl</c> 0.3.259 and <c>dotnet-interactive</c> host FSharp.Core 10.0.0.0, while
/// Plotly.NET 6.0.0 references 10.1.0.0, so without this every chart fails with "Could not load
/// file or assembly FSharp.Core". FSharp.Core keeps binary compatibility within a major version,
/// which makes the loaded copy a safe answer. Installed by <see cref="Course.Load"/>.
/// </remarks>
public static class FSharpCoreRedirect
{
    private static int _installed;

    /// <summary>Adds the handler to the default load context once; later calls do nothing.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Resolve;
        }
    }

    /// <summary>
    /// The loaded FSharp.Core when <paramref name="name"/> asks for FSharp.Core; otherwise <c>null</c>.
    /// </summary>
    public static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "FSharp.Core"
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;
}
