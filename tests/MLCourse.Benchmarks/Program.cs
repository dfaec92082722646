using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using MLCourse.Benchmarks;

// Runs the benchmarks chosen on the command line, e.g. --filter '*Conv*' --job short.
// In-process: BenchmarkDotNet's usual child project is generated outside this build, so it would
// miss the build step that lets TorchSharp load on older Linux systems (see the root README).
// --cpuClock measures the process's CPU time instead of the wall clock (ProcessCpuClock): on a
// shared machine the wall clock also counts the time spent waiting for a core.
bool cpuClock = args.Contains("--cpuClock");
string[] arguments = [.. args.Where(a => a != "--cpuClock")];
if (!arguments.Contains("--inProcess"))
{
    arguments = [.. arguments, "--inProcess"];
}
IConfig? config = cpuClock
    ? DefaultConfig.Instance.AddJob(Job.Default.WithClock(ProcessCpuClock.Instance).AsMutator())
    : null;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments, config);
