// day-09-functional-models.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-09-functional-models.cs
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

// # Day 9 — Functional models: graphs of layers
//
// > Keras functional Model — Non linear models — concatenating feature from different models
// > (KNN, NN ... etc)
// > — the course notes
//
// Two words of the notes need care. "Non linear" here is about the **shape of the model**, not its
// function: every network with a ReLU is a non-linear function, but a `Sequential` stack is a *chain*
// of layers, and a functional model is any *graph* of them. And a KNN cannot be a branch of such a
// graph: it has no weights for gradients to train, so what one concatenates from a KNN is its
// *output* (a predicted class, distances to neighbours), computed beforehand and fed in as one more
// input. Inside the graph, the branches are layers trained together by one loss.
//
// Day 8 built networks that are a *stack*: one input tensor goes through layer after layer, each
// layer reads only the output of the one before. Keras calls that a `Sequential` model, TorchSharp
// has `nn.Sequential`. Many useful models are not a stack:
//
// * **several inputs** of different kinds — an image and its caption, a sensor reading and a category,
//   the beginning and the end of a word — each with its own branch of layers;
// * **shared layers** — the same weights applied to two inputs (a Siamese network compares two
//   signatures with one encoder; below one letter embedding reads both ends of a name);
// * **a merge** — the branches' features **concatenated** (or added) and read by a common head;
// * **several outputs** — one trunk with two heads, e.g. a class and a box, each with its own loss.
//
// Such a model is a **directed acyclic graph of layers**. Keras builds the graph by calling layers on
// symbolic tensors (`x = Dense(32)(inputs)`); in TorchSharp (and PyTorch) there is nothing special to
// build: the graph *is* the code of `forward`, which may take several tensors and call a layer twice.
//
// **When is a second input worth it?** A functional model is worth its complexity only when the inputs
// bring *different* information: if the second input repeats what the first already says (tomorrow's
// temperature from today's temperature *and* today's weather type, say), the graph gains nothing.
// This day uses a task where the worth of a second input can be measured.
//
// **The task.** Guess from a first name whether most US babies given it were girls or boys
// (`Datasets.BabyNames()`: 29,669 names given to at least 200 babies 1880–2024). The ends of a name
// carry most of the signal: English girls' names often end in *-a*, *-ie*, *-ine*, boys' names in
// *-n*, *-er*, *-o*; beginnings help too (*mar-*, *chr-*, *jo-*). The model reads **two inputs**,
// the first three letters and the last three letters, through **one shared letter embedding**, a
// dense branch per input, a **concatenation** and a head.
//
// Library types used here: `Datasets`, `BabyName`, `Vocabulary`, `LayerSummary`, `Seeds`; notebook
// helpers `Charts`, `LiveChart`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default); // fixed seeds: the same commit gives the same numbers
Exercise.ForDay(9);   // this day's exercise hints, kept off the page until you try

// ## The data: names, split three ways
//
// Each name counts once, whatever its popularity, so the question is "given a name I have not seen,
// which sex is it mostly given to?". As on day 8, the rows are split at random into a training set
// (to fit weights), a validation set (to choose between models) and a test set (looked at once, at
// the end). Characters become integer ids with a `Vocabulary`: id 0 is padding, id 1 "unknown",
// then the 26 letters from most to least frequent.

var names = Datasets.BabyNames();                       // most frequent first: james, john, …
var vocab = Vocabulary.Characters(names.Select(n => n.Name));
var shuffled = Enumerable.Range(0, names.Count).OrderBy(_ => random.System.Next()).ToArray();
int[] testRows = shuffled[..4000], validRows = shuffled[4000..8000], trainRows = shuffled[8000..];
double girlShare = trainRows.Average(r => names[r].Sex == 'F' ? 1.0 : 0.0);
Console.WriteLine($"{names.Count:N0} names: {trainRows.Length:N0} train, {validRows.Length:N0} "
    + $"validation, {testRows.Length:N0} test; {vocab.Count} character ids");
