using MathNet.Numerics.Distributions;
using MLCourse.Reproducibility;
using TorchSharp;

namespace MLCourse.Tests.Reproducibility;

/// <summary>The same seed gives the same numbers from every generator the course uses.</summary>
[Collection(TorchGlobalState.Name)]
public class SeedsTests
{
    private static (double[] Torch, int System, double[] MathNet) Draw(int seed)
    {
        var random = Seeds.Set(seed);
        using var scope = torch.NewDisposeScope();
        double[] fromTorch = torch.randn(5, dtype: torch.float64).data<double>().ToArray();
        return (fromTorch, random.System.Next(), Normal.Samples(random.MathNet, 0, 1).Take(3).ToArray());
    }

    [Fact]
    public void Setting_the_same_seed_twice_repeats_every_generator()
    {
        var first = Draw(123);
        var second = Draw(123);

        Assert.Equal(first.Torch, second.Torch);
        Assert.Equal(first.System, second.System);
        Assert.Equal(first.MathNet, second.MathNet);
    }

    [Fact]
    public void Different_seeds_give_different_numbers()
    {
        Assert.NotEqual(Draw(1).Torch, Draw(2).Torch);
    }

    [Fact]
    public void TorchSharp_uses_the_requested_thread_count()
    {
        Seeds.Set(Seeds.Default, torchThreads: 1);

        Assert.Equal(1, torch.get_num_threads());
    }
}

/// <summary>Tests that set TorchSharp's global seed or thread count run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TorchGlobalState
{
    /// <summary>The collection's name.</summary>
    public const string Name = "TorchSharp global state";
}
