// day-15-attention.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-15-attention.cs
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
using MLCourse.ModelSelection;
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Linear;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Text;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using static MLCourse.Notebooks.Display;

// # Day 15 — Attention: queries, keys, values, and the transformer encoder block
//
// Day 14 ended with an encoder–decoder that reversed 1.3 % of held-out 10–15-letter words without
// attention and 79.3 % with it, and a heatmap of *learned* alignments (input letters on x, output letters
// on y — see that notebook: the seq2seq and its attention map are trained there). Today we take attention
// apart and rebuild it without any RNN, as in "Attention is all you need" (Vaswani et al., 2017):
//
// 1. attention as a **soft dictionary lookup** — similarity, queries, keys, values;
// 2. **scaled dot-product attention** $\operatorname{softmax}(QK^\top/\sqrt{d_k})V$, and *why* $\sqrt{d_k}$;
// 3. **self-attention** and **multi-head** attention, with shapes;
// 4. **positional encoding**, derived: attention alone cannot see order;
// 5. **add & norm** and the **encoder block**;
// 6. a self-attention classifier **trained** on 3,000 review sentences, against a bag-of-words baseline,
//    with its attention maps read token by token.
//
// The notes state the pieces; two of their formulas need correcting here (the sum in $Z$ and "layer
// Norm = X + Z"), as the additive score did in day 14, and we do so where they appear.
//
// Library types used here: `Similarity`, `Softmax`, `ScaledDotProductAttention`, `SelfAttention`,
// `PositionalEncoding`, `LayerNorm`, `TransformerEncoderBlock`, `Vocabulary`,
// `Datasets.SentimentSentences`; notebook helpers `Charts`, `LiveChart`, `Claims`, `Exercise`.
//
// <!-- numbers: 1.3 % = day 14's exact match on 10–15-letter words without attention; 79.3 % = day 14's exact match on 10–15-letter words with attention -->

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(15);   // this day's exercise hints, kept off the page until you try

// ## Attention is a soft lookup
//
// A Python dictionary answers a query by finding the *one* key equal to it and returning its value.
// Attention answers a query $q$ with a *mixture* of all values $v_j$, weighted by how similar $q$ is to
// each key $k_j$:
// $$\alpha_j = \frac{\exp(\mathrm{sim}(q,k_j))}{\sum_{l}\exp(\mathrm{sim}(q,k_l))},\qquad \text{output} = \sum_j \alpha_j v_j .$$
// Day 14's decoder did exactly this with $q = s_{t-1}$, $k_j = v_j = h_j$ and the additive score
// $\mathrm{sim} = v_a^\top\tanh(W_a q + U_a k)$. The cheapest similarity is the **dot product**
// $q\cdot k = \|q\|\|k\|\cos\theta$; the notes' **cosine similarity** divides out the lengths,
// $\cos\theta = \frac{\sum_i A_iB_i}{\sqrt{\sum_i A_i^2}\sqrt{\sum_i B_i^2}}$. The softmax turns scores
// into weights that are positive and sum to 1 — a differentiable "soft argmax". Computed naively,
// $e^{1000}$ overflows; since $\operatorname{softmax}(e) = \operatorname{softmax}(e - \max e)$ (the factor
// $e^{-\max e}$ cancels between numerator and denominator), subtracting the maximum first is exact and safe.

var a = Vector<double>.Build.DenseOfArray(new[] { 1.0, 2, 3 });
var e1 = Vector<double>.Build.DenseOfArray(new[] { 1.0, 0 });
var e2 = Vector<double>.Build.DenseOfArray(new[] { 0.0, 5 });
Claims.Close(Similarity.Cosine(a, 2 * a), 1, 1e-15, "a vector and its multiple point the same way");
Claims.Close(Similarity.Cosine(e1, e2), 0, 1e-15, "orthogonal vectors: cosine 0");
var large = Vector<double>.Build.DenseOfArray(new[] { 1000.0, 1001, 1002 });
var naive = large.Map(Math.Exp) / large.Map(Math.Exp).Sum();
var safe = Softmax.Of(large);
Console.WriteLine($"naive softmax: [{string.Join(", ", naive)}]; "
    + $"stable: [{string.Join(", ", safe.Select(v => v.ToString("F4")))}]");
Claims.Check(naive.Any(double.IsNaN) && safe.All(double.IsFinite),
    "exp(1000) overflows the naive formula; subtracting the maximum keeps softmax finite");

// The naive formula gives $\infty/\infty$ = NaN; the stable one gives 0.0900, 0.2447, 0.6652 — the same
// as for scores 0, 1, 2, because only differences of scores matter.
//
// ## Scaled dot-product attention, and why $\sqrt{d_k}$
//
// Stack $m$ queries as the rows of $Q\,(m\times d_k)$, $n$ keys as $K\,(n\times d_k)$ and their values as
// $V\,(n\times d_v)$. All $m\cdot n$ dot products are one matrix product, and
// $$Z = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V,\qquad Z_i = \sum_{j=1}^{n}\alpha_{ij}\,V_j,\quad \alpha_{ij} = \frac{\exp(Q_i\cdot K_j/\sqrt{d_k})}{\sum_{l}\exp(Q_i\cdot K_l/\sqrt{d_k})}.$$
// **A correction to the notes:** they write $\Sigma[\operatorname{softmax}(Q_1\cdot K_1/\sqrt{d_k})]\times V_1 = Z$.
// The sum runs over the *keys* $j$, each weight multiplying *its own* value $V_j$: $Z_1 = \sum_j \alpha_{1j}V_j$; a softmax over a single score would always be 1.
//
// **Why divide by $\sqrt{d_k}$?** Take query and key entries independent with mean 0 and variance 1
// (roughly what initialisation and layer norm give). Then $q\cdot k = \sum_{i=1}^{d_k} q_ik_i$ has mean
// $\sum_i E[q_i]E[k_i] = 0$ and, the terms being independent,
// $$\operatorname{Var}(q\cdot k) = \sum_{i=1}^{d_k}\operatorname{Var}(q_ik_i) = \sum_{i=1}^{d_k} E[q_i^2]\,E[k_i^2] = d_k .$$
// So scores spread like $\sqrt{d_k}$, and the softmax of widely spread scores approaches a one-hot
// vector, whose gradient $\partial\alpha_i/\partial e_j = \alpha_i(\delta_{ij} - \alpha_j)$ is ≈ 0 for every
// $i, j$ — a saturated softmax does not learn. Dividing by $\sqrt{d_k}$ makes the variance 1 at every width.
// First the variance, measured:

