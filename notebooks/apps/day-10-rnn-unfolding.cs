// day-10-rnn-unfolding.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-10-rnn-unfolding.cs
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

// # Day 10 — Recurrent neural networks: data, state and unfolding
//
// > RNNs are for sequential data — text, time series, audio, DNA. A plain network cannot take inputs
// > of varying size, and one input per word of a long text would need a huge, wasteful layer.
// > Data for an RNN: **(batch, timesteps, input features)**, e.g. a sentence as one-hot words.
// > An RNN has **state**: its output feeds back. Unfolded through time, with the same weights at every step,
// > $$o_t = \tanh(x_t W_i + o_{t-1} W_h + b), \qquad o_0 = 0 .$$
// > — the course notes, "RNN", "Data in RNN", "Forward Pass → Unfolding through time"
//
// Day 9 guessed from a first name whether it is mostly given to girls or boys, and had to cut every
// name to two windows of three letters, because a dense layer takes a fixed number of inputs. The
// letters in the middle of *christopher* were never seen. Text, speech, DNA and sensor logs share this
// shape: an **ordered sequence of variable length**, where what matters may sit anywhere. This day
// builds the network made for such data, the **recurrent neural network** (RNN), on the same names:
//
// 1. why a plain network is the wrong tool — computed, not quoted;
// 2. the RNN step, written in a cell and **unfolded** over a real name, checked against the library's
//    `SimpleRnn` and TorchSharp's `nn.RNN`;
// 3. how a batch of names of different lengths becomes one (batch, timesteps, features) tensor;
// 4. a many-to-one RNN classifier **trained** here, judged on held-out names against baselines;
// 5. the kinds of RNN (one-to-many, many-to-one, many-to-many), each with a real example.
//
// We write the hidden state as $h_t$ (the notes call it $o_t$, the RNN's output at step $t$; in a
// simple RNN the two are the same vector) and the input weights $W_x$ (the notes' $W_i$).
//
// Library types used here: `Datasets`, `BabyName`, `Vocabulary`, `PaddedBatch`, `SimpleRnn`,
// `TensorConvert`, `Seeds`; notebook helpers `Charts`, `LiveChart`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default); // fixed seeds: the same commit gives the same numbers
Exercise.ForDay(10);   // this day's exercise hints, kept off the page until you try

// ## Names as sequences of characters
//
// Each name becomes a sequence of character ids (id 0 is padding, id 1 "unknown", then the letters).
// The split into training, validation and test names is day 9's: same seed, same shuffle, so the
// test accuracies of the two days can be compared name for name.

var names = Datasets.BabyNames();
var vocab = Vocabulary.Characters(names.Select(n => n.Name));   // 28 ids: <pad>, <unk>, a–z
var shuffled = Enumerable.Range(0, names.Count).OrderBy(_ => random.System.Next()).ToArray();
int[] testRows = shuffled[..4000], validRows = shuffled[4000..8000], trainRows = shuffled[8000..];
var lengthCounts = names.GroupBy(n => n.Name.Length).OrderBy(g => g.Key).ToArray();
Console.WriteLine($"{vocab}; lengths {lengthCounts[0].Key} to {lengthCounts[^1].Key} letters");
Console.WriteLine($"'olivia' → [{string.Join(", ", vocab.Encode("olivia"))}]");
Display.Show(Charts.Bars("How long are the 29,669 names?", "length (letters)", "names",
    lengthCounts.Select(g => g.Key.ToString()).ToArray(),
    lengthCounts.Select(g => (double)g.Count()).ToArray()));

