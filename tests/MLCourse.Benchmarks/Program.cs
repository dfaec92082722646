using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. --filter '*Conv*' --job short.
// In-process: BenchmarkDotNet's usual child project is generated outside this build, so it would
// miss the build step that lets TorchSharp load on older Linux systems (see the root README).
string[] arguments = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments);
