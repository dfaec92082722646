using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Tensors;

/// <summary>Activation functions shared by the from-scratch models.</summary>
/// <remarks>Used by the CNN (day 17) and the recurrent layers (days 09–13).</remarks>
public static class Activations
{
    /// <summary>σ(z) = 1/(1 + e^(−z)), written so that only e of a non-positive number is ever taken (no overflow).</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>σ applied to every entry.</summary>
    public static Vector<double> Sigmoid(Vector<double> z) => z.Map(Sigmoid);
}