// Most names have 5 to 7 letters, but lengths run from 2 to 14: any model that reads "the name" must
// accept all of these. A sentence of Jane Austen's is far more variable still — from two words to
// over a hundred.
//
// ## Why not a plain network?
//
// A dense layer computes $x W + b$ for a vector $x$ of **fixed** length. To feed it names, we would
// **pad** every name to the longest length $T$ and write each of the $T$ positions as a one-hot
// vector over the $V = 28$ ids, giving $T \cdot V$ inputs. A first dense layer of $H$ units then needs
//
// $$P_{\text{dense}}(T) = T\,V\,H + H$$
//
// parameters, **growing with the length** $T$. It also learns each position separately: an *a* in
// position 6 and an *a* in position 4 go through different weights, so what the network learns
// about "ends in *a*" at one length does not carry over to names of another length. The notes add
// the cost: a text of thousands of words would need thousands of blocks of weights, most of them
// multiplying padding.
//
// An RNN instead applies **one** small layer at every position, carrying a state from step to step.
// Its first layer has $V H$ input weights, $H H$ recurrent weights and $H$ biases,
//
// $$P_{\text{RNN}} = V H + H^2 + H,$$
//
// **independent of $T$**: the same weights read a name of 2 letters or a novel.

const int H = 64;
long DenseCount(int T) => (long)T * vocab.Count * H + H;          // first layer on padded one-hot
long RnnCount() => (long)vocab.Count * H + H * H + H;             // one recurrent layer
var lengths = new[] { 6, 15, 40, 200, 1000 };
foreach (int T in lengths)
    Console.WriteLine($"T = {T,5}: dense {DenseCount(T),10:N0}   RNN {RnnCount(),6:N0}");
using (var dense15 = nn.Linear(15 * vocab.Count, H))                // a real layer, counted
using (var rnn1 = nn.RNN(vocab.Count, H, batchFirst: true))
{
    long d = dense15.parameters().Sum(p => p.numel()), r = rnn1.parameters().Sum(p => p.numel());
    Console.WriteLine($"TorchSharp: nn.Linear(15·28, 64) {d:N0}; nn.RNN(28, 64) {r:N0}");
    if (d != DenseCount(15) || r != RnnCount() + H)
        throw new Exception("the formulas do not match TorchSharp's layers");
}

// Padded to $T = 15$ (one more than the longest name) the dense layer already has 26,944 parameters
// against 5,952 for the RNN layer, and at $T = 1{,}000$ characters (a paragraph) it has 1,792,064, while the RNN's count
// has not moved. TorchSharp's `nn.RNN` holds 64 more than our formula: PyTorch keeps **two** bias
// vectors, $b_{ih}$ and $b_{hh}$, which always appear as their sum — a different convention, not a
// different model (Keras' `SimpleRNN` keeps one, like the notes). The notes' example, 5 one-hot words,
// 3 units and one sigmoid output, has $5 \cdot 3 + 3 \cdot 3 + 3 = 27$ weights (input, recurrent,
// output) and $3 + 1 = 4$ biases:

var keras = SimpleRnn.KerasParameterCount(features: 5, units: 3);
Console.WriteLine($"the notes' RNN: {keras.Weights} weights + {keras.Biases} biases");
if (keras != (27, 4)) throw new Exception("the notes' count is 27 + 4");

// ## The RNN step, unfolded over a real name
//
// One step of a simple RNN reads the input $x_t$ (one row, $1 \times V$) and the previous state
// $h_{t-1}$ ($1 \times H$) and produces the new state:
//
// $$ h_t = \tanh\big(\underbrace{x_t}_{1\times V}\,\underbrace{W_x}_{V \times H} + \underbrace{h_{t-1}}_{1\times H}\,\underbrace{W_h}_{H \times H} + \underbrace{b}_{1 \times H}\big), \qquad h_0 = 0 . $$
//
// Both products are $1 \times H$, so the sum and the tanh are too: the state keeps its size whatever
// the input. **Unfolding** means writing the loop out: $h_1$ from $x_1$ and $h_0$, $h_2$ from $x_2$ and
// $h_1$, and so on — a chain as deep as the sequence is long, with the **same** $W_x, W_h, b$ at every
// link. At $t = 1$ there is no previous state, so $h_0 = 0$ (the notes: "we give $o_0$ to keep
// consistency"). A small RNN with 4 units, weights drawn by `SimpleRnn`, reads *olivia*:

var small = new SimpleRnn(vocab.Count, units: 4, random.System);   // W_x (28, 4), W_h (4, 4)
Matrix<double> OneHot(string name) => Matrix<double>.Build.Dense(name.Length, vocab.Count,
    (t, k) => vocab.Encode(name)[t] == k ? 1 : 0);                             // (T, V)