torch.manual_seed(Seeds.Default);
int[] widths = { 4, 16, 64, 256, 1024 };
foreach (int dk in widths)
{
    var q = torch.randn(20000, dk, dtype: torch.float64);          // 20,000 random queries
    var k = torch.randn(20000, dk, dtype: torch.float64);          // and keys, entries N(0, 1)
    var dots = (q * k).sum(1);                                      // (20000,): q·k
    double variance = dots.var().item<double>();
    double scaled = (dots / Math.Sqrt(dk)).var().item<double>();
    Console.WriteLine($"d_k = {dk,4}: Var(q·k) = {variance,7:F1} (d_k = {dk}),  "
        + $"Var(q·k/√d_k) = {scaled:F3}");
    Claims.Check(Math.Abs(variance / dk - 1) < 0.05, $"Var(q·k) = d_k within 5 % at d_k = {dk}");
}

// The measured variances are within a few per cent of $d_k$ and the scaled ones within a few per cent of
// 1, as derived. Now what that does to the attention itself. Its **entropy**
// $H(\alpha) = -\sum_j \alpha_j\ln\alpha_j$ measures how spread the weights are: $\ln n$ for uniform
// weights over $n$ keys ($\ln 10 \approx 2.30$ nats for 10 keys), 0 for a one-hot choice.

// Exercise 1: predict the mean entropy (in nats) of softmax(q·k_j) over 10 random keys, NOT scaled,
// at d_k = 256 (entries N(0, 1)). Uniform weights would give ln 10 ≈ 2.30; a one-hot choice 0.
double? prediction1 = null;

// Mean entropy of the attention of one query over 10 keys, 2,000 draws per width.
double MeanEntropy(int dk, bool scaled)
{
    using var scope = torch.NewDisposeScope();
    var q = torch.randn(2000, 1, dk);                               // (draws, 1, d_k)
    var k = torch.randn(2000, 10, dk);                              // (draws, 10 keys, d_k)
    var scores = q.matmul(k.transpose(1, 2)).squeeze(1);            // (draws, 10)
    if (scaled) scores = scores / Math.Sqrt(dk);
    var logAlpha = scores.log_softmax(1);                           // ln α_j: (draws, 10)
    return -(logAlpha.exp() * logAlpha).sum(1).mean().item<float>();   // −Σ α ln α, averaged
}
torch.manual_seed(Seeds.Default);
double[] unscaled = widths.Select(d => MeanEntropy(d, false)).ToArray();
double[] scaledEntropy = widths.Select(d => MeanEntropy(d, true)).ToArray();
double[] log2Widths = widths.Select(d => Math.Log2(d)).ToArray();
Exercise.Predict("1", prediction1, unscaled[3], tolerance: 0.25,
    measured: $"d_k = 256, unscaled: mean entropy {unscaled[3]:F2} nats");
Display.Show(Charts.Lines("Attention entropy over 10 random keys (mean of 2,000 draws)", "log2 d_k",
    "entropy (nats); uniform = 2.30",
    new Series("softmax(q·k)", log2Widths, unscaled),
    new Series("softmax(q·k/√d_k)", log2Widths, scaledEntropy)));

for (int i = 0; i < widths.Length; i++)
    Console.WriteLine($"d_k = {widths[i],4}: entropy {unscaled[i]:F2} nats unscaled, "
        + $"{scaledEntropy[i]:F2} scaled by 1/√d_k");
Claims.Check(scaledEntropy.Max() - scaledEntropy.Min() < 0.1,
    "scaled by 1/√d_k the entropy is the same at every width (within 0.1 nats)");
Claims.Check(unscaled[^1] < 0.2 && unscaled[0] > 1,
    "unscaled, attention is spread at d_k = 4 but nearly one-hot (< 0.2 nats) at d_k = 1024");

// Unscaled, the entropy falls from 1.43 nats at $d_k = 4$ to 0.17 at 256 and 0.08 at 1024: the
// attention picks one key, whatever the query "means", and the gradient through the softmax is close to
// zero. Scaled, it stays at 1.92–1.93 nats at every width — spread enough to mix several values and to
// learn. (It is below $\ln 10$ because unit-variance scores still differ: a softmax of 10 standard
// normal scores is not uniform.) The $\sqrt{d_k}$ is therefore not cosmetic: it keeps a transformer
// trainable as its width grows.
//
// Now write the formula yourself; the check compares it with the library's
// `ScaledDotProductAttention` on random matrices of new shapes (3 queries, 5 keys, $d_v \ne d_k$).

