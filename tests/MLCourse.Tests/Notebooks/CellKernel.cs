using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace MLCourse.Tests.Notebooks;

/// <summary>A kernel whose every cell runs one action, as a notebook cell runs code: events are the kernel's own.</summary>
internal sealed class CellKernel(Action<SubmitCode> cell) : Kernel("cell"), IKernelCommandHandler<SubmitCode>
{
    public Task HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        cell(command);
        return Task.CompletedTask;
    }
}