Vector<double> Step(Vector<double> x, Vector<double> h) =>
    (x * small.Wi + h * small.Wh + small.B).PointwiseTanh();   // (V)(V,H) + (H)(H,H) + (H) → (H)
var olivia = OneHot("olivia");                                                  // (6, 28)
var h = Vector<double>.Build.Dense(4);                                          // h_0 = 0
var unfolded = new List<Vector<double>> { h };
for (int t = 0; t < olivia.RowCount; t++)
    unfolded.Add(h = Step(olivia.Row(t), h));
for (int t = 1; t <= 6; t++)
    Console.WriteLine($"h_{t} after '{"olivia"[t - 1]}': "
        + string.Join("  ", unfolded[t].Select(v => v.ToString("+0.000;-0.000"))));

// The one-hot input makes $x_t W_x$ simply **the row of $W_x$ for that letter**: the two *i*'s (steps 3
// and 5) add the same row, yet $h_3$ and $h_5$ differ, because $h_2$ and $h_4$ differ — the state is
// how the network remembers what came before. These weights are untrained, so
// the numbers mean nothing yet; what matters is that the loop is the whole computation. The library's
// `SimpleRnn.Forward` and TorchSharp's `nn.RNN` must produce exactly these states:

var libraryPass = small.Forward(olivia);
double libraryGap = Enumerable.Range(0, 7)
    .Max(t => (libraryPass.States[t] - unfolded[t]).InfinityNorm());
var torchRnn = nn.RNN(vocab.Count, 4, batchFirst: true, dtype: torch.float64);
small.CopyTo(torchRnn, nn.Linear(4, 1, dtype: torch.float64));   // W_xᵀ, W_hᵀ, b, and b_hh = 0
var (torchStates, torchLast) = torchRnn.forward(olivia.ToTensor().unsqueeze(0), null); // (1, 6, 4)
double torchGap = Enumerable.Range(1, 6)
    .Max(t => (torchStates[0, t - 1].ToVector() - unfolded[t]).InfinityNorm());
Console.WriteLine($"largest difference: SimpleRnn {libraryGap:E1}, nn.RNN {torchGap:E1}; "
    + $"nn.RNN output {ErrorMessage.FormatShape(torchStates.shape)}, "
    + $"final state {ErrorMessage.FormatShape(torchLast.shape)}");
if (libraryGap > 1e-12 || torchGap > 1e-12) throw new Exception("the unfolded loop disagrees");

// All three agree to rounding ($10^{-16}$ is the precision of a double). Note the two outputs of
// `nn.RNN`: the states at **every** step, shape (batch, timesteps, units) = (1, 6, 4), and the
// **final** state, shape (layers, batch, units) = (1, 1, 4). A model that needs one answer per
// sequence reads the final state; one that needs an answer per step reads them all.
//
// ## A batch: (batch, timesteps, features), padding and lengths
//
// Training takes many names at once. TorchSharp wants one rectangular tensor, so the names of a batch
// are **padded** on the right with id 0 to the longest, and their true **lengths** are kept
// (`Vocabulary.EncodeBatch` returns a `PaddedBatch`). One-hot encoding then gives the RNN's input
// shape (batch, timesteps, features) — the notes' Keras format.

var batch = vocab.EncodeBatch(new[] { "ada", "olivia", "christopher" });
var ids = batch.ToTensor();                                                   // (3, 11)
var x = nn.functional.one_hot(ids, vocab.Count).to_type(torch.float64);       // (3, 11, 28)
Console.WriteLine($"ids {ErrorMessage.FormatShape(ids.shape)}, "
    + $"lengths [{string.Join(", ", batch.Lengths)}], "
    + $"one-hot input {ErrorMessage.FormatShape(x.shape)}");
Console.WriteLine("row 0 (ada): " + string.Join(" ", ids[0].data<long>().ToArray()));

// *ada* is followed by eight padding ids. The RNN does not know they are padding: it keeps stepping,
// and its state after step 11 has read eight extra "letters". The state that summarises *ada* is the
// one after its **own** last letter, at position length − 1. `gather` picks, for each row, the state
// at that position; the check runs each name alone, without padding, and compares.