Console.WriteLine($"share of training names mostly given to girls: {girlShare:P1}");
Console.WriteLine($"names have {names.Min(n => n.Name.Length)} to "
    + $"{names.Max(n => n.Name.Length)} letters");

// More names are mostly given to girls than to boys (parents choose from a wider, faster-changing
// set of girls' names), so the **majority baseline** — answer "girl" for every name — is already right
// about as often as the share printed above. Any model has to beat that number, and the simple rule
// below, before it earns its parameters.
//
// ## Two fixed-size inputs
//
// A dense layer needs a fixed number of inputs, and names have 2 to 14 letters (printed above). The simplest fix is
// to look at a fixed window: the first three letters, and the last three (padded with id 0 when the
// name is shorter; for names of fewer than six letters the windows overlap). Day 10 removes this
// limitation with a recurrent network that reads the whole name.

const int window = 3;
long Id(string s, int i) => i >= 0 && i < s.Length ? vocab.Id(s[i..(i + 1)]) : 0L;  // 0 = padding
long[] FirstLetters(string s) => Enumerable.Range(0, window).Select(i => Id(s, i)).ToArray();
long[] LastLetters(string s) =>
    Enumerable.Range(0, window).Select(i => Id(s, s.Length - window + i)).ToArray();
var firstAll = torch.tensor(names.SelectMany(n => FirstLetters(n.Name)).ToArray(),
    new long[] { names.Count, window });                                       // (names, 3) ids
var lastAll = torch.tensor(names.SelectMany(n => LastLetters(n.Name)).ToArray(),
    new long[] { names.Count, window });                                       // (names, 3) ids
var girlAll = torch.tensor(names.Select(n => n.Sex == 'F' ? 1f : 0f).ToArray()); // (names,)
string Show(Tensor ids) =>
    string.Concat(ids.data<long>().Select(i => i == 0 ? "_" : vocab.Token((int)i)));
foreach (int r in new[] { 0, 1, 2 })
    Console.WriteLine($"{names[r].Name,-10} first {Show(firstAll[r])}  last {Show(lastAll[r])}  "
        + $"girl = {girlAll[r].item<float>()}");

// ## A baseline that knows one letter
//
// Before any network: for each final letter, count in the training names which sex is more common,
// and answer that (the majority answer for a letter never seen in training). This **last-letter
// rule** is a lookup table of 26 entries; it is the bar a model of thousands of parameters must clear.

bool majorityIsGirl = girlShare >= 0.5;
var byLastLetter = trainRows.GroupBy(r => names[r].Name[^1])
    .ToDictionary(g => g.Key, g => g.Average(r => names[r].Sex == 'F' ? 1.0 : 0.0) >= 0.5);
double RuleAccuracy(int[] rows, Func<string, bool> saysGirl) =>
    rows.Average(r => saysGirl(names[r].Name) == (names[r].Sex == 'F') ? 1.0 : 0.0);
bool LastLetterRule(string s) => byLastLetter.TryGetValue(s[^1], out bool g) ? g : majorityIsGirl;
double majorityValid = RuleAccuracy(validRows, _ => majorityIsGirl);
double lastLetterValid = RuleAccuracy(validRows, LastLetterRule);
Console.WriteLine($"validation accuracy: majority {majorityValid:P1}, "
    + $"last-letter rule {lastLetterValid:P1}");
Console.WriteLine("letters the rule calls 'girl': "
    + string.Concat(byLastLetter.Where(p => p.Value).Select(p => p.Key).OrderBy(c => c)));

// One letter already gets most of the way: names ending in *a*, *e*, *h* (*sarah*, *hannah*), *i*
// and *y* lean female in this list, the other endings male. The rest of the errors are names whose last letter misleads
// (*noah*, *jose*, *kim*…), which is where more context has to help.
//
// ## A single-input model is a stack
//
// With only the last three letters as input, the model is a plain stack — exactly what `nn.Sequential`
// expresses: embed each id as an 8-number vector (day 12 looks at embeddings in depth; here it is a
// learned table, one row per character), flatten the $3 \times 8$ vectors into 24 numbers, then dense
// layers as on day 8, ending in one **logit** $z$ with $P(\text{girl}) = \sigma(z)$.

