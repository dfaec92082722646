using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace MLCourse.Notebooks;

/// <summary>
/// Compiles every later C# cell of the notebook with nullable annotations on and without the
/// assembly-unification warnings, so that no front end shows compiler noise under a learner's cell.
/// </summary>
/// <remarks>
/// The .NET Interactive C# kernel compiles cells without a nullable context and has no option for
/// one (dotnet/interactive#3464), so each <c>string? prediction = null;</c> placeholder drew CS8632
/// ("The annotation for nullable reference types should only be used in code within a '#nullable'
/// annotations context"), which Jupyter shows as red stderr. A <c>#nullable</c> directive holds for
/// one cell only, so a middleware on the C# kernel puts <see cref="Directives"/> before each cell's
/// code; its <c>#line 1</c> keeps the line numbers of errors as the learner sees them. Annotations
/// only: nullable warnings stay off, as they were.
/// Cells that touch TorchSharp or Plotly.NET also drew CS1701 ("Assuming assembly reference
/// 'System.Runtime.Numerics, Version=8.0.0.0' used by 'TorchSharp' matches identity … 10.0.0.0"),
/// which every SDK project silences (its default NoWarn is 1701;1702). That warning has no source
/// location, so no <c>#pragma</c> reaches it: the kernel's script options get warning level 1 instead
/// (<see cref="WarningLevel"/>), which drops warnings of level 2 and above (CS1701 and CS1702, and
/// with them unused variables and unreachable code) and keeps errors. Installed by
/// <see cref="Course.Load"/>, which every notebook's setup runs.
/// </remarks>
public static class CellDirectives
{
    /// <summary>The lines put before each C# cell's code.</summary>
    public const string Directives = "#nullable enable annotations\n#line 1\n";

    /// <summary>The C# kernel's warning level: 1, below CS1701's 2.</summary>
    public const int WarningLevel = 1;

    private static int _installed;

    // SubmitCode.Code has a non-public setter (the command keeps its identity, so its outputs still
    // reach the cell). Should a later .NET Interactive drop it, cells run as they are, warnings and all.
    private static readonly PropertyInfo? CodeProperty =
        typeof(SubmitCode).GetProperty(nameof(SubmitCode.Code)) is { CanWrite: true } code ? code : null;

    /// <summary>
    /// Adds the middleware to the C# kernel of the notebook that is running (none outside a notebook);
    /// later calls do nothing.
    /// </summary>
    public static void Install()
    {
        if (KernelInvocationContext.Current?.HandlingKernel?.RootKernel is { } root
            && root.FindKernelByName("csharp") is { } csharp
            && Interlocked.Exchange(ref _installed, 1) == 0)
        {
            Install(csharp);
        }
    }

    /// <summary>Adds the middleware to <paramref name="kernel"/>.</summary>
    internal static void Install(Kernel kernel)
    {
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (command is SubmitCode submit)
            {
                CodeProperty?.SetValue(submit, WithDirectives(submit.Code));
            }
            await next(command, context);
        });
        LowerWarningLevel(kernel);
    }

    // CSharpKernel keeps its Roslyn ScriptOptions in a private field and offers no setter; this
    // library does not reference Roslyn, so the call goes through reflection too. Where the field
    // is missing (another kernel version), nothing changes.
    private static void LowerWarningLevel(Kernel kernel)
    {
        var field = kernel.GetType().GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);
        object? options = field?.GetValue(kernel);
        MethodInfo? withWarningLevel = options?.GetType().GetMethod("WithWarningLevel", [typeof(int)]);
        if (withWarningLevel is not null)
        {
            field!.SetValue(kernel, withWarningLevel.Invoke(options, [WarningLevel]));
        }
    }

    /// <summary><paramref name="code"/> with <see cref="Directives"/> before it (once).</summary>
    internal static string WithDirectives(string code) =>
        code.StartsWith(Directives, StringComparison.Ordinal) ? code : Directives + code;
}
