using System.Reflection;
using System.Runtime.Loader;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class FSharpCoreRedirectTests
{
    [Fact]
    public void A_request_for_a_newer_FSharp_Core_is_answered_with_the_loaded_one()
    {
        Assembly loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly;   // loads FSharp.Core

        var answer = FSharpCoreRedirect.Resolve(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.0.0.0"));

        Assert.Same(loaded, answer);
    }

    [Fact]
    public void Other_assemblies_are_left_to_the_runtime()
    {
        Assert.Null(FSharpCoreRedirect.Resolve(AssemblyLoadContext.Default, new AssemblyName("Not.FSharp.Core, Version=1.0.0.0")));
    }
}
