using System.Diagnostics;
using System.Globalization;
using MLCourse.CheckpointPrograms;

// dotnet run -c Release --project tools/MLCourse.Checkpoints -- <name> [--threads N] [--seed S] [--out folder]
// Trains one checkpoint from a fixed seed, measures its samples and writes the weights and their manifest
// entry to datasets/checkpoints/ (or --out). `list` prints the trainers there are.
var trainers = typeof(ICheckpointTrainer).Assembly.GetTypes()
    .Where(t => typeof(ICheckpointTrainer).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (ICheckpointTrainer)Activator.CreateInstance(t)!)
    .OrderBy(t => t.Name, StringComparer.Ordinal)
    .ToList();
if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
{
    Console.WriteLine("usage: dotnet run -c Release --project tools/MLCourse.Checkpoints -- <name> "
        + "[--threads N] [--seed S] [--out folder] [--quick]");
    foreach (ICheckpointTrainer t in trainers)
    {
        Console.WriteLine($"  {t.Name,-12} {t.Description}");
    }
    return args.Length == 0 ? 1 : 0;
}
ICheckpointTrainer? trainer = trainers.FirstOrDefault(t => t.Name == args[0]);
if (trainer is null)
{
    Console.Error.WriteLine($"Checkpoints: unknown checkpoint '{args[0]}'; known: "
        + string.Join(", ", trainers.Select(t => t.Name)));
    return 1;
}
string Option(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
var context = new TrainingContext(
    Seed: int.Parse(Option("--seed", "42"), CultureInfo.InvariantCulture),
    Threads: int.Parse(Option("--threads", "2"), CultureInfo.InvariantCulture),
    OutputFolder: Path.GetFullPath(Option("--out", TrainingContext.DefaultFolder())),
    Quick: args.Contains("--quick"),
    Command: "dotnet run -c Release --project tools/MLCourse.Checkpoints -- " + string.Join(' ', args),
    Commit: TrainingContext.GitCommit(),
    Clock: Stopwatch.StartNew());
Console.WriteLine($"{trainer.Name}: seed {context.Seed}, {context.Threads} threads, out {context.OutputFolder}"
    + (context.Quick ? " (quick: a short run to test the program, not the checkpoint)" : ""));
var written = trainer.Train(context);
Console.WriteLine($"{written.Name}: {written.Bytes:N0} bytes, SHA-256 {written.Sha256}, "
    + $"{written.TrainingSeconds:F0} s; quality: "
    + string.Join(", ", (written.Quality ?? new Dictionary<string, double>())
        .Select(q => $"{q.Key} {q.Value.ToString("G4", CultureInfo.InvariantCulture)}")));
return 0;
