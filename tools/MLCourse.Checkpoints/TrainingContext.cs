using System.Diagnostics;
using MLCourse.Data;
using MLCourse.Persistence;
using TorchSharp;

namespace MLCourse.CheckpointPrograms;

/// <summary>What a training program is given: seed, threads, where to write, and the provenance to record.</summary>
/// <param name="Seed">Seed for TorchSharp and System.Random.</param>
/// <param name="Threads">TorchSharp's intra-op threads.</param>
/// <param name="OutputFolder">Where the weights and the manifest go (datasets/checkpoints by default).</param>
/// <param name="Quick">A short run that tests the program end to end; its result is not a checkpoint to ship.</param>
/// <param name="Command">The command line, recorded in the manifest.</param>
/// <param name="Commit">The commit the program was built from (<c>git rev-parse HEAD</c>; "+dirty" if the
/// working tree had changes).</param>
/// <param name="Clock">Started when the program started.</param>
public sealed record TrainingContext(int Seed, int Threads, string OutputFolder, bool Quick, string Command,
    string Commit, Stopwatch Clock)
{
    /// <summary>Seeds TorchSharp and sets its thread count; call first.</summary>
    public Random Start()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(Seed);
        return new Random(Seed);
    }

    /// <summary>Saves <paramref name="module"/> and its manifest entry (hash, size, provenance filled in).</summary>
    public CheckpointInfo Save(torch.nn.Module module, CheckpointInfo entry)
    {
        CheckpointInfo withProvenance = entry with
        {
            Command = Command,
            Commit = Commit,
            Seed = Seed,
            Threads = Threads,
            TrainingSeconds = Math.Round(Clock.Elapsed.TotalSeconds),
        };
        return Checkpoints.Save(module, withProvenance, OutputFolder);
    }

    /// <summary>The datasets/checkpoints folder of the repository the program runs in.</summary>
    public static string DefaultFolder() =>
        Path.Combine(Path.GetDirectoryName(DatasetDirectory.PathOf("README.md"))!, Checkpoints.Folder);

    /// <summary>The current commit, with "+dirty" when the working tree has uncommitted changes.</summary>
    public static string GitCommit()
    {
        try
        {
            string head = Git("rev-parse HEAD");
            return Git("status --porcelain --untracked-files=no").Length > 0 ? head + "+dirty" : head;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown (git not available)";
        }
    }

    private static string Git(string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(DatasetDirectory.PathOf("README.md"))!,
        }) ?? throw new InvalidOperationException("git did not start");
        string output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException("git failed: " + arguments);
    }
}
