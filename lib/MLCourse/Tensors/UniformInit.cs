using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Tensors;

/// <summary>
/// PyTorch's default initialisation, shared by the from-scratch layers: every weight and bias drawn
/// uniformly from [−1/√fan, 1/√fan] — fan being a recurrent or attention layer's width, or a dense
/// or convolution layer's inputs — in the order the caller asks for them, so a seed fixes them all.
/// </summary>
/// <remarks>Used by SimpleRnn, Lstm, Gru, SelfAttention and SmallCnn for their initial weights.</remarks>
/// <param name="random">The source of the draws.</param>
/// <param name="fan">The fan that sets the bound.</param>
public sealed class UniformInit(Random random, int fan)
{
    /// <summary>The bound 1/√fan.</summary>
    public double Bound { get; } = 1 / Math.Sqrt(fan);

    /// <summary>One draw from [−bound, bound).</summary>
    public double Next() => (2 * random.NextDouble() - 1) * Bound;

    /// <summary>A (rows, columns) matrix of draws, in MathNet's fill order.</summary>
    public Matrix<double> NextMatrix(int rows, int columns)
        => Matrix<double>.Build.Dense(rows, columns, (_, _) => Next());

    /// <summary>A vector of draws.</summary>
    public Vector<double> NextVector(int length) => Vector<double>.Build.Dense(length, _ => Next());
}
