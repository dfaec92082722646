using MLCourse.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.Persistence;

/// <summary>Saving and loading TorchSharp modules: the loaded module computes what the saved one did.</summary>
public sealed class ModuleFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlcourse-{Guid.NewGuid():N}.dat");

    public void Dispose() => File.Delete(_path);

    private static nn.Module<Tensor, Tensor> Model(int hidden, long seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(3, hidden, dtype: float64), nn.ReLU(), nn.Linear(hidden, 2, dtype: float64),
            nn.BatchNorm1d(2, dtype: float64));
    }

    [Fact]
    public void A_loaded_module_has_the_saved_parameters_and_buffers_and_gives_the_same_outputs()
    {
        var trained = Model(4, seed: 1);
        using (Tensor warmUp = trained.call(randn(8, 3, dtype: float64))) { }   // moves BatchNorm's running statistics
        trained.eval();
        var fresh = Model(4, seed: 2);
        fresh.eval();
        Tensor x = randn(5, 3, dtype: float64);

        ModuleFile.Save(trained, _path);
        ModuleFile.Load(fresh, _path);

        Assert.Equal(trained.state_dict().Keys, fresh.state_dict().Keys);
        Assert.All(trained.state_dict(), kv => Assert.True(kv.Value.eq(fresh.state_dict()[kv.Key]).all().item<bool>(), kv.Key));
        Assert.True(trained.call(x).eq(fresh.call(x)).all().item<bool>());
    }

    [Fact]
    public void A_file_of_another_architecture_is_refused()
    {
        ModuleFile.Save(Model(4, seed: 1), _path);
        var other = Model(5, seed: 2);

        var error = Assert.Throws<FormatException>(() => ModuleFile.Load(other, _path));

        Assert.StartsWith($"ModuleFile: {_path}: does not fit the module", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ModuleFile.Load(Model(4, seed: 1), _path));

        Assert.Equal($"ModuleFile: path must name an existing file, but there is no file at {_path}.", error.Message);
    }
}
