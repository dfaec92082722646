using System.Diagnostics;
using System.Text;

namespace MLCourse.CourseRunner;

/// <summary>Runs a command to completion, capturing its output, with a time limit.</summary>
public static class ProcessRunner
{
    /// <summary>The outcome of a command.</summary>
    /// <param name="ExitCode">The exit code, or -1 when it was killed at the time limit.</param>
    /// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
    /// <param name="Elapsed">Wall-clock time.</param>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one argument.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="timeLimit">When it is killed.</param>
    /// <param name="environment">Environment variables to set on top of this process's.</param>
    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeLimit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append(output, $"Killed after the time limit of {timeLimit.TotalSeconds:F0} s.");
            return new Result(-1, Text(output), clock.Elapsed);
        }
        process.WaitForExit(); // flushes the asynchronous output handlers
        return new Result(process.ExitCode, Text(output), clock.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
