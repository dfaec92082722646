using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Data.Tables;
using MLCourse.Diffusion;
using MLCourse.Generative;
using MLCourse.Persistence;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Sequence;
using TorchSharp;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Hostile input to pipelines, recurrent layers, diffusion, the GAN theory and the file formats of weights and
/// images (IDX): null and repeated steps, empty column lists, sizes whose counts overflow, vectors of other lengths,
/// malformed and truncated files.
/// </summary>
public class ModelsHostileTests : HostileSuite<ModelsHostileTests>, IHostileSuite
{
    public static HostileCases Build()
    {
        var cases = new HostileCases();
        Pipelines(cases);
        Recurrent(cases);
        Diffusion(cases);
        Files(cases);
        return cases;
    }

    private static void Pipelines(HostileCases cases)
    {
        Table table = new([new TableColumn("n", ColumnKind.Number, [1.0, 2.0]), new TableColumn("t", ColumnKind.Text, ["a", "b"])]);
        cases.Refused<ArgumentException>("Pipeline of no steps", () => _ = new Pipeline(), "Pipeline: steps must not be empty.");
        cases.Refused<ArgumentException>("Pipeline with a null step", () => _ = new Pipeline(("scale", null!)),
            "Pipeline: steps must give each step a name and a transformer, but step 0 has a null transformer.");
        cases.Refused<ArgumentException>("Pipeline with a nameless step", () => _ = new Pipeline((null!, new StandardScaler())),
            "Pipeline: steps must give each step a name and a transformer, but step 0 has no name.");
        cases.Refused<ArgumentException>("Pipeline with a step name twice",
            () => _ = new Pipeline(("s", new StandardScaler()), ("s", new StandardScaler())),
            "Pipeline: step names must be distinct, but 's' appears 2 times.");
        cases.Refused<ArgumentException>("Pipeline fitting a scaler on a text column",
            () => new Pipeline(("scale", new StandardScaler())).Fit(table),
            "Pipeline: step 'scale' (StandardScaler) failed during fit: Table: column 't' must be Number or Integer, but is Text.");
        cases.Refused<ArgumentException>("ColumnTransformer of no transformers", () => _ = new ColumnTransformer([]),
            "ColumnTransformer: transformers must not be empty.");
        cases.Refused<ArgumentException>("ColumnTransformer with a transformer given no columns",
            () => _ = new ColumnTransformer([("scale", new StandardScaler(), [])]),
            "ColumnTransformer: transformers must give each transformer a name, a transformer and at least one column, but 'scale' has no columns.");
        cases.Refused<ArgumentException>("ColumnTransformer with a null transformer",
            () => _ = new ColumnTransformer([("scale", null!, ["n"])]), "but 'scale' has a null transformer.");
        cases.Refused<ArgumentException>("ColumnTransformer with a name twice",
            () => _ = new ColumnTransformer([("a", new StandardScaler(), ["n"]), ("a", new OneHotEncoder(), ["t"])]),
            "ColumnTransformer: transformer names must be distinct, but 'a' appears 2 times.");
        cases.Refused<KeyNotFoundException>("ColumnTransformer on a column the table lacks",
            () => new ColumnTransformer([("scale", new StandardScaler(), ["missing"])]).Fit(table),
            "Table: no column 'missing'; the columns are 'n', 't'.");
    }