var (allStates, _) = torchRnn.forward(x, null);                              // (3, 11, 4)
var lastIndex = (batch.LengthTensor() - 1).view(-1, 1, 1).expand(-1, 1, 4);  // (3, 1, 4)
var lastReal = allStates.gather(1, lastIndex).squeeze(1);                     // (3, 4)
string[] three = { "ada", "olivia", "christopher" };
for (int b = 0; b < 3; b++)
{
    var alone = small.Forward(OneHot(three[b])).States[^1];
    double atLength = (lastReal[b].ToVector() - alone).InfinityNorm();
    double atEnd = (allStates[b, -1].ToVector() - alone).InfinityNorm();
    Console.WriteLine($"{three[b],-12} state at its last letter: off by {atLength:E1}; "
        + $"at the padded end: off by {atEnd:F3}");
    if (atLength > 1e-12) throw new Exception($"gathered state of {three[b]} differs");
}

// The gathered state equals the state of the name read alone; the state at the padded end is off
// for *ada* and *olivia* (it has read padding) and right only for *christopher*, the longest, which
// has no padding. Two other fixes exist: `pack_padded_sequence` (TorchSharp's `PackedSequence`) skips
// the padding inside the RNN, and padding on the **left** makes every name end at the last position.
// Gathering is the simplest and what the classifier below does.
//
// ## A many-to-one classifier, trained
//
// Now the model: one-hot letters → `nn.RNN` with 64 units → the state at each name's last letter →
// a dense layer → one logit $z$, $P(\text{girl}) = \sigma(z)$. It is **many-to-one**: many inputs (the
// letters), one output (the class). The loss and loop are day 8's and day 9's: binary cross-entropy,
// Adam, mini-batches of 128 names padded to the batch's longest.

(Tensor Ids, Tensor Lengths, Tensor Girl) Batch(IEnumerable<int> rows)
{
    var picked = rows.ToArray();
    var padded = vocab.EncodeBatch(picked.Select(r => names[r].Name));
    var girl = torch.tensor(picked.Select(r => names[r].Sex == 'F' ? 1f : 0f).ToArray());
    return (padded.ToTensor(), padded.LengthTensor(), girl);                  // (B, T), (B,), (B,)
}
double Accuracy(NameRnn m, int[] rows)
{
    using var scope = torch.NewDisposeScope();
    using var noGrad = torch.no_grad();
    var (ids, len, girl) = Batch(rows);
    return ((m.forward(ids, len) > 0).to_type(torch.float32) == girl).to_type(torch.float32)
        .mean().item<float>();
}

torch.manual_seed(Seeds.Default);
var model = new NameRnn(vocab.Count, H);
var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
var live = LiveChart.Show("Name → sex RNN: validation accuracy", "epoch",
    "validation accuracy (%)");
var shuffler = new Random(Seeds.Default);
const int epochs = 10;
var byEpoch = new List<double>();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    var order = trainRows.OrderBy(_ => shuffler.Next()).ToArray();
    for (int start = 0; start < order.Length; start += 128)
    {
        using var scope = torch.NewDisposeScope();
        var (ids_inner, len, girl) = Batch(order[start..Math.Min(start + 128, order.Length)]);
        var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(ids_inner, len), girl);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
    double valid = Accuracy(model, validRows);
    byEpoch.Add(valid);
    live.Add("RNN", epoch, 100 * valid);
}
Console.WriteLine("validation accuracy by epoch: "
    + string.Join(", ", byEpoch.Select(a => $"{a:P1}")));

// After one epoch the RNN is right on 80.9 % of the validation names — already about the
// last-letter rule's level, since the last letter is the input read just before the state is used.
// It climbs to about 84 % by the fourth epoch and then hovers between 84.2 % and 84.8 %: the easy
// part (the ending) is learnt first, and what remains is slow.
//
// ## Test accuracy against the baselines
//
// The baselines are day 9's: answer the majority class ("girl"), and the **last-letter rule** (for
// each final letter, the majority sex among training names ending in it). Both are measured here on
// the same 4,000 test names.

