namespace MLCourse.Tests.HostileInput;

/// <summary>
/// One hostile input given to a public entry point, and the house answer it must get: an exception of exactly
/// <see cref="Error"/> whose message holds every one of <see cref="Parts"/> (the component, the argument, the rule,
/// what was found), or, when <see cref="Error"/> is null, a result that <see cref="Act"/> checks itself.
/// </summary>
public sealed record HostileCase(string Name, Action Act, Type? Error, string[] Parts)
{
    /// <summary>A case that must throw <typeparamref name="TError"/> with a message holding every part.</summary>
    public static HostileCase Refused<TError>(string name, Action act, params string[] parts) where TError : Exception =>
        new(name, act, typeof(TError), parts);

    /// <summary>A case whose result (PyTorch's or scikit-learn's behaviour) <paramref name="check"/> asserts.</summary>
    public static HostileCase Answered(string name, Action check) => new(name, check, null, []);

    /// <summary>Runs the case: the exact exception type and every message part, or the result check.</summary>
    public void Run()
    {
        if (Error is null)
        {
            Act();
            return;
        }
        Exception error = Assert.Throws(Error, Act);
        foreach (string part in Parts)
        {
            Assert.True(error.Message.Contains(part, StringComparison.Ordinal),
                $"The message\n  {error.Message}\nlacks\n  {part}");
        }
        Assert.DoesNotContain("Value cannot be null", error.Message);
        Assert.DoesNotContain("An item with the same key", error.Message);
        Assert.DoesNotContain("Specified argument was out of the range", error.Message);
    }
}

/// <summary>The cases of one area by name, for a data-driven theory.</summary>
public sealed class HostileCases
{
    private readonly Dictionary<string, HostileCase> _byName = new(StringComparer.Ordinal);

    /// <summary>How many cases there are.</summary>
    public int Count => _byName.Count;

    /// <summary>Adds a case; a name may be used once.</summary>
    public HostileCases Add(HostileCase c)
    {
        Assert.True(_byName.TryAdd(c.Name, c), $"two hostile cases are called '{c.Name}'");
        return this;
    }

    /// <summary>Adds a refused case.</summary>
    public HostileCases Refused<TError>(string name, Action act, params string[] parts) where TError : Exception =>
        Add(HostileCase.Refused<TError>(name, act, parts));

    /// <summary>Adds a case answered by a checked result.</summary>
    public HostileCases Answered(string name, Action check) => Add(HostileCase.Answered(name, check));

    /// <summary>The case names, as theory data.</summary>
    public TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in _byName.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    /// <summary>Runs the case called <paramref name="name"/>.</summary>
    public void Run(string name) => _byName[name].Run();
}

/// <summary>Hostile values used across the areas.</summary>
public static class Hostile
{
    /// <summary>The non-finite doubles, by a name for the case.</summary>
    public static readonly (string Name, double Value)[] NonFinite =
        [("NaN", double.NaN), ("+inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity)];

    /// <summary>Sizes below 1 and near int.MaxValue.</summary>
    public static readonly int[] BadCounts = [0, -1, int.MinValue];

    /// <summary>A file holding <paramref name="text"/> with the extension <paramref name="extension"/>, in a
    /// directory of this test run.</summary>
    public static string File(string text, string extension)
    {
        string directory = Path.Combine(Path.GetTempPath(), "mlcourse-hostile", Environment.ProcessId.ToString());
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{Guid.NewGuid():N}.{extension}");
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>What every hostile suite declares: its cases, built once.</summary>
public interface IHostileSuite
{
    /// <summary>The suite's cases.</summary>
    static abstract HostileCases Build();
}

/// <summary>
/// The scaffold shared by the hostile suites: one data-driven theory over the suite's cases by name, and the
/// MathNet shorthands the cases use.
/// </summary>
public abstract class HostileSuite<TSuite> where TSuite : IHostileSuite
{
    private static readonly HostileCases Cases = TSuite.Build();

    public static TheoryData<string> Names => Cases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Answered_the_house_way(string name) => Cases.Run(name);

    protected static MathNet.Numerics.LinearAlgebra.Vector<double> V(params double[] values) =>
        MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(values);

    protected static MathNet.Numerics.LinearAlgebra.Matrix<double> M(double[,] values) =>
        MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(values);
}