// Exercise 2: scaled dot-product attention
// q: (m, d_k), k: (n, d_k), v: (n, d_v). Return the weights A = softmax(Q·Kᵀ/√d_k), one row per
// query (m, n), and the output Z = A·V (m, d_v). Make the softmax stable (subtract each row's max).
(Matrix<double> Weights, Matrix<double> Output) Attention(Matrix<double> q, Matrix<double> k,
    Matrix<double> v)
{
    return Exercise.Todo<(Matrix<double>, Matrix<double>)>();
}

Exercise.Check("2", () =>
{
    var rng = new Random(5);
    Matrix<double> M(int r, int c) =>
        Matrix<double>.Build.Dense(r, c, (_, _) => rng.NextDouble() * 4 - 2);
    var (q, k, v) = (M(3, 6), M(5, 6), M(5, 2));             // m = 3, n = 5, d_k = 6, d_v = 2
    var (weights, output) = Attention(q, k, v);
    var reference = ScaledDotProductAttention.Forward(q, k, v);
    return Exercise.Compare("your weights", weights, reference.Weights, 1e-12)
        ?? Exercise.Compare("your output", output, reference.Output, 1e-12);
});

// ### The backward pass, by hand
//
// To train attention we need $\partial L/\partial Q$, $\partial L/\partial K$ and $\partial L/\partial V$
// given $G = \partial L/\partial Z$. $Z = AV$ is a matrix product, so $\partial L/\partial V = A^\top G$ and
// $\partial L/\partial A = GV^\top$. A softmax row $a = \operatorname{softmax}(s)$ has
// $\partial a_j/\partial s_i = a_j(\delta_{ij} - a_i)$, hence
// $\partial L/\partial s_i = a_i\big(\partial L/\partial a_i - \sum_j a_j\,\partial L/\partial a_j\big)$, or for all rows at
// once $\partial L/\partial S = A\odot\big(\partial L/\partial A - \operatorname{rowsum}(A\odot\partial L/\partial A)\big)$.
// Last, $S = QK^\top/\sqrt{d_k}$ gives $\partial L/\partial Q = (\partial L/\partial S)\,K/\sqrt{d_k}$ and
// $\partial L/\partial K = (\partial L/\partial S)^\top Q/\sqrt{d_k}$. Five lines of MathNet, checked against
// TorchSharp's autograd; the library's `ScaledDotProductAttention.Backward` is the same five lines, and
// `SelfAttention`, `LayerNorm` and `TransformerEncoderBlock` chain such backward passes.

{   // in braces: these names stay local to the cell
    var rng = new Random(15);
    Matrix<double> R(int r, int c) =>
        Matrix<double>.Build.Dense(r, c, (_, _) => rng.NextDouble() * 2 - 1);
    var (q, k, v, g) = (R(3, 4), R(5, 4), R(5, 2), R(3, 2));   // d_k = 4; g = ∂L/∂Z, L = Σ G ⊙ Z
    var a_inner = ScaledDotProductAttention.Forward(q, k, v).Weights;  // A: (3, 5)
    var dV = a_inner.Transpose() * g;                                   // Aᵀ·G
    var dA = g * v.Transpose();                                   // G·Vᵀ
    var dS = Matrix<double>.Build.Dense(3, 5,                     // each row through its softmax
        (i, j) => a_inner[i, j] * (dA[i, j] - dA.Row(i) * a_inner.Row(i)));
    var (dQ, dK) = (dS * k / Math.Sqrt(4), dS.Transpose() * q / Math.Sqrt(4));
    using var scope = torch.NewDisposeScope();
    var (tq, tk, tv) = (q.ToTensor().requires_grad_(true), k.ToTensor().requires_grad_(true),
        v.ToTensor().requires_grad_(true));
    (torch.softmax(tq.matmul(tk.T) / Math.Sqrt(4), 1).matmul(tv) * g.ToTensor()).sum().backward();
    var gaps = new[] { tq.grad!.ToMatrix() - dQ, tk.grad!.ToMatrix() - dK,
        tv.grad!.ToMatrix() - dV };
    double worst_inner = gaps.Max(m => m.Enumerate().Max(Math.Abs));
    Console.WriteLine($"largest difference from autograd over ∂L/∂Q, ∂L/∂K, ∂L/∂V: {worst_inner:E1}");
    Claims.Check(worst_inner < 1e-12, "the hand-written attention backward equals TorchSharp's autograd");
}

// ## Self-attention and multi-head attention
//
// In **self-attention** the queries, keys and values all come from the same sequence. With token
// vectors as the rows of $X\,(T\times d)$, the notes' three vectors per word are
// $$Q = XW_Q,\qquad K = XW_K,\qquad V = XW_V,\qquad Z = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V \quad (T\times d_v).$$
// Every token asks a question ($q_i$), advertises what it contains ($k_j$) and offers content ($v_j$);
// row $i$ of the $T\times T$ weight matrix is token $i$'s distribution over all tokens. Unlike an RNN,
// the path between any two tokens is one step long, and all $T$ rows are computed at once.
//
// **Multi-head attention** runs $h$ such attentions side by side on slices of the model width. With
// $d_{\text{model}} = 32$ and $h = 2$, $d_k = d_v = d_{\text{model}}/h = 16$:
// $$\text{head}_r = \operatorname{softmax}\!\left(\frac{Q_rK_r^\top}{\sqrt{d_k}}\right)V_r,\quad Q_r = X W_Q^{(r)}\ (T\times 16),\qquad \mathrm{MHA}(X) = [\text{head}_1;\ \dots;\ \text{head}_h]\,W_O\quad (T\times 32).$$
// In code the $h$ projections are one $(d, d)$ matrix whose output columns are cut into $h$ blocks: a
// batch of shape $(B, T, d)$ is reshaped to $(B, T, h, d_k)$ and transposed to $(B, h, T, d_k)$, so one
// batched matrix product gives $h$ weight matrices $(B, h, T, T)$. The cost is that of one full-width
// head; the gain is that each head has its own softmax and can attend to something different (one to
// the previous word, another to the sentiment-bearing words, say). We will see two trained heads below.
//
// ## Positional encoding: attention cannot see order
//
// Permute the rows of $X$ by a permutation matrix $P$. Then $Q, K, V$ become $PQ, PK, PV$, the scores
// $PQK^\top P^\top$, the softmax (row-wise) $PAP^\top$, and the output $PAP^\top PV = PAV = PZ$ since
// $P^\top P = I$. **Self-attention is permutation-equivariant**: "dog bites man" and "man bites dog" give
// the same vectors, shuffled. Checked on the library's `SelfAttention` (random weights; this is a property
// of the formula, true for any weights):