bool majorityIsGirl = trainRows.Average(r => names[r].Sex == 'F' ? 1.0 : 0.0) >= 0.5;
var byLastLetter = trainRows.GroupBy(r => names[r].Name[^1])
    .ToDictionary(g => g.Key, g => g.Average(r => names[r].Sex == 'F' ? 1.0 : 0.0) >= 0.5);
double RuleAccuracy(Func<string, bool> saysGirl) =>
    testRows.Average(r => saysGirl(names[r].Name) == (names[r].Sex == 'F') ? 1.0 : 0.0);
double majority = RuleAccuracy(_ => majorityIsGirl);
double lastLetter =
    RuleAccuracy(s => byLastLetter.TryGetValue(s[^1], out bool g) ? g : majorityIsGirl);
double rnnTest = Accuracy(model, testRows);
double se = Math.Sqrt(rnnTest * (1 - rnnTest) / testRows.Length);
Console.WriteLine($"test accuracy: majority {majority:P1}, last-letter rule {lastLetter:P1}, "
    + $"RNN {rnnTest:P1} (± {se:P1})");
Console.WriteLine($"RNN above majority {100 * (rnnTest - majority):F1} points, above the rule "
    + $"{100 * (rnnTest - lastLetter):F1} points = "
    + $"{(rnnTest - lastLetter) / se:F1} standard errors");
if (rnnTest < lastLetter + 4 * se)
    throw new Exception("the RNN does not clearly beat the last-letter rule");
Display.Show(Charts.Bars("Test accuracy on 4,000 unseen names", "model", "test accuracy (%)",
    new[] { "majority", "last-letter rule", "RNN (64 units)" },
    new[] { 100 * majority, 100 * lastLetter, 100 * rnnTest }));

// On the test names the RNN is right 83.5 % of the time: 22.7 points above answering "girl" and
// 4.1 points (seven standard errors, printed above) above the last-letter rule, so its state carries more than
// the final letter. It is **not** better than day 9's plain network on the last three letters (84.6 %
// on these same names) or its two-input model (85.9 %). That is worth saying plainly: here the signal
// sits at the end of the name, exactly where day 9's window looked, so reading every letter buys
// little, while a simple RNN must learn to *keep* what matters in its state through tanh steps, which
// is harder to train (day 11 shows why its gradients fade with distance). The RNN's advantage is
// generality — any length, any position, 6,016 parameters whatever the input — not accuracy on a
// task a fixed window already solves.
//
// ## What the RNN believes as it reads
//
// Because the RNN produces a state after **every** letter, the same head can be applied at every step:
// $\sigma(h_t W_o + b_o)$ is the model's guess after reading only the first $t$ letters. (The model was
// trained only on full names, so early guesses are a by-product, but they show what the state holds.)
// <!-- numbers: 84.6 % = day 9's best single-input model, test accuracy; 85.9 % = day 9's two-input model, test accuracy -->

string[] readers = { "christopher", "christina", "alexander", "alexandra", "jordan", "jordyn" };
var prefixSeries = new List<Series>();
using (torch.no_grad())
{
    foreach (string n in readers)
    {
        var states = model.States(vocab.EncodeBatch(new[] { n }).ToTensor());   // (1, T, 64)
        var p = torch.sigmoid(model.head.forward(states)).squeeze().data<float>().ToArray(); // (T,)
        var read = Enumerable.Range(1, n.Length).Select(t => (double)t).ToArray();
        prefixSeries.Add(new Series(n, read, p.Select(v => (double)v).ToArray()));
        string truth = names.First(b => b.Name == n).Sex == 'F' ? "girls" : "boys";
        Console.WriteLine($"{n,-12} (mostly {truth,-5}) "
            + string.Join(" ", n.Zip(p, (c, v) => $"{c}:{v:F2}")));
    }
}
Display.Show(Charts.SmallMultiples("P(girl) after each letter read", "letters read (spelled in each title)",
    "P(girl)", prefixSeries.Select(s => ($"{s.Name}: {string.Join(" ", s.Name.ToCharArray())}",
        new[] { s })).ToArray(), columns: 3));