TorchSharp.Modules.Sequential OneEnd() => nn.Sequential(
    nn.Embedding(vocab.Count, 8),   // (batch, 3) ids → (batch, 3, 8)
    nn.Flatten(),                   // → (batch, 24)
    nn.Linear(3 * 8, 32), nn.ReLU(),
    nn.Linear(32, 32), nn.ReLU(),
    nn.Linear(32, 1), nn.Flatten(0)); // → (batch,) logits

// ## The functional model: two inputs, one shared embedding
//
// Now the graph. Both windows are looked up in **the same** embedding table: an *a* means the same
// thing at either end of a name, so it gets one vector, trained by gradients from both branches. Each
// window then has its **own** dense branch (a final *a* and a first *a* say different things about
// the name), the two 32-feature outputs are **concatenated** into 64 features, and the head maps
// them to one logit:
//
// $$ \begin{aligned} a &= \operatorname{relu}\big(\operatorname{flat}(E[\text{first}])\,W_1 + b_1\big), & b &= \operatorname{relu}\big(\operatorname{flat}(E[\text{last}])\,W_2 + b_2\big),\\ h &= \operatorname{relu}\big([a, b]\,W_3 + b_3\big), & z &= h\,W_4 + b_4 . \end{aligned} $$
//
// The class below writes these four lines out in `forward`. The flag `shareEmbedding` lets the
// exercises build the same graph with two separate tables.

// ## Counting parameters, layer by layer
//
// A Keras-style summary lists each layer, its output shape (batch axis `None`), its parameters and
// which layers feed it. A dense layer from $n$ to $m$ features has $n m$ weights and $m$ biases; an
// embedding of $V$ tokens in $d$ dimensions has $V d$ entries and no bias. The shapes below come from
// running one example through the layers, the counts from the layers' own tensors.

torch.manual_seed(Seeds.Default);
var model = new NameEnds(vocab.Count);
long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
string Shape(Tensor t) => $"(None, {string.Join(", ", t.shape.Skip(1))})";
LayerSummary[] summary;
using (torch.no_grad())
{
    var x = firstAll[..1];                                                  // (1, 3)
    var e = model.letters.forward(x).flatten(1);                            // (1, 24)
    var a = model.firstDense.forward(e);                                    // (1, 32)
    var m = torch.cat(new[] { a, a }, 1);                                   // (1, 64)
    var h = model.hidden.forward(m);                                        // (1, 32)
    summary = new LayerSummary[] {
        new("first_letters (Input)", Shape(x), 0, ""),
        new("last_letters (Input)", Shape(x), 0, ""),
        new("letters (Embedding, shared)", "(None, 3, 8)", Count(model.letters),
            "first_letters, last_letters"),
        new("first_dense (Linear+ReLU)", Shape(a), Count(model.firstDense), "letters[0]"),
        new("last_dense (Linear+ReLU)", Shape(a), Count(model.lastDense), "letters[1]"),
        new("concatenate (Concatenate)", Shape(m), 0, "first_dense, last_dense"),
        new("hidden (Linear+ReLU)", Shape(h), Count(model.hidden), "concatenate"),
        new("output (Linear)", "(None, 1)", Count(model.output), "hidden") };
}
Console.WriteLine(LayerSummary.Format(summary));
if (summary.Sum(r => r.Parameters) != Count(model))
    throw new Exception("the summary's rows do not add up to the model's parameters");