    private static void Recurrent(HostileCases cases)
    {
        foreach ((int features, int units) in new[] { (0, 3), (3, 0), (-1, 3), (3, int.MinValue) })
        {
            cases.Refused<ArgumentOutOfRangeException>($"SimpleRnn.KerasParameterCount({features}, {units})",
                () => SimpleRnn.KerasParameterCount(features, units), "SimpleRnn: ", "must be at least 1");
        }
        foreach ((int features, int units) in new[] { (1, 50000), (int.MaxValue, 2), (1, int.MaxValue) })
        {
            cases.Refused<ArgumentOutOfRangeException>($"SimpleRnn.TorchParameterCount({features}, {units}) overflows",
                () => SimpleRnn.TorchParameterCount(features, units),
                "SimpleRnn: units must be at most 2147483647 (a parameter count held in an int)");
        }
        cases.Answered("SimpleRnn.KerasParameterCount of the notes is 27 + 4", () =>
            Assert.Equal((27, 4), SimpleRnn.KerasParameterCount(5, 3)));
        var lstm = new Lstm(features: 2, units: 3, new Random(1));
        var gru = new Gru(features: 2, units: 3, new Random(1));
        var rnn = new SimpleRnn(2, 3, new Random(1));
        foreach ((string name, Action<Matrix<double>> forward) in new (string, Action<Matrix<double>>)[]
            { ("Lstm", x => lstm.Forward(x)), ("Gru", x => gru.Forward(x)), ("SimpleRnn", x => rnn.Forward(x)) })
        {
            cases.Refused<ArgumentException>($"{name}.Forward of 3 features for 2", () => forward(Matrix<double>.Build.Dense(4, 3)),
                $"{name}: sequence must have shape (timesteps ≥ 1, 2), but has shape (4, 3).");
        }
        cases.Answered("SimpleRnn.Forward propagates a NaN input to its prediction, as PyTorch", () =>
        {
            Matrix<double> x = Matrix<double>.Build.Dense(2, 2, 0.5);
            x[1, 0] = double.NaN;
            Assert.True(double.IsNaN(rnn.Forward(x).Prediction));
        });
        cases.Refused<ArgumentException>("Lstm.ForwardFast of no sequences", () => lstm.ForwardFast([]),
            "Lstm: sequences must not be empty.");
        cases.Refused<ArgumentException>("Lstm.ForwardFast of sequences of other lengths",
            () => lstm.ForwardFast([Matrix<double>.Build.Dense(3, 2), Matrix<double>.Build.Dense(2, 2)]),
            "Lstm: sequences must have shape (timesteps ≥ 1, 2) for every sequence, the same timesteps as the first (3), but has shape (2, 2).");
        foreach (double maxNorm in new[] { 0, -1, double.NaN })
        {
            cases.Refused<ArgumentOutOfRangeException>($"GradientClipping with max norm {maxNorm}",
                () => GradientClipping.ClipByGlobalNorm([Matrix<double>.Build.Dense(1, 1, 3)], [], maxNorm),
                $"GradientClipping: maxNorm must be a positive finite number, but is {maxNorm}.");
        }
    }

    private static void Diffusion(HostileCases cases)
    {
        var diffusion = new ForwardDiffusion(NoiseSchedule.Linear(10));
        cases.Refused<ArgumentException>("ForwardDiffusion.Sample with noise of another length",
            () => diffusion.Sample(V(1, 2), 3, V(1)), "ForwardDiffusion: noise must have shape (2,), but has shape (1,).");
        cases.Refused<ArgumentException>("ForwardDiffusion.Step with noise of another length",
            () => diffusion.Step(V(1, 2), 3, V(1, 2, 3)), "ForwardDiffusion: noise must have shape (2,), but has shape (3,).");
        cases.Refused<ArgumentException>("ForwardDiffusion.PosteriorMean with x_t of another length",
            () => diffusion.PosteriorMean(V(1, 2), V(1), 3), "ForwardDiffusion: xt must have shape (2,), but has shape (1,).");
        cases.Refused<ArgumentException>("ForwardDiffusion.ReverseMean with a prediction of another length",
            () => diffusion.ReverseMean(V(1, 2), 3, V(1)), "ForwardDiffusion: predictedNoise must have shape (2,), but has shape (1,).");
        var x0 = torch.zeros(4, 3);                 // the cases run later, so it is not disposed here
        cases.Refused<ArgumentException>("ForwardDiffusion.SampleBatch with noise of another shape",
            () => diffusion.SampleBatch(x0, torch.ones(4, dtype: torch.int64), torch.zeros(4, 2)),
            "ForwardDiffusion: noise must have shape (4, 3) (the shape of x0), but has shape (4, 2).");
        cases.Refused<ArgumentException>("ForwardDiffusion.SampleBatch with one step for four rows",
            () => diffusion.SampleBatch(x0, torch.ones(1, dtype: torch.int64), torch.zeros(4, 3)),
            "ForwardDiffusion: t must have shape (4,) (one step per row of x0), but has shape (1,).");
        cases.Refused<ArgumentException>("ForwardDiffusion.SampleBatch with float steps",
            () => diffusion.SampleBatch(x0, torch.ones(4), torch.zeros(4, 3)),
            "ForwardDiffusion: t must hold int64 steps, but has type Float32.");
        cases.Refused<ArgumentOutOfRangeException>("ForwardDiffusion.SampleBatch with a step past T",
            () => diffusion.SampleBatch(x0, torch.full(4, 11L), torch.zeros(4, 3)),
            "ForwardDiffusion: t must be steps between 0 and T = 10, but is 11.");
        cases.Refused<ArgumentNullException>("ForwardDiffusion.Sample of null", () => diffusion.Sample(null!, 3, V(1)),
            "ForwardDiffusion: x0 must not be null.");
        foreach (int t in new[] { 0, 11, -1 })
        {
            cases.Refused<ArgumentOutOfRangeException>($"ForwardDiffusion.Step at t = {t}", () => diffusion.Step(V(1), t, V(1)),
                $"NoiseSchedule: t must be between 1 and T = 10, but is {t}.");
        }
        foreach ((string name, double[] x) in new (string, double[])[] { ("one point", [0.0]), ("no points", []), ("a decreasing grid", [0.0, 2, 1]), ("a NaN in the grid", [0.0, double.NaN, 1]) })
        {
            cases.Refused<ArgumentException>($"GanTheory.Trapezoid over {name}", () => GanTheory.Trapezoid(x, t => t),
                "GanTheory: x must be a grid of at least 2 strictly increasing points");
        }
        cases.Answered("GanTheory.OptimalDiscriminator where both densities are 0 is ½", () =>
            Assert.Equal(0.5, GanTheory.OptimalDiscriminator(0, 0)));
    }