var attention = new SelfAttention(d: 8, heads: 2, new Random(1));
var tokens = Matrix<double>.Build.Dense(6, 8,                      // (T, d) = (6, 8)
    (_, _) => random.System.NextDouble() * 2 - 1);
int[] order = { 3, 0, 5, 1, 4, 2 };                             // a permutation of the 6 tokens
var permuted = Matrix<double>.Build.DenseOfRowVectors(order.Select(tokens.Row));
var z = attention.Forward(tokens).Output;
var zPermuted = attention.Forward(permuted).Output;
double gap = order.Select((o, i) => (zPermuted.Row(i) - z.Row(o)).InfinityNorm()).Max();
Console.WriteLine($"largest difference between Z(PX) and P·Z(X): {gap:E1}");
Claims.Check(gap < 1e-12, "shuffling the tokens only shuffles self-attention's outputs");

// So order must be *added to the input*. The sinusoidal encoding adds to token $p$'s embedding the
// vector with entries, for $i = 0,\dots,d/2-1$,
// $$PE(p, 2i) = \sin(\omega_i p),\qquad PE(p, 2i+1) = \cos(\omega_i p),\qquad \omega_i = 10000^{-2i/d}.$$
// Each pair of dimensions is a clock hand turning at its own speed, from $\omega_0 = 1$ radian per
// token down to $1/10000$: fast pairs tell neighbours apart, slow pairs give the coarse position, like
// the digits of a number. Why sines and cosines rather than the raw position $p$? Because of the angle
// addition formulas,
// $$\begin{pmatrix}\sin\omega(p+k)\\ \cos\omega(p+k)\end{pmatrix} = \begin{pmatrix}\cos\omega k & \sin\omega k\\ -\sin\omega k & \cos\omega k\end{pmatrix} \begin{pmatrix}\sin\omega p\\ \cos\omega p\end{pmatrix},$$
// moving $k$ tokens ahead is the *same rotation* whatever $p$ is: a linear map $W_Q$ or $W_K$ can
// express "the token 2 to my left" once for every position. And all values stay in $[-1, 1]$, unlike $p$.

var pe = PositionalEncoding.Sinusoidal(50, 32);                      // (positions, d)
double omega(int i) => Math.Pow(10000, -2.0 * i / 32);
double worstRotation = 0;
for (int p = 0; p < 40; p++)
    for (int k = 1; k < 10; k++)
        for (int i = 0; i < 16; i++)
        {
            double c = Math.Cos(omega(i) * k), s = Math.Sin(omega(i) * k);
            double sinAhead = c * pe[p, 2 * i] + s * pe[p, 2 * i + 1];    // rotate pair i by ω_i·k
            double cosAhead = -s * pe[p, 2 * i] + c * pe[p, 2 * i + 1];
            worstRotation = Math.Max(worstRotation, Math.Max(Math.Abs(sinAhead - pe[p + k, 2 * i]),
                Math.Abs(cosAhead - pe[p + k, 2 * i + 1])));
        }
Claims.Check(worstRotation < 1e-12,
    "PE(p + k) is PE(p) rotated by ω_i·k in every pair, for every p");
Display.Show(Charts.Heatmap("Sinusoidal positional encoding, d = 32", pe.Transpose(),
    xTitle: "position p (token)", yTitle: "dimension (0 at the top; pairs sin, cos)"));

// Read the heatmap along a row: the top rows (fast pairs, $\omega_0 = 1$) alternate within a few
// tokens, lower rows change ever more slowly, and the bottom pairs are nearly constant over 50 tokens
// ($\omega_{15} = 10000^{-30/32} \approx 1.8\cdot10^{-4}$). Read it down a column: each position gets a
// different pattern. The rotation identity held for all 40 × 9 × 16 cases to rounding. Exercise 3
// writes the encoding yourself.
//
// <!-- numbers: 1.8 = 10000^(−30/32) ≈ 1.8·10⁻⁴, computed in the sentence from ω_i's definition -->

// Exercise 3: the sinusoidal positional encoding
// Return the (positions, d) matrix with PE(p, 2i) = sin(p / 10000^(2i/d)) and
// PE(p, 2i + 1) = cos(p / 10000^(2i/d)); d is even.
Matrix<double> Sinusoids(int positions, int d)
{
    return Exercise.Todo<Matrix<double>>();
}

Exercise.Check("3", () => Exercise.Compare("your encoding", Sinusoids(23, 12),
    PositionalEncoding.Sinusoidal(23, 12), 1e-12));

