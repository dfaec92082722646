using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// A DCGAN (Radford et al., 2016) for one-channel digits of side 28 or 14. The generator maps a latent code
/// z (n, latent) through a linear layer to (2·width, 7, 7) feature maps, then doubles the side with 4×4
/// transposed convolutions of stride 2 (two at side 28, one at side 14), with batch norm and ReLU between
/// them and tanh at the end: images (n, 1, side, side) in [−1, 1]. At side 28 the second transposed
/// convolution keeps width channels and a 3×3 convolution makes the image, so the last layer sees each
/// pixel's neighbours instead of one 4×4 stamp per input. The discriminator mirrors it: 4×4 convolutions of
/// stride 2 halve the side (LeakyReLU 0.2; batch norm on the second), at side 28 one more 3×3 convolution
/// at 7×7, and a linear layer gives one logit per image.
/// </summary>
public sealed class Dcgan : nn.Module<Tensor, Tensor>
{
    /// <summary>z (n, latent) → images (n, 1, side, side) in [−1, 1].</summary>
    public readonly nn.Module<Tensor, Tensor> Generator;

    /// <summary>images (n, 1, side, side) in [−1, 1] → logits (n, 1).</summary>
    public readonly nn.Module<Tensor, Tensor> Discriminator;

    /// <summary>Creates the two networks; <paramref name="side"/> is 28 or 14.</summary>
    public Dcgan(int latent = 64, int width = 64, int side = 28) : base(nameof(Dcgan))
    {
        if (side != 28 && side != 14)
            throw new ArgumentException($"Dcgan: side must be 28 or 14, got {side}", nameof(side));
        Latent = latent;
        Side = side;
        int wide = 2 * width;                                          // channels of the 7×7 maps
        var g = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Linear(latent, wide * 49, hasBias: false), nn.BatchNorm1d(wide * 49), nn.ReLU(),
            nn.Unflatten(1, new long[] { wide, 7, 7 }),                // (n, 2w, 7, 7)
        };
        if (side == 28)
        {
            g.Add(nn.ConvTranspose2d(wide, width, 4, stride: 2, padding: 1, bias: false));   // (n, w, 14, 14)
            g.Add(nn.BatchNorm2d(width));
            g.Add(nn.ReLU());
            g.Add(nn.ConvTranspose2d(width, width, 4, stride: 2, padding: 1, bias: false));  // (n, w, 28, 28)
            g.Add(nn.BatchNorm2d(width));
            g.Add(nn.ReLU());
            g.Add(nn.Conv2d(width, 1, 3, padding: 1));                                      // (n, 1, 28, 28)
        }
        else
        {
            g.Add(nn.ConvTranspose2d(wide, 1, 4, stride: 2, padding: 1));                   // (n, 1, 14, 14)
        }
        g.Add(nn.Tanh());
        Generator = nn.Sequential(g.ToArray());
        var d = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(1, width, 4, stride: 2, padding: 1), nn.LeakyReLU(0.2),          // (n, w, side/2, side/2)
            nn.Conv2d(width, wide, 4, stride: 2, padding: 1, bias: false),               // (n, 2w, side/4, side/4)
            nn.BatchNorm2d(wide), nn.LeakyReLU(0.2),
        };
        if (side == 28)
        {
            d.Add(nn.Conv2d(wide, wide, 3, padding: 1, bias: false));                    // (n, 2w, 7, 7)
            d.Add(nn.BatchNorm2d(wide));
            d.Add(nn.LeakyReLU(0.2));
        }
        d.Add(nn.Flatten());
        d.Add(nn.Linear(wide * (side / 4) * (side / 4), 1));                              // (n, 1)
        Discriminator = nn.Sequential(d.ToArray());
        RegisterComponents();
    }

    /// <summary>The length of the latent code z.</summary>
    public int Latent { get; }

    /// <summary>The side of the images, 28 or 14.</summary>
    public int Side { get; }

    /// <summary>The generator: z (n, latent) → images (n, 1, side, side) in [−1, 1].</summary>
    public override Tensor forward(Tensor z) => Generator.forward(z);

    /// <summary>The discriminator's logits (n, 1) for images (n, 1, side, side) in [−1, 1].</summary>
    public Tensor Discriminate(Tensor images) => Discriminator.forward(images);

    /// <summary>Images (n, 1, side, side) in [0, 1] from the codes <paramref name="z"/>, with batch norm's
    /// running statistics (eval mode); the module is left in eval mode.</summary>
    public Tensor Decode(Tensor z)
    {
        using var noGrad = torch.no_grad();
        eval();
        return (Generator.forward(z) + 1) / 2;
    }

    /// <summary><paramref name="n"/> samples (n, 1, side, side) in [0, 1] from codes z ~ N(0, I).</summary>
    public Tensor Sample(int n, torch.Generator source) =>
        Decode(torch.randn(new long[] { n, Latent }, generator: source));

    /// <summary>Re-estimates the generator's batch-norm statistics from <paramref name="batches"/> batches of
    /// fresh codes (needed after its weights were replaced by an average, which the statistics do not follow).
    /// </summary>
    public void Recalibrate(int batches, int batchSize, torch.Generator source)
    {
        using var noGrad = torch.no_grad();
        Generator.train();
        for (int i = 0; i < batches; i++)
        {
            using var scope = torch.NewDisposeScope();
            Generator.forward(torch.randn(new long[] { batchSize, Latent }, generator: source));
        }
        eval();
    }
}
