using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Tests.Docs;

/// <summary>
/// The snippets of docs/torchsharp-for-pytorch-users.md, run against TorchSharp 0.107: each test
/// is one section of the page, so a TorchSharp upgrade that changes an idiom fails here first.
/// </summary>
public class TorchSharpIdiomsTests
{
    [Fact]
    public void A_tensor_moved_to_the_outer_scope_survives_and_the_rest_is_freed()
    {
        Tensor kept, temporary;
        using (torch.NewDisposeScope())
        {
            temporary = torch.ones(3) * 2;
            kept = (temporary + 1).MoveToOuterDisposeScope();
        }
        Assert.True(temporary.IsInvalid);
        Assert.False(kept.IsInvalid);
        Assert.Equal(3f, kept[0].item<float>());
        kept.Dispose();
    }

    [Fact]
    public void A_sampling_loop_with_a_scope_per_step_keeps_only_the_current_state()
    {
        var x = torch.randn(16, 784);                    // x_T, pure noise
        var previous = new List<Tensor>();
        for (int t = 50; t >= 1; t--)
        {
            using var scope = torch.NewDisposeScope();
            var next = x * 0.9f + 0.1f * torch.randn(16, 784);
            previous.Add(x);
            x.Dispose();
            x = next.MoveToOuterDisposeScope();
        }
        Assert.All(previous, p => Assert.True(p.IsInvalid));
        Assert.False(x.IsInvalid);
        Assert.Equal([16L, 784L], x.shape);
        x.Dispose();
    }

    [Fact]
    public void Dtypes_follow_the_table_and_mixing_them_in_a_product_is_an_error()
    {
        Assert.Equal(ScalarType.Float32, torch.randn(2, 3).dtype);
        Assert.Equal(ScalarType.Float32, nn.Linear(4, 3).weight!.dtype);
        Assert.Equal(ScalarType.Float64, torch.tensor(new double[] { 1, 2 }).dtype);
        Assert.Equal(ScalarType.Float64, torch.tensor(1.0).dtype);
        Assert.Equal(ScalarType.Float32, torch.tensor(new float[] { 1, 2 }).dtype);
        Assert.Equal(ScalarType.Float32, torch.tensor(1.0f).dtype);
        Assert.Equal(ScalarType.Float64, nn.Linear(4, 3, dtype: torch.float64).weight!.dtype);
        var converted = nn.Linear(4, 3);
        converted.to(torch.float64);
        Assert.Equal(ScalarType.Float64, converted.weight!.dtype);

        var error = Assert.ThrowsAny<Exception>(() => nn.Linear(4, 3).forward(torch.ones(2, 4, dtype: torch.float64)));
        Assert.StartsWith("mat1 and mat2 must have the same dtype, but got Double and Float", error.Message);
    }

    [Fact]
    public void Linear_stores_its_weight_as_out_by_in_and_computes_x_times_w_transposed()
    {
        var linear = nn.Linear(4, 3);                            // weight (3, 4), bias (3)
        var x = torch.randn(2, 4);                               // (batch, in)
        var manual = x.matmul(linear.weight!.t()) + linear.bias!; // (2, 3)

        Assert.Equal([3L, 4L], linear.weight!.shape);
        Assert.Equal([3L], linear.bias!.shape);
        Assert.True(torch.allclose(manual, linear.forward(x)));
        Assert.Equal([128L, 784L], nn.Linear(784, 128).weight!.shape);
    }

    [Fact]
    public void A_loop_over_RNNCell_with_RNNs_weights_gives_RNNs_last_state()
    {
        var cell = nn.RNNCell(5, 7);
        var rnn = nn.RNN(5, 7, batchFirst: true);
        var x = torch.randn(2, 6, 5);                            // (batch, time, input)

        var (output, hN) = rnn.forward(x, null);
        Assert.Equal([2L, 6L, 7L], output.shape);
        Assert.Equal([1L, 2L, 7L], hN.shape);
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], cell.named_parameters().Select(p => p.name));
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], rnn.named_parameters().Select(p => p.name));
        using (torch.no_grad())
        {
            cell.weight_ih!.copy_(rnn.get_parameter("weight_ih_l0")!);
            cell.weight_hh!.copy_(rnn.get_parameter("weight_hh_l0")!);
            cell.bias_ih!.copy_(rnn.get_parameter("bias_ih_l0")!);
            cell.bias_hh!.copy_(rnn.get_parameter("bias_hh_l0")!);
            var h = torch.zeros(2, 7);                           // (batch, hidden)
            for (int t = 0; t < 6; t++)
            {
                h = cell.forward(x[.., t], h);
            }
            Assert.True(torch.allclose(h, hN[0], 1e-5, 1e-6));
        }
        Assert.Null(rnn.get_parameter("no_such_weight"));
    }

    private static nn.Module<Tensor, Tensor> BuildModel() =>
        nn.Sequential(("fc1", nn.Linear(4, 8)), ("relu", nn.ReLU()), ("fc2", nn.Linear(8, 2)));

    [Fact]
    public void A_saved_model_loads_into_one_built_the_same_way_and_state_dict_keeps_the_best_epoch()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlcourse-idioms-{Guid.NewGuid():N}.dat");
        var model = BuildModel();
        model.save(path);
        var fresh = BuildModel();
        fresh.load(path);
        fresh.eval();
        File.Delete(path);
        var probe = torch.randn(3, 4);
        Assert.True(model.forward(probe).allclose(fresh.forward(probe)));
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], model.state_dict().Keys);

        var best = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        using (torch.no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.add_(1);                                       // "more epochs"
            }
        }
        Assert.False(model.forward(probe).allclose(fresh.forward(probe)));
        model.load_state_dict(best);
        Assert.True(model.forward(probe).allclose(fresh.forward(probe)));
    }

    [Fact]
    public void The_device_pattern_runs_on_the_cpu_backend()
    {
        Device device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        var model = BuildModel();
        model.to(device);
        var x = torch.randn(64, 4, device: device);
        var labels = torch.zeros(64, dtype: torch.int64);
        var y = labels.to(device);
        var probabilities = model.forward(x).softmax(1).cpu();
        Assert.Equal(DeviceType.CPU, probabilities.device_type);
        Assert.Equal(64, y.shape[0]);
    }

    [Fact]
    public void GroupNorm_weights_need_setting_and_equal_is_element_wise()
    {
        var norm = nn.GroupNorm(8, 64);
        nn.init.ones_(norm.weight!);
        nn.init.zeros_(norm.bias!);
        Assert.All(norm.weight!.data<float>().ToArray(), w => Assert.Equal(1f, w));
        Assert.All(norm.bias!.data<float>().ToArray(), b => Assert.Equal(0f, b));
        // The layers the page says are initialised correctly.
        Assert.All(nn.LayerNorm(4).weight!.data<float>().ToArray(), w => Assert.Equal(1f, w));
        Assert.All(nn.BatchNorm2d(4).weight!.data<float>().ToArray(), w => Assert.Equal(1f, w));

        var a = torch.ones(3, 2);
        Assert.Equal([3L, 2L], torch.equal(a, a.clone()).shape);
        Assert.True(a.equal(a.clone()).all().item<bool>());
    }
}