// Read the rows against the formulas: the embedding is $28 \times 8 = 224$; each branch
// $24 \times 32 + 32 = 800$; the hidden layer $64 \times 32 + 32 = 2{,}080$; the output $32 + 1 = 33$.
// The concatenation has no parameters — it only places two vectors side by side — yet it is what makes
// the hidden layer 64 wide. The shared embedding appears once in `parameters()`, which is why the
// rows add up to the model's count: sharing a layer shares its parameters, it does not copy them.
//
// ## The training loop
//
// The loop is day 8's: shuffle the training rows, cut them into mini-batches of 256, compute the loss,
// `zero_grad`, `backward`, `step` (Adam, learning rate 0.01). The loss is the binary cross-entropy on
// the logit, $L = -y\log\sigma(z) - (1-y)\log(1-\sigma(z))$, which TorchSharp computes stably from $z$.
// The function takes the model's forward as a parameter, so one loop trains both kinds of model; after
// each epoch it records the validation accuracy. Eight epochs of 85 mini-batches are 680 Adam steps
// per model: small models and few steps keep this notebook within its time budget on one core.

double Accuracy(Func<Tensor, Tensor> logits, int[] rows)
{
    using var scope = torch.NewDisposeScope();
    using var noGrad = torch.no_grad();
    var idx = torch.tensor(rows.Select(r => (long)r).ToArray());            // (rows,)
    var right = (logits(idx) > 0).to_type(torch.float32) == girlAll.index_select(0, idx);
    return right.to_type(torch.float32).mean().item<float>();
}
void Train(nn.Module m, Func<Tensor, Tensor> logits, int epochs, LiveChart live, string name)
{
    var optimizer = torch.optim.Adam(m.parameters(), lr: 0.01);
    var rng = new Random(Seeds.Default);
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        var order = trainRows.OrderBy(_ => rng.Next()).ToArray();
        for (int start = 0; start < order.Length; start += 256)
        {
            using var scope = torch.NewDisposeScope();
            var idx = torch.tensor(order[start..Math.Min(start + 256, order.Length)]
                .Select(r => (long)r).ToArray());                              // (batch,)
            var loss = nn.functional.binary_cross_entropy_with_logits(
                logits(idx), girlAll.index_select(0, idx));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        live.Add(name, epoch, 100 * Accuracy(logits, validRows));
    }
}

// Three models, trained the same way from the same seed: the last three letters only, the first three
// letters only, and the two-input graph. The chart shows validation accuracy after each epoch.

var live = LiveChart.Show("Validation accuracy while training", "epoch", "validation accuracy (%)");
torch.manual_seed(Seeds.Default);
var lastOnly = OneEnd();
Train(lastOnly, i => lastOnly.forward(lastAll.index_select(0, i)), 8, live, "last 3 letters");
torch.manual_seed(Seeds.Default);
var firstOnly = OneEnd();
Train(firstOnly, i => firstOnly.forward(firstAll.index_select(0, i)), 8, live, "first 3 letters");
torch.manual_seed(Seeds.Default);
model = new NameEnds(vocab.Count);
Func<Tensor, Tensor> bothLogits =
    i => model.forward(firstAll.index_select(0, i), lastAll.index_select(0, i));
Train(model, bothLogits, 8, live, "both (functional)");
Console.WriteLine("validation accuracy after 8 epochs: "
    + $"last 3 {Accuracy(i => lastOnly.forward(lastAll.index_select(0, i)), validRows):P1}, "
    + $"first 3 {Accuracy(i => firstOnly.forward(firstAll.index_select(0, i)), validRows):P1}, "
    + $"both {Accuracy(bothLogits, validRows):P1}");

// The first three letters alone are a poor guide: 66.3 % on the validation names, only 6 points
// above answering "girl" every time (60.5 % there). The last three letters give 84.4 %, and the graph
// that reads both 85.6 %. These validation numbers are used for one decision only: which
// single-input model is the fair opponent for the two-input model (the last-letters one).
//
// ## The test set, looked at once
//
// The best single-input model is chosen on the validation rows; then every contender is scored on
// the 4,000 test names, which no choice has used.

Func<Tensor, Tensor> lastLogits = i => lastOnly.forward(lastAll.index_select(0, i));
Func<Tensor, Tensor> firstLogits = i => firstOnly.forward(firstAll.index_select(0, i));
var (bestName, bestSingle) = Accuracy(lastLogits, validRows) >= Accuracy(firstLogits, validRows)
    ? ("last 3 letters", lastLogits) : ("first 3 letters", firstLogits);
