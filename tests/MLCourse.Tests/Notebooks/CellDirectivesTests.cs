using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using MLCourse.Notebooks;

namespace MLCourse.Tests.Notebooks;

public class CellDirectivesTests
{
    [Fact]
    public async Task Each_cell_compiles_in_a_nullable_annotations_context_with_its_own_line_numbers()
    {
        var compiled = new List<string>();
        using var kernel = new CellKernel(cell => compiled.Add(cell.Code));
        CellDirectives.Install(kernel);

        KernelCommandResult first = await kernel.SendAsync(new SubmitCode("string? prediction1 = null;"));
        await kernel.SendAsync(new SubmitCode("var x = 1;\nvar y = x;"));

        Assert.Equal(["#nullable enable annotations\n#line 1\nstring? prediction1 = null;",
            "#nullable enable annotations\n#line 1\nvar x = 1;\nvar y = x;"], compiled);
        Assert.DoesNotContain(first.Events, e => e is CommandFailed);
    }

    [Fact]
    public void The_directives_are_put_before_a_cell_once()
    {
        string once = CellDirectives.WithDirectives("var x = 1;");

        Assert.Equal(once, CellDirectives.WithDirectives(once));
    }
}