// ## Add & norm, and the encoder block
//
// Two more pieces make attention stack. The **residual connection** adds the sublayer's output to its
// input, $X + \mathrm{MHA}(X)$: the block learns a *correction* to $X$, and the gradient has an
// identity path through every block (the same idea as the LSTM's cell and the GRU's $z_t$ path).
// **Layer normalisation** then rescales each token's vector to mean 0 and variance 1 over its $d$
// features, with a learned scale and shift:
// $$\mathrm{LN}(x) = \gamma\odot\frac{x-\mu}{\sqrt{\sigma^2+\epsilon}} + \beta,\qquad \mu = \frac1d\sum_{f=1}^{d} x_f,\quad \sigma^2 = \frac1d\sum_{f=1}^{d}(x_f-\mu)^2 .$$
// **A correction to the notes:** they write "layer Norm = X + Z". The sum is the residual; the norm is
// applied *to* it: $X_1 = \mathrm{LN}(X + Z)$. Then a position-wise feed-forward network (the same
// two-layer ReLU MLP at every token) gets the same treatment:
// $$X_1 = \mathrm{LN}\big(X + \mathrm{MHA}(X)\big),\qquad X_2 = \mathrm{LN}\big(X_1 + W_2\,\mathrm{relu}(W_1X_1 + b_1) + b_2\big).$$
// That is one **transformer encoder block**; a transformer stacks $N$ of them. The library's
// `TransformerEncoderBlock` implements these two lines in MathNet (and their backward pass, by
// hand, checked against autograd in the library's tests); with its weights copied into
// TorchSharp's `nn.TransformerEncoderLayer` (dropout 0), both must compute the same function:

var block = new TransformerEncoderBlock(d: 8, heads: 2, feedForward: 32, new Random(2));
var x = tokens + PositionalEncoding.Sinusoidal(6, 8);               // (T, d)
var (encoded, _) = block.Forward(x);
var layer = nn.TransformerEncoderLayer(8, 2, 32, dropout: 0.0);
layer.to(torch.float64);
block.CopyTo(layer);
layer.eval();
var expected = layer.call(x.ToTensor().unsqueeze(1)).squeeze(1).ToMatrix();   // wants (T, batch, d)
double worst = (expected - encoded).Enumerate().Max(Math.Abs);
Console.WriteLine($"largest difference from TorchSharp: {worst:E2}");
Claims.Check(worst < 1e-10,
    "the from-scratch encoder block equals TorchSharp's TransformerEncoderLayer");

// Agreement to about $10^{-15}$: the equations above, including post-norm placement (norm *after* the
// residual, as in the original paper and TorchSharp's default), are the whole block.
//
// ## A trained self-attention classifier on review sentences
//
// Now real text and trained weights. `Datasets.SentimentSentences()` holds 3,000 one-sentence reviews
// (Amazon, IMDb, Yelp), half positive. We drop the few with no word, hold out 600 at random, and build a
// word vocabulary from the training sentences (words seen at least twice; the rest become `<unk>`).

var sentences = Datasets.SentimentSentences().Where(s => WordTokenizer.Tokenize(s.Text).Count > 0)
    .OrderBy(_ => random.System.Next()).ToList();
var trainSet = sentences.Skip(600).ToList();
var testSet = sentences.Take(600).ToList();
var vocabulary = Vocabulary.Words(trainSet.Select(s => s.Text), minCount: 2);
Tensor Labels(IEnumerable<SentimentSentence> s) =>
    torch.tensor(s.Select(v => (long)v.Label).ToArray());                // (sentences,) 0 or 1
double majority = Math.Max(testSet.Average(s => s.Label), 1 - testSet.Average(s => s.Label));
Console.WriteLine($"{trainSet.Count:N0} training and {testSet.Count} held-out sentences; "
    + $"{vocabulary.Count:N0} words in the vocabulary; majority class {majority:P1} of held-out");

// A classifier must beat the 51 % of always answering the commoner class. A much stronger yardstick is
// a **bag of words**: logistic regression on word counts, which ignores order entirely (trained here
// with full-batch Adam and a little weight decay).

Tensor Counts(List<SentimentSentence> s)                            // (sentences, vocabulary)
{
    var counts = new float[s.Count * vocabulary.Count];
    for (int i = 0; i < s.Count; i++)
        foreach (int id in vocabulary.Encode(s[i].Text)) counts[i * vocabulary.Count + id] += 1;
    return torch.tensor(counts, new long[] { s.Count, vocabulary.Count });
}
var (bowTrain, bowTest) = (Counts(trainSet), Counts(testSet));
torch.manual_seed(Seeds.Default);
var bow = nn.Linear(vocabulary.Count, 2);
var bowOptimizer = torch.optim.Adam(bow.parameters(), lr: 0.01, weight_decay: 1e-3);
for (int step = 0; step < 300; step++)                              // full-batch gradient steps
{
    using var scope = torch.NewDisposeScope();
    var loss = nn.functional.cross_entropy(bow.forward(bowTrain), Labels(trainSet));
    bowOptimizer.zero_grad(); loss.backward(); bowOptimizer.step();
}
double bowAccuracy;
using (torch.no_grad())
    bowAccuracy = bow.forward(bowTest).argmax(1).eq(Labels(testSet))
        .to_type(torch.float32).mean().item<float>();
Console.WriteLine($"bag of words, held-out accuracy: {bowAccuracy:P1}");