var test = new (string Model, double Accuracy)[] {
    ("majority: always girl", RuleAccuracy(testRows, _ => majorityIsGirl)),
    ("last-letter rule", RuleAccuracy(testRows, LastLetterRule)),
    ($"best single input ({bestName})", Accuracy(bestSingle, testRows)),
    ("two inputs, shared embedding", Accuracy(bothLogits, testRows)) };
foreach (var (m, acc) in test) Console.WriteLine($"{m,-36} {acc:P1}");
double gain = test[3].Accuracy - test[2].Accuracy;
Console.WriteLine($"gain of the second input: {100 * gain:F2} points");
Display.Show(Charts.Bars("Test accuracy on 4,000 unseen names", "model", "test accuracy (%)",
    test.Select(t => t.Model).ToArray(), test.Select(t => 100 * t.Accuracy).ToArray()));

// Each step up the ladder is measured on the same 4,000 unseen names. Answering "girl" always is
// right for 60.8 % of them; the last letter alone lifts that to 79.3 %; a network reading the last
// three letters reaches 84.6 % (it learns endings such as *-ine* against *-son*, which one letter
// cannot tell apart); adding the first three letters as a second input gives 85.9 %. So the second
// input helps, but by 1.25 points (50 names of 4,000) — much less than the ending is worth. That is what one should expect:
// the beginning of a name is a weaker clue than its end, and for names of five letters or fewer the
// two windows overlap, so the second input repeats letters the first one already has.
//
// ## Is the gain real?

float[] Probabilities(Func<Tensor, Tensor> logits, int[] rows)
{
    using var noGrad = torch.no_grad();
    var idx = torch.tensor(rows.Select(r => (long)r).ToArray());
    return torch.sigmoid(logits(idx)).data<float>().ToArray();
}
var pBest = Probabilities(bestSingle, testRows);
var pBoth = Probabilities(bothLogits, testRows);
bool Right(float p, int k) => (p > 0.5) == (names[testRows[k]].Sex == 'F');
var disagreements = Enumerable.Range(0, testRows.Length)
    .Where(k => (pBest[k] > 0.5) != (pBoth[k] > 0.5)).ToArray();
int bothWins = disagreements.Count(k => Right(pBoth[k], k));
int bestWins = disagreements.Length - bothWins;
double z = (bothWins - bestWins) / Math.Sqrt(disagreements.Length);   // McNemar's test as a z
Console.WriteLine($"{disagreements.Length} test names where the models disagree: "
    + $"two inputs right in {bothWins}, single input right in {bestWins}; z = {z:F1}");
double pTest = test[3].Accuracy, se = Math.Sqrt(pTest * (1 - pTest) / testRows.Length);
Console.WriteLine($"one accuracy's standard error {100 * se:F2} points; a difference of two "
    + $"independent accuracies {100 * Math.Sqrt(2) * se:F2} points; the gain is "
    + $"{gain / (Math.Sqrt(2) * se):F1} of those");
if (test[1].Accuracy <= test[0].Accuracy)
    throw new Exception("the last-letter rule does not beat the majority");
if (test[2].Accuracy <= test[1].Accuracy)
    throw new Exception("the single-input model does not beat the rule");
if (z < 2) throw new Exception("the second input's gain is within chance (z < 2)");

// A gain of 1.25 points on 4,000 names could look like noise. One accuracy $p$ measured on $n$ names
// has a standard error of $\sqrt{p(1-p)/n}$, 0.55 points here; a *difference* of two accuracies
// measured on independent samples has $\sqrt 2$ times that, 0.78 points, and the gain is only 1.6 of
// those (printed above). But both models
// are scored on the *same* names, and most names they get equally right or equally wrong; only the
// 364 names on which they **disagree** carry information (McNemar's test). If the first letters were
// useless, each disagreement would be a coin flip: the two counts would differ by about
// $\sqrt{364} \approx 19$ in a typical run. They differ by $207 - 157 = 50$, that is $z \approx 2.6$
// such units (a chance of about 1 % under the coin-flip hypothesis). The second input helps, modestly,
// and the check above fails if it ever stops doing so. Ten of the disagreements:

