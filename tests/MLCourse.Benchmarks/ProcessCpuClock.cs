using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace MLCourse.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time this process has used (user + system, every
/// thread: clock_gettime(CLOCK_PROCESS_CPUTIME_ID)) instead of the wall clock. On a machine shared
/// with other work, wall-clock time also counts the time the process waited for a core, which has
/// nothing to do with the kernels; CPU time does not. Both sides of a comparison here run on one
/// thread, so their CPU time is their cost. Chosen with <c>--cpuClock</c>; Linux and macOS only.
/// </summary>
public sealed class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTime = 2;   // CLOCK_PROCESS_CPUTIME_ID on Linux

    /// <summary>The one instance.</summary>
    public static ProcessCpuClock Instance { get; } = new();

    /// <inheritdoc/>
    public string Title => "process CPU time";

    /// <inheritdoc/>
    public bool IsAvailable => OperatingSystem.IsLinux() && clock_gettime(ClockProcessCpuTime, out _) == 0;

    /// <inheritdoc/>
    public Frequency Frequency => new(1e9);   // nanoseconds

    /// <inheritdoc/>
    public long GetTimestamp()
    {
        clock_gettime(ClockProcessCpuTime, out TimeSpec time);
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