// The bag of words reaches 83.7 % on held-out sentences, 32 points above the majority class:
// sentiment in one-sentence reviews is carried mostly by single words (*great*, *bad*, *not*), so
// counting them is already strong. Any model with more machinery has to beat this, not 51.5 %.
//
// The attention model: embeddings ($d = 32$) plus the positional encoding, one encoder block with 2
// heads, written out below so every equation of this notebook appears once in trainable form; then the
// block's outputs are averaged over the real (unpadded) tokens and a linear layer gives 2 class scores.
// Sentences in a batch have different lengths; shorter ones are padded, and a **mask** sets the score
// of every padding key to $-\infty$ before the softmax, so no real token attends to padding.

Seeds.Set(Seeds.Default);
var classifier = new SentimentEncoder(vocabulary.Count);
var optimizer = torch.optim.Adam(classifier.parameters(), lr: 0.003);
var live = LiveChart.Show("Self-attention classifier: training loss (live)",
    "epoch", "cross-entropy");
var shuffler = new Random(Seeds.Default);
for (int epoch = 1; epoch <= 6; epoch++)
{
    double total = 0; int count = 0;
    foreach (var chunk in trainSet.OrderBy(_ => shuffler.Next()).Chunk(32))
    {
        using var scope = torch.NewDisposeScope();
        var batch = vocabulary.EncodeBatch(chunk.Select(s => s.Text));  // padded: (32, T)
        var (scores, _) = classifier.Classify(batch.ToTensor(), batch.MaskTensor());
        var loss = nn.functional.cross_entropy(scores, Labels(chunk));
        optimizer.zero_grad(); loss.backward(); optimizer.step();
        total += loss.item<float>(); count++;
    }
    live.Add("training", epoch, total / count);
}
double Accuracy(List<SentimentSentence> set)
{
    using var noGrad = torch.no_grad();
    var batch = vocabulary.EncodeBatch(set.Select(s => s.Text));
    return classifier.Classify(batch.ToTensor(), batch.MaskTensor()).Scores.argmax(1)
        .eq(Labels(set)).to_type(torch.float32).mean().item<float>();
}
double attentionAccuracy = Accuracy(testSet);
Console.WriteLine($"{classifier.parameters().Sum(p => p.numel()):N0} parameters; "
    + $"training accuracy {Accuracy(trainSet):P1}");
Console.WriteLine($"held-out accuracy: self-attention {attentionAccuracy:P1}, bag of words "
    + $"{bowAccuracy:P1}, majority {majority:P1}; the bag of words is ahead by "
    + $"{100 * (bowAccuracy - attentionAccuracy):F1} points");
Claims.Check(attentionAccuracy > majority + 0.2, "the self-attention classifier beats the majority "
    + "class by more than 20 points on held-out sentences");

// The self-attention classifier reaches 76.3 % on held-out sentences: far above the 51.5 % majority,
// but 7.3 points **below** the bag of words. Its 95.1 % training accuracy suggests why: 70,306 parameters
// (most of them 32-dimensional embeddings for 1,928 words) learned from 2,398 sentences memorise much of the
// training set, while logistic regression with weight decay has one weight per word and class. A second
// likely reason, not tested here (it would take a second training run without the positional encoding): in
// one-sentence reviews word order probably matters little, and relations between positions are what
// attention adds. So this run shows a small transformer trained from scratch on 2,398 sentences losing to a
// bag of words — not that attention fails; the usual remedies, far more data or word vectors pre-trained on
// far more text, are not tried here. Before reading the maps, one more check: is the block we trained really
// the encoder block of the equations above? Copy its weights into the library's `TransformerEncoderBlock`
// and compare on a held-out sentence.

// The trained block, copied into the library's TransformerEncoderBlock: same function?
var library = new TransformerEncoderBlock(d: 32, heads: 2, feedForward: 64, new Random(0));
Tensor F64(Tensor t) => t.detach().to_type(torch.float64);
var att = library.Attention;
foreach (var (linear, w, b) in new[] {
    (classifier.wq, att.Wq, att.Bq), (classifier.wk, att.Wk, att.Bk),
    (classifier.wv, att.Wv, att.Bv), (classifier.wo, att.Wo, att.Bo),
    (classifier.w1, library.W1, library.B1),
    (classifier.w2, library.W2, library.B2) })
{
    F64(linear.weight!).ToMatrix().CopyTo(w);                          // (out, in), as x·Wᵀ + b
    F64(linear.bias!).ToVector().CopyTo(b);
}
foreach (var (norm, ln) in
    new[] { (classifier.norm1, library.Norm1), (classifier.norm2, library.Norm2) })
{
    F64(norm.weight!).ToVector().CopyTo(ln.Gamma);                     // γ
    F64(norm.bias!).ToVector().CopyTo(ln.Beta);                        // β
}
var one = vocabulary.EncodeBatch(new[] { testSet[0].Text });
using (torch.no_grad())
{
    var input = classifier.Input(one.ToTensor());                        // (1, T, 32)
    var (ours, ourWeights) = classifier.Block(input, one.MaskTensor());
    var (theirs, theirWeights) = library.Forward(input[0].to_type(torch.float64).ToMatrix());
    double outGap = (ours[0].to_type(torch.float64).ToMatrix() - theirs).Enumerate().Max(Math.Abs);
    double weightGap = (ourWeights[0, 1].to_type(torch.float64).ToMatrix() - theirWeights[1])
        .Enumerate().Max(Math.Abs);
    Console.WriteLine($"largest differences: block output {outGap:E1}, "
        + $"head-2 weights {weightGap:E1}");
    Claims.Check(outGap < 1e-4 && weightGap < 1e-5, "the trained block in the cell above and the "
        + "library's TransformerEncoderBlock with its weights compute the same function");
}

