using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Attention;

/// <summary>
/// The sinusoidal positional encoding of "Attention is all you need":
/// PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i + 1) = cos(pos / 10000^(2i/d)).
/// Added to the embeddings, it tells self-attention — which is blind to order — where each token is.
/// </summary>
/// <remarks>Introduced in notebook day 15.</remarks>
public static class PositionalEncoding
{
    /// <summary>The encodings of positions 0 … positions − 1, shape (positions, d).</summary>
    public static Matrix<double> Sinusoidal(int positions, int d) =>
        Matrix<double>.Build.Dense(positions, d, (pos, k) =>
        {
            double angle = pos / Math.Pow(10000, 2 * (k / 2) / (double)d);
            return k % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
        });
}
