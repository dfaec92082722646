// day-14-attention.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-14-attention.cs
// Values print as text; charts are written as HTML files under artifacts/apps/.
#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj

using System.IO;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
using MLCourse.Convolution;
using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;
using MLCourse.Decomposition;
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Learning;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using static MLCourse.Notebooks.Display;

// # Day 14 — Attention and self-attention
//
// > Attention helps remember long sentences. **Cosine similarity**: $\dfrac{\sum A_iB_i}{\sqrt{\sum A_i^2}\sqrt{\sum B_i^2}}$.
// > **Self-attention**: from each input vector (word embedding) create a query $q = xW_Q$, a key $k = xW_K$
// > and a value $v = xW_V$; score every pair by $\dfrac{q\cdot k}{\sqrt{d_k}}$, apply a softmax, and sum the values:
// > $Z = \operatorname{softmax}\!\left(\dfrac{QK^\top}{\sqrt{d_k}}\right)V$. Then **positional encoding**, **add and normalize**
// > ($\mathrm{LayerNorm}(X + Z)$) and a feed-forward network, added and normalised again.
// > The additive (Bahdanau) score is $\mathrm{Score}(s_{t-1}, h_i) = v_a^\top\tanh(W s_{t-1} + U h_i)$.
// > — the course notes, "Attention [is all you need!]"
//
// Library types used here: `Similarity`, `Softmax`, `SelfAttention`, `PositionalEncoding`, `LayerNorm`,
// `TransformerEncoderBlock`, `AdditiveAttention`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);

// ## Cosine similarity and a numerically safe softmax

var a = Vector<double>.Build.DenseOfArray(new[] { 1.0, 2, 3 });
Claims.Close(Similarity.Cosine(a, 2 * a), 1, 1e-15, "a vector and its multiple point the same way: cosine 1");
Claims.Close(Similarity.Cosine(Vector<double>.Build.DenseOfArray(new[] { 1.0, 0 }), Vector<double>.Build.DenseOfArray(new[] { 0.0, 5 })), 0, 1e-15, "orthogonal vectors: cosine 0");
var large = Vector<double>.Build.DenseOfArray(new[] { 1000.0, 1001, 1002 });
var naive = large.Map(Math.Exp) / large.Map(Math.Exp).Sum();
var safe = Softmax.Of(large);
Console.WriteLine($"naive softmax: [{string.Join(", ", naive)}]; stable: [{string.Join(", ", safe.Select(v => v.ToString("F4")))}]");
Claims.Check(naive.Any(double.IsNaN) && safe.All(double.IsFinite), "exp(1000) overflows the naive formula; subtracting the maximum keeps softmax finite");

// ## Why divide by √d_k?
//
// For random queries and keys with unit-variance entries, $q\cdot k$ has variance $d_k$. Without the
// scaling, large $d_k$ makes the scores so spread out that softmax puts almost all weight on one key
// — and its gradient nearly vanishes.

double MaxWeight(int dk, bool scaled)
{
    var q = Vector<double>.Build.Dense(dk, _ => MathNet.Numerics.Distributions.Normal.Sample(random.MathNet, 0, 1));
    var scores = Vector<double>.Build.Dense(10, _ => q.DotProduct(Vector<double>.Build.Dense(dk, __ => MathNet.Numerics.Distributions.Normal.Sample(random.MathNet, 0, 1))));
    return Softmax.Of(scaled ? scores / Math.Sqrt(dk) : scores).Maximum();
}
var dims = new[] { 4, 16, 64, 256, 1024 };
var unscaled = dims.Select(d => Enumerable.Range(0, 200).Average(_ => MaxWeight(d, false))).ToArray();
var scaledWeights = dims.Select(d => Enumerable.Range(0, 200).Average(_ => MaxWeight(d, true))).ToArray();
Show(Charts.Lines("Largest softmax weight over 10 keys (mean of 200 draws)", "log2 d_k", "largest weight",
    new Series("Q·K", dims.Select(d => Math.Log2(d)).ToArray(), unscaled), new Series("Q·K/√d_k", dims.Select(d => Math.Log2(d)).ToArray(), scaledWeights)));

Claims.Check(unscaled[^1] > 0.9 && scaledWeights[^1] < 0.7, "at d_k = 1024 unscaled attention is nearly one-hot, scaled attention is not");

// ## Self-attention on a small sentence
//
// Six tokens with random 8-dimensional embeddings plus positional encodings, two heads of size 4.
// Each row of an attention map is one token's softmax over all tokens.