// Differences of order $10^{-6}$ are float32 rounding (the classifier trains in float32, the library
// computes in float64); a wrong head split or norm placement would show up at order 1. Now the maps.
// Each panel is one head; row $i$ is the distribution of token $i$'s attention over the sentence.

Tensor AttentionMaps(string text) // (H, T, T) for one sentence
{
    using var noGrad = torch.no_grad();
    var batch = vocabulary.EncodeBatch(new[] { text });
    return classifier.Classify(batch.ToTensor(), batch.MaskTensor()).Weights[0];
}
Plotly.NET.GenericChart ShowHeads(string text)
{
    var maps = AttentionMaps(text);
    var words = vocabulary.Tokenize(text)                               // "?" marks an <unk> word
        .Select(w => vocabulary.Contains(w) ? w : w + "?").ToArray();
    for (int h = 0; h < 2; h++)                                         // each row's largest weight
        Console.WriteLine($"head {h + 1}, row → the word it weights most: " + string.Join("; ",
            words.Select((w, i) => (w, row: maps[h, i]))
                .Select(r => $"{r.w} → {words[r.row.argmax().item<long>()]} "
                    + $"{r.row.max().item<float>():F2}")));
    var panels = Enumerable.Range(0, 2)
        .Select(h => ($"head {h + 1}", maps[h].to_type(torch.float64).ToMatrix())).ToList();
    return Charts.SmallMultiples(
        $"\"{text}\" — attention of each word (row) to every word (column)",
        panels, columns: 2, xLabels: words, yLabels: words);
}
var examples = testSet.Where(s => vocabulary.Tokenize(s.Text).Count is >= 7 and <= 11)
    .Take(2).ToList();
foreach (var s in examples)
    Console.WriteLine($"{(s.IsPositive ? "positive" : "negative")}: {s.Text}");
Display.Show(ShowHeads(examples[0].Text));

Display.Show(ShowHeads(examples[1].Text));

// Both examples are negative held-out sentences; the lines above the charts name, for every row, the
// word it weights most. **Head 1 leans on the negation**: in the first sentence 7 of the 11 rows put their
// largest weight on *cannot* (0.27–0.66), while *the*, *to* and *film* put theirs on *film* (0.54, 0.43, 0.39)
// and *actors* on itself; in the second sentence 5 of the 7 rows pick *cannot* (0.43–0.76), and *certain* and
// *places* pick *calls* (0.69, 0.77). A negation is what a sentiment classifier needs to find, and since the
// block's outputs are averaged over the words, copying *cannot*'s value into many positions plausibly pushes
// the average towards "negative". **Head 2 does something else**: 7 of the 11 rows of the first sentence pick
// *do* (0.27–0.96), 5 of the 7 rows of the second pick *places* (0.26–0.86) — words with no sentiment, both
// near the end of the sentence. It looks like a positional pattern (the positional encoding makes one
// possible) rather than a content one, though two sentences cannot settle it. So the two heads did divide the
// work, but only one of them is easy to read; that is typical, and a reason not to over-read single maps.
// Words marked "?" were not in the vocabulary and share the `<unk>` embedding. Is head 1's habit general, or
// did we pick two lucky sentences? The next cell measures something related over all 600 held-out sentences.

// Which words receive attention? For every held-out sentence, the attention each word receives
// (column sum over the rows, averaged over heads), against the bag-of-words model's verdict on that
// word, |w_positive − w_negative|: how much the word alone says about the sentiment.
var bowWeight = (bow.weight![1] - bow.weight![0]).abs().detach();    // (vocabulary,)
var perSentence = new List<(double[] Received, double[] Importance)>();
foreach (var s in testSet)
{
    var ids = vocabulary.Encode(s.Text);
    var maps = AttentionMaps(s.Text);                                   // (H, T, T)
    var perWord = maps.sum(1).mean(new long[] { 0 });                   // (T,): attention received
    perSentence.Add((
        Enumerable.Range(0, ids.Length)                                 // 1/T = an average share
            .Select(t => (double)perWord[t].item<float>() / ids.Length).ToArray(),
        ids.Select(id => (double)bowWeight[(long)id].item<float>()).ToArray()));
}
double Spearman(IEnumerable<(double[] Received, double[] Importance)> set) =>
    MathNet.Numerics.Statistics.Correlation.Spearman(set.SelectMany(p => p.Received),
        set.SelectMany(p => p.Importance));
double correlation = Spearman(perSentence);
int occurrences = perSentence.Sum(p => p.Received.Length);
// Words of one sentence share its softmaxes, so they are not independent pairs: resample whole
// sentences (a bootstrap, 200 times) to see how much the correlation really varies.
var resampler = new Random(Seeds.Default);
double[] boot = Enumerable.Range(0, 200).Select(_ => Spearman(Enumerable.Range(0, perSentence.Count)
    .Select(_ => perSentence[resampler.Next(perSentence.Count)]).ToList())).ToArray();
double bootSe = Math.Sqrt(boot.Select(b => (b - boot.Average()) * (b - boot.Average())).Average());
Console.WriteLine($"rank correlation between attention received and bag-of-words importance: "
    + $"{correlation:F2} over {occurrences:N0} word occurrences in {perSentence.Count} sentences");
Console.WriteLine($"standard error: {1 / Math.Sqrt(occurrences):F3} if the occurrences were "
    + $"independent; {bootSe:F3} resampling whole sentences");
Claims.Check(correlation > 0.1 && correlation - 3 * bootSe > 0, "words that carry sentiment on "
    + "their own receive more attention: the correlation is over 3 sentence-bootstrap standard "
    + "errors above 0");

