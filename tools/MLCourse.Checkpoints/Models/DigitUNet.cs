using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// A small U-Net for a diffusion model of digits (day 22): reads x_t (b, 1, side, side) in [−1, 1] and the
/// step t (b,), and predicts v = √ᾱ_t·ε − √(1 − ᾱ_t)·x₀ (b, 1, side, side). The image is folded into 4
/// channels at half size (each 2×2 block of pixels), runs through residual blocks at that size and at a
/// quarter size, with skip connections between the two halves of the U, and is unfolded at the end. The
/// step enters every block as a learned projection of its sines and cosines. side must be even.
/// </summary>
public sealed class DigitUNet : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear time1, time2;
    private readonly TorchSharp.Modules.Conv2d input, down, up, output;
    private readonly TorchSharp.Modules.GroupNorm outNorm;
    private readonly Block encode1, encode2, middle, decode2, decode1;

    /// <summary>A U-Net for side × side images with `channels` channels at half size, twice that below.</summary>
    public DigitUNet(int side, int channels = 32) : base("DigitUNet")
    {
        if (side % 2 != 0) throw new ArgumentException($"DigitUNet: side must be even, got {side}");
        Side = side;
        int c = channels, e = 4 * channels;
        time1 = nn.Linear(32, e);
        time2 = nn.Linear(e, e);
        input = nn.Conv2d(4, c, 3, padding: 1);                      // the 2×2 blocks as 4 channels
        encode1 = new Block(c, c, e);                                // side/2
        down = nn.Conv2d(c, 2 * c, 3, stride: 2, padding: 1);       // side/4, rounded up
        encode2 = new Block(2 * c, 2 * c, e);
        middle = new Block(2 * c, 2 * c, e);
        decode2 = new Block(4 * c, 2 * c, e);                        // reads middle ‖ encode2
        up = nn.Conv2d(2 * c, c, 3, padding: 1);                     // after resizing to side/2
        decode1 = new Block(2 * c, c, e);                            // reads up ‖ encode1
        outNorm = NormOf(c);
        output = nn.Conv2d(c, 4, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>The image side this network was built for.</summary>
    public int Side { get; }

    /// <summary>x_t (b, 1, side, side), t (b,) int64 → v̂ (b, 1, side, side).</summary>
    public override Tensor forward(Tensor x, Tensor t)
    {
        long b = x.shape[0];
        int half = Side / 2;
        Tensor folded = x.view(b, 1, half, 2, half, 2).permute(0, 1, 3, 5, 2, 4).reshape(b, 4, half, half);
        Tensor embedding = time2.forward(nn.functional.silu(time1.forward(Embed(t))));     // (b, 4c)
        Tensor h1 = encode1.forward(input.forward(folded), embedding);                    // (b, c, s/2, s/2)
        Tensor h2 = encode2.forward(down.forward(h1), embedding);                         // (b, 2c, s/4, s/4)
        Tensor h = middle.forward(h2, embedding);
        h = decode2.forward(torch.cat(new[] { h, h2 }, 1), embedding);
        h = nn.functional.interpolate(h, new long[] { half, half }, mode: InterpolationMode.Nearest);
        h = decode1.forward(torch.cat(new[] { up.forward(h), h1 }, 1), embedding);        // (b, c, s/2, s/2)
        Tensor unfolded = output.forward(nn.functional.silu(outNorm.forward(h)));          // (b, 4, s/2, s/2)
        return unfolded.view(b, 1, 2, 2, half, half).permute(0, 1, 4, 2, 5, 3).reshape(b, 1, Side, Side);
    }

    /// <summary>
    /// DDIM sampling (η = 0) in `steps` equal strides of the T steps of alphaBar (ᾱ_0 = 1 … ᾱ_T): from
    /// x_T ~ N(0, I) drawn with `source`, each stride estimates x̂₀ (clipped to [−1, 1]) and ε̂ from v̂ and
    /// re-noises x̂₀ to the next step. Returns (n, 1, side, side) with pixels in [0, 1].
    /// </summary>
    public Tensor Sample(int n, double[] alphaBar, int steps, torch.Generator source)
    {
        using var noGrad = torch.no_grad();
        int T = alphaBar.Length - 1;
        Tensor x = torch.randn(new long[] { n, 1, Side, Side }, generator: source);
        for (int i = steps; i >= 1; i--)
        {
            using var scope = torch.NewDisposeScope();                    // one scope per step
            int t = i * T / steps, next = (i - 1) * T / steps;
            double a = alphaBar[t], aNext = alphaBar[next];
            Tensor v = forward(x, torch.full(n, t, dtype: torch.int64));
            Tensor x0 = (Math.Sqrt(a) * x - Math.Sqrt(1 - a) * v).clamp(-1, 1);    // x̂₀
            Tensor eps = (x - Math.Sqrt(a) * x0) / Math.Sqrt(1 - a);               // ε̂, agreeing with x̂₀
            Tensor moved = (Math.Sqrt(aNext) * x0 + Math.Sqrt(1 - aNext) * eps).MoveToOuterDisposeScope();
            x.Dispose();
            x = moved;
        }
        Tensor images = (x.clamp(-1, 1) + 1) / 2;
        x.Dispose();
        return images;
    }

    // [sin(t·ω_k), cos(t·ω_k)], ω_k = 10000^(−k/16), k = 0 … 15: (b,) → (b, 32)
    private static Tensor Embed(Tensor t)
    {
        Tensor k = torch.arange(16, dtype: torch.float32);
        Tensor angles = t.to_type(torch.float32).unsqueeze(1) * torch.exp(k * (-Math.Log(10000) / 16)).unsqueeze(0);
        return torch.cat(new[] { angles.sin(), angles.cos() }, 1);
    }

    // GroupNorm(8 groups, channels) with weight 1 and bias 0 (TorchSharp leaves them uninitialised).
    private static TorchSharp.Modules.GroupNorm NormOf(int channels)
    {
        var norm = nn.GroupNorm(8, channels);
        using (torch.no_grad())
        {
            norm.weight!.fill_(1);
            norm.bias!.zero_();
        }
        return norm;
    }

    // norm, SiLU, 3×3 conv, + the step's projection, norm, SiLU, 3×3 conv, + the input (1×1 conv if needed)
    private sealed class Block : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.GroupNorm norm1, norm2;
        private readonly TorchSharp.Modules.Conv2d conv1, conv2;
        private readonly TorchSharp.Modules.Linear time;
        private readonly nn.Module<Tensor, Tensor> skip;

        public Block(int inChannels, int outChannels, int embedding) : base("Block")
        {
            norm1 = NormOf(inChannels);
            conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1);
            time = nn.Linear(embedding, outChannels);
            norm2 = NormOf(outChannels);
            conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
            skip = inChannels == outChannels ? nn.Identity() : nn.Conv2d(inChannels, outChannels, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x, Tensor embedding)
        {
            Tensor h = conv1.forward(nn.functional.silu(norm1.forward(x)));
            h = h + time.forward(nn.functional.silu(embedding)).unsqueeze(2).unsqueeze(3);
            h = conv2.forward(nn.functional.silu(norm2.forward(h)));
            return skip.forward(x) + h;
        }
    }
}
