using MathNet.Numerics.LinearAlgebra;
using Simd = System.Numerics.Vector<double>;
using MLCourse.Errors;

namespace MLCourse.Tensors;

/// <summary>Activation functions shared by the from-scratch models.</summary>
/// <remarks>Used by the recurrent layers, skip-gram and the small CNN.</remarks>
public static class Activations
{
    /// <summary>
    /// σ(z) = 1/(1 + e^(−z)), written so that only e of a non-positive number is ever taken (no overflow).
    /// </summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log σ(z) = −log(1 + e^(−z)), taking e only of a non-positive number (no overflow).</summary>
    /// <remarks>The skip-gram loss of notebook day 12 is a sum of these.</remarks>
    public static double LogSigmoid(double z) =>
        z >= 0 ? -Math.Log(1 + Math.Exp(-z)) : z - Math.Log(1 + Math.Exp(z));

    /// <summary>ReLU(z) = max(0, z); NaN stays NaN, as in PyTorch.</summary>
    /// <remarks>The CNN of notebook day 18 applies it after the convolution.</remarks>
    public static double Relu(double z) => Math.Max(0, z);

    /// <summary>σ applied to every entry.</summary>
    public static Vector<double> Sigmoid(Vector<double> z) => Require.NotNull("Activations", nameof(z), z).Map(Sigmoid);

    /// <summary>σ of every entry, in place, several entries per SIMD instruction: 1/(1 + e^(−z)).</summary>
    /// <remarks>
    /// e^(−z) overflows to +∞ below z ≈ −709, and 1/(1 + ∞) = 0 is the right limit, so no branch is needed.
    /// </remarks>
    public static void SigmoidInPlace(Span<double> z)
    {
        int i = 0;
        for (; i <= z.Length - Simd.Count; i += Simd.Count)
        {
            var v = new Simd(z[i..]);
            (Simd.One / (Simd.One + System.Numerics.Vector.Exp(-v))).CopyTo(z[i..]);
        }
        for (; i < z.Length; i++)
        {
            z[i] = Sigmoid(z[i]);
        }
    }

    /// <summary>tanh of every entry, in place, several per SIMD instruction: 1 − 2/(e^(2z) + 1).</summary>
    /// <remarks>
    /// Exact limits at both ends (e^(2z) = ∞ gives 1, e^(2z) = 0 gives −1); near 0 the absolute
    /// error stays at rounding level.
    /// </remarks>
    public static void TanhInPlace(Span<double> z)
    {
        int i = 0;
        var two = new Simd(2.0);
        for (; i <= z.Length - Simd.Count; i += Simd.Count)
        {
            var v = new Simd(z[i..]);
            (Simd.One - two / (System.Numerics.Vector.Exp(two * v) + Simd.One)).CopyTo(z[i..]);
        }
        for (; i < z.Length; i++)
        {
            z[i] = Math.Tanh(z[i]);
        }
    }
}