// The rank correlation is 0.30 over 6,826 word occurrences: clearly positive but far from 1. How far
// from 0 is "clearly"? For independent pairs its standard error would be about $1/\sqrt{6826} = 0.012$; but
// the words of one sentence are not independent (they share the same softmaxes, and a sentence's
// attention received always sums to the same total), so the cell also resamples whole sentences. That
// sentence-level bootstrap gives 0.012 as well here: 0.30 is some 25 standard errors above 0 either way.
// Words that decide the sentiment on their own do receive more attention, as head 1 suggested; yet much
// of the attention goes elsewhere — head 2's positional habit, frequent short words. Attention weights
// are a partial and noisy explanation of a model. Checking a pattern seen in one heatmap against an
// independent signal over the whole test set, as here, is how to tell whether it is real.
//
// ## Summary
//
// * Attention is a soft lookup: weights $\operatorname{softmax}(\text{similarity}(q, k_j))$ mix values $v_j$.
//   Bahdanau's additive score (day 14) and the scaled dot product are two choices of similarity.
// * $\operatorname{Var}(q\cdot k) = d_k$, so scores must be divided by $\sqrt{d_k}$; without it attention
//   collapses to one key as the width grows (entropy → 0) and stops learning.
// * Self-attention is permutation-equivariant; sinusoidal positional encodings add order, and a shift
//   by $k$ tokens is one rotation per frequency pair.
// * Multi-head attention splits $d_{\text{model}}$ into $h$ heads of $d_k = d_{\text{model}}/h$, each with
//   its own softmax, at the cost of one head.
// * Encoder block: $\mathrm{LN}(X + \mathrm{MHA}(X))$, then $\mathrm{LN}(X_1 + \mathrm{FFN}(X_1))$.
// * On 2,400 short reviews a one-block transformer trained from scratch scores 76.3 %, 7.3 points *below*
//   a bag of words (83.7 %): it has far more parameters than the data supports (95.1 % on its training
//   set). One of its heads put most of its weight on the negation *cannot* in both example sentences, and
//   over all held-out sentences words that carry sentiment on their own receive somewhat more attention
//   (rank correlation 0.30). Use
//   attention when long-range, order-dependent relations matter and data (or pre-training) is
//   plentiful; for small text classification a bag of words is a strong, cheap baseline.
//
// The exercises are in the text: Exercise 1 (predict the unscaled attention entropy at $d_k = 256$),
// Exercise 2 (scaled dot-product attention, checked against `ScaledDotProductAttention`),
// Exercise 3 (the sinusoidal encoding, checked against `PositionalEncoding`). Reference solutions:
// `notebooks/solutions/day-15-attention.dib`.

// Types declared in the notebook's cells (C# puts them after the statements).

sealed class SentimentEncoder : nn.Module
{
    const int D = 32, H = 2, Dk = D / H, Ff = 64;
    private readonly TorchSharp.Modules.Embedding embed;
    public readonly TorchSharp.Modules.Linear wq = nn.Linear(D, D), wk = nn.Linear(D, D),
        wv = nn.Linear(D, D), wo = nn.Linear(D, D), w1 = nn.Linear(D, Ff), w2 = nn.Linear(Ff, D);
    public readonly TorchSharp.Modules.LayerNorm norm1 = nn.LayerNorm(D), norm2 = nn.LayerNorm(D);
    private readonly TorchSharp.Modules.Linear output = nn.Linear(D, 2);
    private readonly Tensor positions;

    public SentimentEncoder(int vocabulary) : base(nameof(SentimentEncoder))
    {
        embed = nn.Embedding(vocabulary, D, padding_idx: 0);
        positions = PositionalEncoding.Sinusoidal(128, D).ToTensor().to_type(torch.float32);
        RegisterComponents();
    }

    // The block's input: embeddings plus positions. ids: (B, T) → (B, T, D).
    public Tensor Input(Tensor ids) => embed.forward(ids) + positions.narrow(0, 0, ids.shape[1]);

    // One encoder block. x: (B, T, D), mask: (B, T) true on real tokens.
    public (Tensor Output, Tensor Weights) Block(Tensor x, Tensor mask)
    {
        long b = x.shape[0], t = x.shape[1];
        Tensor Heads(Tensor m) => m.view(b, t, H, Dk).transpose(1, 2);     // (B, H, T, Dk)
        var (q, k, v) = (Heads(wq.forward(x)), Heads(wk.forward(x)), Heads(wv.forward(x)));
        var scores = q.matmul(k.transpose(2, 3)) / Math.Sqrt(Dk);         // (B, H, T, T)
        var padding = mask.logical_not().view(b, 1, 1, t);                // keys that are padding
        var alpha = torch.softmax(scores.masked_fill(padding, double.NegativeInfinity), 3);
        var z = alpha.matmul(v).transpose(1, 2).reshape(b, t, D);         // heads side by side
        var x1 = norm1.forward(x + wo.forward(z));                         // add & norm
        var x2 = norm2.forward(x1 + w2.forward(w1.forward(x1).relu()));   // FFN, add & norm
        return (x2, alpha);
    }

    // Class scores (B, 2) and attention weights (B, H, T, T).
    public (Tensor Scores, Tensor Weights) Classify(Tensor ids, Tensor mask)
    {
        var (encoded, alpha) = Block(Input(ids), mask);
        var real = mask.unsqueeze(2).to_type(torch.float32);               // (B, T, 1)
        var pooled = (encoded * real).sum(1) / real.sum(1);                // mean over real tokens
        return (output.forward(pooled), alpha);
    }
}