string[] tokens = { "the", "cat", "sat", "on", "the", "mat" };
var embedding = Matrix<double>.Build.Dense(6, 8, (_, _) => MathNet.Numerics.Distributions.Normal.Sample(random.MathNet, 0, 1));
var positions = PositionalEncoding.Sinusoidal(6, 8);
Claims.Close(positions[3, 2], Math.Sin(3 / Math.Pow(10000, 2.0 / 8)), 1e-15, "PE(3, 2) = sin(3 / 10000^(2/8))");
var x = embedding + positions;
var attention = new SelfAttention(d: 8, heads: 2, random.System);
var (z, maps) = attention.Forward(x);
Claims.Check(maps.All(m => m.EnumerateRows().All(r => Math.Abs(r.Sum() - 1) < 1e-12)), "every token's attention weights sum to 1");
Show(Charts.Heatmap("Head 1: attention of each token (row) to every token (column)", maps[0]));

Show(Charts.Heatmap("Positional encodings of 50 positions, 16 dimensions", PositionalEncoding.Sinusoidal(50, 16)));

// ## A transformer encoder block, from scratch and in TorchSharp
//
// Self-attention → add & normalize → feed-forward → add & normalize. With the same weights copied
// into TorchSharp's `nn.TransformerEncoderLayer` (dropout 0), the outputs must be identical.

var block = new TransformerEncoderBlock(d: 8, heads: 2, feedForward: 32, random.System);
var (encoded, _) = block.Forward(x);
var layer = torch.nn.TransformerEncoderLayer(8, 2, 32, dropout: 0.0);
layer.to(torch.float64);
block.CopyTo(layer);
layer.eval();
var expected = layer.call(x.ToTensor().unsqueeze(1)).squeeze(1).ToMatrix();   // TorchSharp wants (tokens, batch, d)
double worst = (expected - encoded).Enumerate().Max(Math.Abs);
Console.WriteLine($"largest difference from TorchSharp: {worst:E2}");
Claims.Check(worst < 1e-10, "the from-scratch encoder block equals TorchSharp's TransformerEncoderLayer");
Claims.Check(encoded.EnumerateRows().All(r => Math.Abs(r.Average()) < 1e-9), "after the last layer norm (γ = 1, β = 0) every token's features have mean 0");

// ## Additive (Bahdanau) attention
//
// A decoder state $s$ scores each encoder state $h_i$ with a small network; the weights form a
// distribution over the input positions, and the context is their weighted average.

var encoderStates = Matrix<double>.Build.Dense(5, 4, (_, _) => random.System.NextDouble() * 2 - 1);
var bahdanau = new AdditiveAttention(Vector<double>.Build.Dense(6, _ => random.System.NextDouble() - 0.5),
    Matrix<double>.Build.Dense(6, 4, (_, _) => random.System.NextDouble() - 0.5), Matrix<double>.Build.Dense(6, 4, (_, _) => random.System.NextDouble() - 0.5));
var decoderState = Vector<double>.Build.Dense(4, _ => random.System.NextDouble());
var (weights, context) = bahdanau.Attend(decoderState, encoderStates);
Claims.Close(weights.Sum(), 1, 1e-15, "the additive attention weights sum to 1");
Claims.Check((context - encoderStates.TransposeThisAndMultiply(weights)).InfinityNorm() < 1e-15, "the context vector is the weighted sum of the encoder states");
Claims.Close(bahdanau.Score(decoderState, encoderStates.Row(2)), bahdanau.V.DotProduct((bahdanau.W * decoderState + bahdanau.U * encoderStates.Row(2)).PointwiseTanh()), 1e-15, "Score(s, h₂) = v_aᵀ tanh(W·s + U·h₂)");

// ## Summary
//
// * Self-attention mixes every token with every other, weighted by softmax(QKᵀ/√d_k); the √d_k keeps the softmax from saturating.
// * Positional encodings inject order; residual connections and layer norm stabilise the block.
// * The from-scratch block and TorchSharp's layer compute the same function.
//
// ## Exercises
//
// 1. With d = 512 and 8 heads, what is d_k? Replace `-1`.
// 2. Which token does "mat" (row 5) attend to most in head 1? Replace `""` with the token.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
string answer2 = "";

Claims.Exercise("Exercise 1", answer1 == 512 / 8);
Claims.Exercise("Exercise 2", answer2 == tokens[maps[0].Row(5).MaximumIndex()]);