// Read across the panels. *christopher* and *christina* share their first six letters, and the
// model's belief is identical up to *christ* (0.21), because the state is a function of the letters
// read so far and nothing else. Then *christi* jumps to 0.98 (the *-i* ending is a girls' ending),
// *christin* falls back to 0.46 and *christina* ends at 0.99, while *christopher* stays low
// throughout. *alexander* and *alexandra* show the same fork at the eighth letter, and *jordan* swings
// to 0.85 at its *a* and back to 0.12 at *n*. *jordyn* is the model's mistake in this set: mostly
// given to girls, it ends at 0.13: the final *n* is read as a boys' ending, as in *jordan*, and the *y* before it
// (0.18, barely above *jord*) has not taught the state that *-yn* is a girls' spelling. The state is a running summary that the last letters
// can overturn — exactly how an RNN "remembers" and also why it favours what it read last.
//
// ## The kinds of RNN
//
// The same recurrent step serves four shapes of problem; they differ only in which states are read
// and what is fed in.
//
// | kind | input → output | a real example | in this course |
// |---|---|---|---|
// | many-to-one | a sequence → one label | a name → girl/boy; a review sentence → positive/negative | this day; BPTT on it, day 11 |
// | one-to-many | one input → a sequence | a start symbol (or an image) → a generated name (or caption) | sampling from a character model, the sequence days after LSTM (day 13 on) |
// | many-to-many, same length | one output per input step | Austen's text → the next character at every position (a language model); a tag per word | day 11 (truncated BPTT on a long text) |
// | many-to-many, different lengths | a sequence → another sequence | translation; a word → its reversal | the encoder–decoder of day 14 |
//
// ## When to use an RNN, and when not
//
// Use a recurrent network when the input is an ordered sequence of variable length and order matters,
// and when the sequence arrives one step at a time (the state can be updated as each character or
// reading comes in). Do not use one when the input has a fixed size with no order (a table row: day
// 8's MLP), or when a fixed window already carries the signal — day 9's three final letters got
// 84.6 % with a plain network. For long sequences a simple RNN forgets: day 11 shows why its gradient
// vanishes, day 13 (LSTM) repairs it, and day 15 (attention) reads every position at once.
//
// Two lines of the notes need correcting. "They created RNN by Wilhelm Lenz and Ernst Ising": Lenz and
// Ising made the *Ising model* of magnetism (1920s), a grid of interacting spins with no training and
// no sequences. It inspired Hopfield's recurrent associative memory (1982); recurrent networks trained
// on sequences came with Jordan (1986) and Elman (1990), and backpropagation through time (day 11).
// "Simple RNN can predict sequence of last 10 time steps": there is no built-in window of 10. The
// state can in principle carry information from any step; in practice a simple RNN *learns* to use
// only the last few, because the gradient from far-away steps fades (day 11 measures how fast).
//
// ## Summary
//
// * A dense network on padded one-hot input needs $T V H + H$ first-layer parameters, growing with
//   the length; an RNN layer needs $V H + H^2 + H$ for any length.
// * $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$, $h_0 = 0$, with the same weights at every step;
//   unfolding writes the loop out as a chain as deep as the sequence.
// * Batches are (batch, timesteps, features), padded; read each sequence's state at its own length.
// * A 64-unit RNN trained for ten epochs classifies unseen names better than the last-letter rule.
//
// ## Exercises
//
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it.
// Reference solutions: `notebooks/solutions/day-10-rnn-unfolding.dib`.
//
// ### Exercise 1 — unfold a batch
//
// Write the RNN forward for a whole batch with tensors: `x` is (B, T, V), `wx` is $W_x$ (V, H), `wh`
// is $W_h$ (H, H), `b` is (H). Return every state $h_1 \dots h_T$ stacked as (B, T, H), starting from
// $h_0 = 0$. The check copies your weights into a fresh `nn.RNN` and compares its states with yours.
// <!-- numbers: 84.6 % = day 9's best single-input model, test accuracy -->

// Exercise 1: the RNN forward, unfolded over a batch
Tensor Unfold(Tensor x, Tensor wx, Tensor wh, Tensor b)
{
    return Exercise.Todo<Tensor>();
}

