using System.Buffers;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using Simd = System.Numerics.Vector<double>;
using Vector = System.Numerics.Vector;

namespace MLCourse.Attention;

// The same equations for inference: the fast path.
public sealed partial class SelfAttention
{
    /// <summary>
    /// The output of <see cref="Forward"/>, computed without keeping anything for a backward pass:
    /// the five matrix products on the library's <see cref="Gemm"/> over plain row-major buffers
    /// (pooled, reused between calls), the biases added in place, and each row's softmax fused into
    /// one pass over the scores — scale by 1/√d_k, subtract the row's maximum, exponentiate several
    /// entries per SIMD instruction, normalise — instead of a new matrix per element-wise step.
    /// Equals <see cref="Forward"/>'s output up to rounding (a test checks it).
    /// </summary>
    /// <param name="x">(tokens, d_in).</param>
    /// <returns>The output, (tokens, d_out).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d_in columns.</exception>
    public Matrix<double> ForwardFast(Matrix<double> x)
    {
        Require.Columns(Component, nameof(x), x, Wq.ColumnCount);
        if (x.RowCount == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(x));
        }
        int tokens = x.RowCount, inputs = Wq.ColumnCount, outputs = Wo.RowCount;
        int dk = Wq.RowCount / Heads, dv = Wv.RowCount / Heads, hk = Heads * dk, hv = Heads * dv;
        var pool = ArrayPool<double>.Shared;
        double[] xRows = pool.Rent(tokens * inputs), q = pool.Rent(tokens * hk), k = pool.Rent(tokens * hk);
        double[] v = pool.Rent(tokens * hv), concatenated = pool.Rent(tokens * hv), scores = pool.Rent(tokens * tokens);
        double[] headQ = pool.Rent(tokens * dk), headKT = pool.Rent(dk * tokens), headV = pool.Rent(tokens * dv);
        double[] headZ = pool.Rent(tokens * dv), outputRows = pool.Rent(tokens * outputs);
        try
        {
            // MathNet stores column-major: x's array is Xᵀ row-major, W's array is Wᵀ row-major.
            Transpose(ColumnMajor(x), inputs, tokens, xRows);                                  // X (tokens, d_in)
            Project(xRows, Wq, Bq, q, tokens, inputs);                                        // Q = X·W_Qᵀ + b_Q
            Project(xRows, Wk, Bk, k, tokens, inputs);
            Project(xRows, Wv, Bv, v, tokens, inputs);
            for (int head = 0; head < Heads; head++)
            {
                Columns(q, tokens, hk, head * dk, dk, headQ);                                 // Q_h (tokens, d_k)
                TransposeColumns(k, tokens, hk, head * dk, dk, headKT);                       // K_hᵀ (d_k, tokens)
                Columns(v, tokens, hv, head * dv, dv, headV);                                 // V_h (tokens, d_v)
                Gemm.MultiplyFast(headQ, headKT, scores, tokens, dk, tokens);                // Q_h·K_hᵀ
                ScaledSoftmaxRows(scores.AsSpan(0, tokens * tokens), tokens, 1 / Math.Sqrt(dk));   // A_h
                Gemm.MultiplyFast(scores, headV, headZ, tokens, tokens, dv);                 // Z_h = A_h·V_h
                for (int t = 0; t < tokens; t++)
                {
                    headZ.AsSpan(t * dv, dv).CopyTo(concatenated.AsSpan(t * hv + head * dv, dv));
                }
            }
            Gemm.MultiplyFast(concatenated, ColumnMajor(Wo), outputRows, tokens, hv, outputs);   // C·W_Oᵀ
            AddToRows(outputRows, Bo, tokens, outputs);
            var output = new double[tokens * outputs];
            Transpose(outputRows, tokens, outputs, output);                     // row-major → MathNet's column-major
            return Matrix<double>.Build.Dense(tokens, outputs, output);
        }
        finally
        {
            foreach (double[] buffer in (double[][])[xRows, q, k, v, concatenated, scores, headQ, headKT, headV,
                headZ, outputRows])
            {
                pool.Return(buffer);
            }
        }
    }

    // P (tokens, rows of W) = X·Wᵀ + b.
    private static void Project(double[] xRows, Matrix<double> w, Vector<double> b, double[] target, int tokens,
        int inputs)
    {
        Gemm.MultiplyFast(xRows, ColumnMajor(w), target, tokens, inputs, w.RowCount);
        AddToRows(target, b, tokens, w.RowCount);
    }

    private static double[] ColumnMajor(Matrix<double> m) => m.AsColumnMajorArray() ?? m.ToColumnMajorArray();

    private static void AddToRows(double[] rows, Vector<double> bias, int count, int width)
    {
        double[] b = bias.AsArray() ?? bias.ToArray();
        for (int r = 0; r < count; r++)
        {
            Span<double> row = rows.AsSpan(r * width, width);
            int j = 0;
            for (; j <= width - Simd.Count; j += Simd.Count)
            {
                (new Simd(row[j..]) + new Simd(b, j)).CopyTo(row[j..]);
            }
            for (; j < width; j++)
            {
                row[j] += b[j];
            }
        }
    }

    // target (columns, rows) = source (rows, columns)ᵀ, both row-major.
    private static void Transpose(double[] source, int rows, int columns, double[] target)
    {
        const int block = 16;   // tiles, so both sides are walked in cache-sized pieces
        for (int r0 = 0; r0 < rows; r0 += block)
        {
            for (int c0 = 0; c0 < columns; c0 += block)
            {
                for (int r = r0; r < Math.Min(rows, r0 + block); r++)
                {
                    for (int c = c0; c < Math.Min(columns, c0 + block); c++)
                    {
                        target[c * rows + r] = source[r * columns + c];
                    }
                }
            }
        }
    }

    // target (rows, count) = columns first … first + count − 1 of source (rows, width).
    private static void Columns(double[] source, int rows, int width, int first, int count, double[] target)
    {
        for (int r = 0; r < rows; r++)
        {
            source.AsSpan(r * width + first, count).CopyTo(target.AsSpan(r * count, count));
        }
    }

    // target (count, rows) = (columns first … first + count − 1 of source (rows, width))ᵀ.
    private static void TransposeColumns(double[] source, int rows, int width, int first, int count, double[] target)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < count; c++)
            {
                target[c * rows + r] = source[r * width + first + c];
            }
        }
    }

    // Each row s of the (rows, rows) scores becomes softmax(s·scale) in place: e^((s − max s)·scale) / Σ.
    private static void ScaledSoftmaxRows(Span<double> scores, int rows, double scale)
    {
        int width = scores.Length / rows;
        var scaleVector = new Simd(scale);
        for (int r = 0; r < rows; r++)
        {
            Span<double> row = scores.Slice(r * width, width);
            double max = double.NegativeInfinity;
            foreach (double s in row)
            {
                max = Math.Max(max, s);
            }
            var maxVector = new Simd(max);
            Simd sums = Simd.Zero;
            int j = 0;
            for (; j <= width - Simd.Count; j += Simd.Count)
            {
                Simd e = Vector.Exp((new Simd(row[j..]) - maxVector) * scaleVector);
                e.CopyTo(row[j..]);
                sums += e;
            }
            double sum = Vector.Sum(sums);
            for (; j < width; j++)
            {
                row[j] = Math.Exp((row[j] - max) * scale);
                sum += row[j];
            }
            var inverse = new Simd(1 / sum);
            j = 0;
            for (; j <= width - Simd.Count; j += Simd.Count)
            {
                (new Simd(row[j..]) * inverse).CopyTo(row[j..]);
            }
            for (; j < width; j++)
            {
                row[j] /= sum;
            }
        }
    }
}