foreach (int k in disagreements.Take(10))
    Console.WriteLine($"{names[testRows[k]].Name,-10} mostly "
        + $"{(names[testRows[k]].Sex == 'F' ? "girls" : "boys"),-6}"
        + $"  P(girl): single input {pBest[k]:F2}, two inputs {pBoth[k]:F2}");

// Most disagreements are names near the boundary, probabilities between 0.2 and 0.8. The
// first letters fix *alfie*, *wilber*, *hervey* (the beginnings *alf-*, *wil-*, *her-* are boys'
// beginnings, while the endings *-fie*, *-ber*, *-vey* are mixed) and *sunday* and *puneet*, and
// *oziah*, and break *earnest*, *becki*, *emitt* and *natanel*. The second input is a weak clue, and the model weighs it against the
// strong one: that is exactly the behaviour that should be measured on held-out names rather than
// read off a few examples.
//
// ## Two outputs: one trunk, two heads
//
// A graph can also *end* in several places. Keep the two-input trunk, and give its 32 hidden features
// a second head that predicts how **common** the name is: $\log_{10}$ of the number of babies given
// it, standardised over the training names. The two losses are added, $L = L_{\text{sex}} + L_{\text{count}}$
// (binary cross-entropy and squared error), and one `backward` sends both gradients into the shared
// layers. Does the second task cost the first?

double[] logCount = names.Select(n => Math.Log10(n.FemaleCount + n.MaleCount)).ToArray();
double countMean = trainRows.Average(r => logCount[r]);
double countSd = Math.Sqrt(trainRows.Average(r => Math.Pow(logCount[r] - countMean, 2)));
var countAll = torch.tensor(logCount.Select(v => (float)((v - countMean) / countSd)).ToArray());
torch.manual_seed(Seeds.Default);
var twoHeads = new TwoHeads(vocab.Count);
var twoOptimizer = torch.optim.Adam(twoHeads.parameters(), lr: 0.01);
var twoRng = new Random(Seeds.Default);
for (int epoch = 1; epoch <= 8; epoch++)
{
    var order = trainRows.OrderBy(_ => twoRng.Next()).ToArray();
    for (int start = 0; start < order.Length; start += 256)
    {
        using var scope = torch.NewDisposeScope();
        var idx = torch.tensor(order[start..Math.Min(start + 256, order.Length)]
            .Select(r => (long)r).ToArray());                                  // (batch,)
        var (sex, count) = twoHeads.forward(firstAll.index_select(0, idx),
            lastAll.index_select(0, idx));
        var loss = nn.functional.binary_cross_entropy_with_logits(sex, girlAll.index_select(0, idx))
            + nn.functional.mse_loss(count, countAll.index_select(0, idx));   // two losses added
        twoOptimizer.zero_grad();
        loss.backward();                                                       // one backward
        twoOptimizer.step();
    }
}
double twoSex = Accuracy(i => twoHeads.forward(firstAll.index_select(0, i),
    lastAll.index_select(0, i)).Sex, testRows);
double countMse, countVar;
using (torch.no_grad())
{
    var idx = torch.tensor(testRows.Select(r => (long)r).ToArray());
    var y = countAll.index_select(0, idx);
    countMse = nn.functional.mse_loss(twoHeads.forward(firstAll.index_select(0, idx),
        lastAll.index_select(0, idx)).Count, y).item<float>();
    countVar = (y - y.mean()).pow(2).mean().item<float>();
}
Console.WriteLine($"test accuracy of the sex head: {twoSex:P1} (one head: {test[3].Accuracy:P1}); "
    + $"count head: R² = {1 - countMse / countVar:F3} on the test names");