Exercise.Check("1", () =>
{
    using var scope = torch.NewDisposeScope();
    var gen = torch.manual_seed(21);
    var (wx, wh, b) = (torch.randn(5, 3) * 0.5, torch.randn(3, 3) * 0.5, torch.randn(3) * 0.1);
    var xs = torch.randn(4, 7, 5);                                          // (B, T, V) = (4, 7, 5)
    var reference = nn.RNN(5, 3, batchFirst: true);
    using (torch.no_grad())
    {
        reference.get_parameter("weight_ih_l0")!.copy_(wx.T);
        reference.get_parameter("weight_hh_l0")!.copy_(wh.T);
        reference.get_parameter("bias_ih_l0")!.copy_(b);
        reference.get_parameter("bias_hh_l0")!.zero_();
        var expected = reference.forward(xs, null).Item1;                    // (4, 7, 3)
        var yours = Unfold(xs, wx, wh, b);
        if (!yours.shape.SequenceEqual(expected.shape))
            return $"your states have shape {ErrorMessage.FormatShape(yours.shape)}, "
                + "expected (4, 7, 3)";
        double gap = (yours - expected).abs().max().item<float>();
        return gap < 1e-5 ? null : $"your states differ from nn.RNN's by up to {gap:E2}";
    }
});

// ### Exercise 2 — predict: a dense layer for a sentence
//
// A sentence of Austen's, as characters, often runs past 100 characters. Padded to $T = 120$ and one-hot
// over the same $V = 28$ ids, how many parameters has a first dense layer of $H = 64$ units (weights
// and biases)? Predict the number, then run the cell: it builds the layer and counts.

// Exercise 2: your prediction of the parameter count of nn.Linear(120·28, 64)
double? prediction2 = null;

using (var dense120 = nn.Linear(120 * vocab.Count, H))
{
    double measured2 = dense120.parameters().Sum(p => p.numel());
    Exercise.Predict("2", prediction2, measured2, tolerance: 0,
        measured: $"nn.Linear(120·28, 64): {measured2:N0} parameters; "
            + $"nn.RNN(28, 64): {RnnCount() + H:N0}");
}

// ### Exercise 3 — predict: reading the wrong state
//
// The classifier reads the state at each name's last letter. Suppose a careless version read
// `States(ids)[.., -1]`, the state at the **end of the padded batch**, without retraining. On the test
// names (one batch, padded to the longest test name), will the accuracy go **up** or **down**, and by
// a lot or a little? Answer "up" or "down".

// Exercise 3: your prediction, "up" or "down"
string? prediction3 = null;

double wrongAccuracy;
using (torch.no_grad())
{
    var (ids_inner, len, girl) = Batch(testRows);                                     // (4000, 14)
    var z = model.head.forward(model.States(ids_inner)[.., -1]).squeeze(1);            // (4000,)
    var right = (z > 0).to_type(torch.float32) == girl;
    wrongAccuracy = right.to_type(torch.float32).mean().item<float>();
}
Exercise.Predict("3", prediction3, wrongAccuracy > rnnTest ? "up" : "down",
    measured: $"test accuracy: state at the last letter {rnnTest:P1}, "
        + $"at the padded end {wrongAccuracy:P1}");

// Types declared in the notebook's cells (C# puts them after the statements).

class NameRnn : nn.Module<Tensor, Tensor, Tensor>
{
    public readonly TorchSharp.Modules.RNN rnn;
    public readonly TorchSharp.Modules.Linear head;
    readonly int vocabulary, units;
    public NameRnn(int vocabulary, int units) : base("NameRnn")
    {
        (this.vocabulary, this.units) = (vocabulary, units);
        rnn = nn.RNN(vocabulary, units, batchFirst: true);   // tanh, h_0 = 0
        head = nn.Linear(units, 1);
        RegisterComponents();
    }
    public Tensor States(Tensor ids)                                          // (B, T) → (B, T, H)
    {
        var x = nn.functional.one_hot(ids, vocabulary).to_type(torch.float32); // (B, T, V)
        return rnn.forward(x, null).Item1;
    }
    public override Tensor forward(Tensor ids, Tensor lengths)                // (B, T), (B,)
    {
        var index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, units);       // (B, 1, H)
        var last = States(ids).gather(1, index).squeeze(1);                   // (B, H)
        return head.forward(last).squeeze(1);                                 // (B,) logits
    }
}
