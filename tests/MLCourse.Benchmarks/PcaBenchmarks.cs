using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MLCourse.Decomposition;
using MLCourse.Tensors;
using TorchSharp;

namespace MLCourse.Benchmarks;

/// <summary>
/// PCA of a 2,000 × 64 matrix, all components: the library's from-scratch PCA (QR, then the SVD of
/// the small R) against two textbook routes on MathNet (SVD of the centred data; eigen-decomposition
/// of the covariance) and TorchSharp's SVD, under every MathNet provider that loads here.
/// </summary>
[MemoryDiagnoser]
public class PcaBenchmarks
{
    private Matrix<double> _data = null!;
    private Matrix<double> _centred = null!;
    private torch.Tensor _centredTensor = null!;

    /// <summary>
    /// MathNet's managed provider always; its OpenBLAS provider only where its native wrapper
    /// (libMathNetNumericsOpenBLAS) loads — MathNet ships that wrapper for Windows only.
    /// </summary>
    public static IEnumerable<string> Providers()
    {
        yield return "managed";
        if (Control.TryUseNativeOpenBLAS())
        {
            yield return "OpenBLAS";
        }
        Control.UseManaged();
    }

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        if (Provider == "OpenBLAS")
        {
            Control.UseNativeOpenBLAS();
        }
        else
        {
            Control.UseManaged();
        }
        torch.set_num_threads(1);
        var random = new Random(3);
        _data = Matrix<double>.Build.Dense(2000, 64, (_, _) => random.NextDouble());
        Vector<double> mean = _data.ColumnSums() / _data.RowCount;
        _centred = _data - mean.RepeatRows(_data.RowCount);
        _centredTensor = _centred.ToTensor();
    }

    [GlobalCleanup]
    public void Cleanup() => Control.UseManaged();

    [Benchmark(Description = "PCA, from scratch (QR then SVD of R)")]
    public FittedPca FromScratch() => new Pca(64).Fit(_data);

    [Benchmark(Description = "PCA, MathNet SVD of the centred data")]
    public Matrix<double> ThinSvd() => _centred.Svd(computeVectors: true).VT;

    [Benchmark(Description = "PCA, MathNet eigen-decomposition of the covariance")]
    public Matrix<double> CovarianceEigen()
    {
        Matrix<double> covariance = _centred.TransposeThisAndMultiply(_centred) / (_centred.RowCount - 1);
        return covariance.Evd(Symmetricity.Symmetric).EigenVectors;
    }

    [Benchmark(Baseline = true, Description = "PCA, TorchSharp SVD of the centred data")]
    public double TorchSvd()
    {
        using var scope = torch.NewDisposeScope();
        var (_, s, _) = torch.linalg.svd(_centredTensor, fullMatrices: false);
        return s.data<double>()[0];
    }
}