    private static void Files(HostileCases cases)
    {
        foreach ((string name, byte[] bytes, string problem) in new (string, byte[], string)[]
        {
            ("an empty file", [], "an IDX file starts with a 4-byte magic number, but the file holds only 0 bytes"),
            ("a wrong magic number", [0, 0, 9, 1, 0, 0, 0, 1, 7], "the IDX magic number must be 00 00 08 01"),
            ("a negative dimension", [0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF], "IDX dimension 0 must be at least 1, but is -1"),
            ("a truncated body", [0, 0, 8, 1, 0, 0, 0, 5, 1, 2], "holds 13 bytes (8 of header), but the file holds 10"),
            ("dimensions whose product overflows", [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF],
                "an IDX file of shape (2147483647,) (so far) holds more values than its 16 bytes"),
        })
        {
            int dims = bytes.Length > 3 ? bytes[3] : 1;
            cases.Refused<FormatException>($"IdxFile with {name}", () =>
            {
                string path = Hostile.File("", "idx");
                File.WriteAllBytes(path, bytes);
                IdxFile.Read(path, dims == 9 ? 1 : dims);
            }, "Datasets: ", problem);
        }
        cases.Refused<FormatException>("IdxFile: a .gz file that is not gzip", () => IdxFile.Read(Hostile.File("not gzip", "gz"), 1),
            "Datasets: ", "not a valid gzip stream");
        var weights = new LayerWeights().Add("W", Matrix<double>.Build.Dense(2, 2));
        cases.Refused<FormatException>("LayerWeights.Load of an empty file", () => weights.Load(Hostile.File("", "bin")), "LayerWeights: ");
        cases.Refused<FormatException>("LayerWeights.Load of a text file", () => weights.Load(Hostile.File("hello world, not weights", "bin")),
            "LayerWeights: ");
        cases.Refused<FormatException>("LayerWeights.Load of another shape", () =>
        {
            string path = Hostile.File("", "bin");
            new LayerWeights().Add("W", Matrix<double>.Build.Dense(3, 2)).Save(path);
            weights.Load(path);
        }, "LayerWeights: ", "'W' has shape (3, 2), but the layer's has shape (2, 2)");
        cases.Refused<FormatException>("LayerWeights.Load of a truncated file", () =>
        {
            string path = Hostile.File("", "bin");
            weights.Save(path);
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^5]);
            weights.Load(path);
        }, "LayerWeights: ");
    }
}