Claims.Check(twoSex > test[3].Accuracy - 0.02,
    "the second head costs the sex head less than 2 points of test accuracy");

// The sex head reaches 85.6 % on the test names against 85.9 % for the one-head model, a gap within
// one standard error (0.55 points, above): the second task neither helps nor visibly hurts. The count
// head explains only $R^2 = 0.026$ of the spread of $\log_{10}$ counts — the letters of a name say
// almost nothing about how many babies got it. Two heads pay when the tasks share what the trunk must
// learn (an object's class and its box); here they share little, and the trunk serves the sex head.

// ## When to use a functional model, and when not
//
// * **Use it** when the inputs differ in kind or shape (an image and a table, text and a category),
//   when a layer must be **shared** (the same encoder for two inputs, so that both are mapped to one
//   space and trained with twice the data), when the model needs **several outputs** (two heads, two
//   losses added), or when a layer must see an earlier layer's output directly (skip connections, as in
//   the transformer block of day 15).
// * **Do not use it** just to concatenate two groups of numbers: concatenating the inputs first and
//   feeding one `Sequential` computes the same family of functions. Here the graph earns its place
//   through the shared embedding and the separate branches; what gains accuracy, though, is the
//   *information* in the second input, not the graph.
// * A fixed window is a crude way to read a sequence: letters in the middle of long names are never
//   seen. Day 10 replaces it by a recurrent network that reads every letter with the same weights.
//
// ## Summary
//
// * A functional model is a graph of layers: several inputs, branches, shared layers, a merge
//   (concatenate) and one or more heads. In TorchSharp the graph is the code of `forward`.
// * Parameters per layer: $V d$ for an embedding, $n m + m$ for a dense layer, 0 for a concatenation;
//   a shared layer is counted (and stored) once.
// * Judge a second input on held-out data against the best model without it and against simple rules.
//
// ## Exercises
//
// Write in the cell that starts with `// Exercise N:`, run it, then run the check below it.
// Reference solutions: `notebooks/solutions/day-09-functional-models.dib`.
//
// ### Exercise 1 — write the graph with tensors
//
// Compute the functional model's logits **without calling its layers**: use the weights
// `m.letters.weight` (28, 8), `m.firstDense.weight` (32, 24) and `.bias`, and so on. TorchSharp
// stores a dense layer's weight as (out, in), so a layer is `x.matmul(W.T) + b`; an embedding lookup
// is `E.index_select(0, ids.flatten()).reshape(batch, 3 * 8)`. The check compares your function with
// `m.forward` on the trained model, for test names it picks.

// Exercise 1: the two-input forward from the weights
// first, last: (batch, 3) ids; return the logits (batch,)
Tensor ForwardByHand(NameEnds m, Tensor first, Tensor last)
{
    return Exercise.Todo<Tensor>();
}

Exercise.Check("1", () =>
{
    using var noGrad = torch.no_grad();
    var idx = torch.tensor(testRows[100..164].Select(r => (long)r).ToArray());   // 64 test names
    var (f, l) = (firstAll.index_select(0, idx), lastAll.index_select(0, idx));    // (64, 3) each
    return Exercise.Compare("your logits", ForwardByHand(model, f, l).ToVector(),
        model.forward(f, l).ToVector(), 1e-5);
});

// ### Exercise 2 — predict: the price of not sharing
//
// Suppose each input had its own letter table (`new NameEnds(vocab.Count, shareEmbedding: false)`).
// How many parameters would the model have in total? Work it out from the summary, then run the cell.

// Exercise 2: your prediction of the parameter count without sharing
double? prediction2 = null;

using (var unshared = new NameEnds(vocab.Count, shareEmbedding: false))
{
    double measured2 = Count(unshared);
    Exercise.Predict("2", prediction2, measured2, tolerance: 0,
        measured: $"shared: {Count(model):N0} parameters; unshared: {measured2:N0}");
}

