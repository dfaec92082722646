using MLCourse.Data;
using MLCourse.Generative;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.CheckpointPrograms;

/// <summary>
/// The measures every checkpoint is judged by, the same the notebooks print: <see cref="DigitJudge"/> trained
/// at 28×28 on <c>Datasets.MnistDigits()</c> (its defaults: the last 2,000 digits held out, seed 42), the
/// share of samples it calls a digit with ≥ 90 % confidence, the share it calls "not a digit", the spread of
/// classes, and the Fréchet distance of the judge's features to the 2,000 held-out digits. The same numbers
/// for those held-out real digits are the bar.
/// </summary>
public sealed class SampleMeasures : IDisposable
{
    private readonly DigitJudge _judge;
    private readonly Tensor _heldOut;

    /// <summary>Trains the judge (about 2 s) and keeps the held-out digits, (2000, 1, 28, 28) in [0, 1].</summary>
    public SampleMeasures()
    {
        ImageDataset digits = Datasets.MnistDigits();
        _judge = DigitJudge.Train(digits);
        _heldOut = digits.ImageTensor(Enumerable.Range(digits.Count - 2000, 2000).ToArray());
        Real = _judge.Judge(_heldOut);
    }

    /// <summary>The judge's verdict on the held-out real digits.</summary>
    public SampleQuality Real { get; }

    /// <summary>The measures of <paramref name="samples"/> (N, 1, 28, 28) with pixels in [0, 1], by name,
    /// as recorded in the manifest.</summary>
    public Dictionary<string, double> Measure(Tensor samples)
    {
        SampleQuality q = _judge.Judge(samples);
        return new Dictionary<string, double>
        {
            ["confidentShare"] = Math.Round(q.ConfidentShare, 4),
            ["notDigitShare"] = Math.Round((double)q.NotDigits / q.Count, 4),
            ["classEntropyBits"] = Math.Round(q.ClassEntropyBits, 3),
            ["frechetDistance"] = Math.Round(_judge.FrechetDistance(samples, _heldOut), 3),
            ["realConfidentShare"] = Math.Round(Real.ConfidentShare, 4),
            ["samples"] = q.Count,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _judge.Dispose();
        _heldOut.Dispose();
    }
}
