using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Convolution;

/// <summary>
/// Classic 3×3 filters that detect edges — intensity changes (the notes' "vertical / horizontal
/// edge detection … done by kernels / filters"). Applied by cross-correlation, as in <see cref="Conv2d"/>.
/// </summary>
/// <remarks>Introduced in notebook day 16.</remarks>
public static class EdgeKernels
{
    /// <summary>Responds to vertical edges: bright on the left, dark on the right gives a positive value.</summary>
    public static Matrix<double> Vertical
        => Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, -1 }, { 1, 0, -1 }, { 1, 0, -1 } });

    /// <summary>Responds to horizontal edges: bright above, dark below gives a positive value.</summary>
    public static Matrix<double> Horizontal => Vertical.Transpose();

    /// <summary>Sobel's vertical-edge filter: the vertical filter with the centre row weighted twice.</summary>
    public static Matrix<double> SobelX
        => Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, -1 }, { 2, 0, -2 }, { 1, 0, -1 } });

    /// <summary>Sobel's horizontal-edge filter.</summary>
    public static Matrix<double> SobelY => SobelX.Transpose();
}