// ### Exercise 3 — predict: how much does the model use the first letters?
//
// A way to ask a trained model what an input is worth: **shuffle that input across the test names**
// (each name gets some other name's first letters, the last letters stay) and measure the accuracy
// again. The model is not retrained. Will the two-input model's test accuracy fall by **more** or
// **less** than 2 points?

// Exercise 3: your prediction, "more" or "less"
string? prediction3 = null;

var permutation = new Random(5);
var swapped = testRows.OrderBy(_ => permutation.Next()).ToArray();     // other names' first letters
double shuffledAccuracy;
using (torch.no_grad())
{
    var idx = torch.tensor(testRows.Select(r => (long)r).ToArray());
    var other = torch.tensor(swapped.Select(r => (long)r).ToArray());
    var z_inner = model.forward(firstAll.index_select(0, other), lastAll.index_select(0, idx)); // (4000,)
    shuffledAccuracy = ((z_inner > 0).to_type(torch.float32) == girlAll.index_select(0, idx))
        .to_type(torch.float32).mean().item<float>();
}
double drop = 100 * (test[3].Accuracy - shuffledAccuracy);
Exercise.Predict("3", prediction3, drop > 2 ? "more" : "less",
    measured: $"test accuracy {test[3].Accuracy:P1} → {shuffledAccuracy:P1} with shuffled first "
        + $"letters, a drop of {drop:F1} points");

// Types declared in the notebook's cells (C# puts them after the statements).

class NameEnds : nn.Module<Tensor, Tensor, Tensor>
{
    public readonly TorchSharp.Modules.Embedding letters, lastLetters;  // equal when shared
    public readonly TorchSharp.Modules.Linear firstDense, lastDense, hidden, output;
    public NameEnds(int vocabulary, bool shareEmbedding = true) : base("NameEnds")
    {
        letters = nn.Embedding(vocabulary, 8);
        lastLetters = shareEmbedding ? letters : nn.Embedding(vocabulary, 8);
        firstDense = nn.Linear(3 * 8, 32);
        lastDense = nn.Linear(3 * 8, 32);
        hidden = nn.Linear(64, 32);
        output = nn.Linear(32, 1);
        RegisterComponents();
    }
    public override Tensor forward(Tensor first, Tensor last)   // (batch, 3) ids each
    {
        var ea = letters.forward(first).flatten(1);                  // (batch, 3, 8) → (batch, 24)
        var eb = lastLetters.forward(last).flatten(1);               // (batch, 24)
        var a = nn.functional.relu(firstDense.forward(ea));          // (batch, 32)
        var b = nn.functional.relu(lastDense.forward(eb));           // (batch, 32)
        var merged = torch.cat(new[] { a, b }, 1);                   // (batch, 64)
        var h = nn.functional.relu(hidden.forward(merged));          // (batch, 32)
        return output.forward(h).squeeze(1);                         // (batch,) logits
    }
}

class TwoHeads : nn.Module<Tensor, Tensor, (Tensor Sex, Tensor Count)>
{
    public readonly NameEnds trunk;                      // the layers of the two-input model
    public readonly TorchSharp.Modules.Linear countHead;
    public TwoHeads(int vocabulary) : base("TwoHeads")
    {
        trunk = new NameEnds(vocabulary);
        countHead = nn.Linear(32, 1);
        RegisterComponents();
    }
    public override (Tensor Sex, Tensor Count) forward(Tensor first, Tensor last)
    {
        var ea = trunk.letters.forward(first).flatten(1);                    // (batch, 24)
        var eb = trunk.lastLetters.forward(last).flatten(1);                 // (batch, 24)
        var a = nn.functional.relu(trunk.firstDense.forward(ea));            // (batch, 32)
        var b = nn.functional.relu(trunk.lastDense.forward(eb));             // (batch, 32)
        var h = nn.functional.relu(trunk.hidden.forward(torch.cat(new[] { a, b }, 1))); // (b, 32)
        return (trunk.output.forward(h).squeeze(1),                          // sex logit (batch,)
            countHead.forward(h).squeeze(1));                                // count (batch,)
    }
}
