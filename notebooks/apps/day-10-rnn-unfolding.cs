// day-09-rnn-unfolding.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-09-rnn-unfolding.cs
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

// # Day 9 — Recurrent neural networks: data, state and unfolding
//
// > RNNs are for sequential data — text, time series, audio, DNA. A plain network cannot take inputs
// > of varying size, and one input per word of a long text would need a huge, wasteful layer.
// > Data for an RNN: **(batch, timesteps, input features)**, e.g. a sentence as one-hot words.
// > An RNN has **state**: its output feeds back. Unfolded through time, with the same weights at every step,
// > $$o_t = \tanh(x_t W_i + o_{t-1} W_h + b), \qquad o_0 = 0 .$$
// > — the course notes, "RNN", "Data in RNN", "Forward Pass → Unfolding through time"
//
// The notes' example: 5 input features (a vocabulary of 5 words, one-hot), 3 hidden units and one
// sigmoid output. Keras' `SimpleRNN` has $5\cdot3 + 3\cdot3 = 24$ recurrent weights, $3$ output
// weights — 27 weights — and $3 + 1 = 4$ biases. PyTorch's `nn.RNN` keeps two bias vectors
// ($b_{ih}$ and $b_{hh}$), so it has 3 biases more.
//
// Library types used here: `SimpleRnn`, `SimpleRnnPass`, `TensorConvert`, `Datasets`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Matrix<double> OneHot(int vocabulary, params int[] words) => Matrix<double>.Build.Dense(words.Length, vocabulary, (t, f) => words[t] == f ? 1 : 0);
var sentence = OneHot(5, 0, 3, 1, 4);   // four words, one row per time step: (timesteps, features) = (4, 5)
var rnn = new SimpleRnn(features: 5, units: 3, random.System);

// ## Parameters in both conventions

var keras = SimpleRnn.KerasParameterCount(5, 3);
var pytorch = SimpleRnn.TorchParameterCount(5, 3);
var torchRnn = torch.nn.RNN(5, 3, batchFirst: true);
var torchHead = torch.nn.Linear(3, 1);
long torchTotal = torchRnn.parameters().Concat(torchHead.parameters()).Sum(p => p.numel());
Console.WriteLine($"Keras: {keras.Weights} weights + {keras.Biases} biases; PyTorch/TorchSharp: {pytorch.Weights} + {pytorch.Biases} = {torchTotal} parameters");
Claims.Check(keras == (27, 4), "the notes' count: 27 weights and 4 biases");
Claims.Check(pytorch.Weights + pytorch.Biases == torchTotal, "TorchSharp's nn.RNN + nn.Linear hold exactly the PyTorch-convention count");

// ## Unfolding: the same weights at every step

var pass = rnn.Forward(sentence);
Claims.Check(pass.States[0].L2Norm() == 0, "o₀ = 0: the first step has no previous output");
for (int t = 1; t <= sentence.RowCount; t++)
{
    var byHand = (sentence.Row(t - 1) * rnn.Wi + pass.States[t - 1] * rnn.Wh + rnn.B).PointwiseTanh();
    Claims.Check((byHand - pass.States[t]).InfinityNorm() < 1e-15, $"step {t}: o_{t} = tanh(x_{t}·W_i + o_{t - 1}·W_h + b) with the shared W_i, W_h");
}
Console.WriteLine($"prediction ŷ = σ(o₄·W_o + b_o) = {pass.Prediction:F4}");
Show(Charts.Lines("Hidden state o_t through the sentence", "time step t", "o_t",
    Enumerable.Range(0, 3).Select(u => new Series($"unit {u + 1}", Enumerable.Range(0, 5).Select(t => (double)t).ToArray(), pass.States.Select(s => s[u]).ToArray())).ToArray()));

// ## The same computation in TorchSharp
//
// Copy the weights into `nn.RNN` (its matrices are the transposes of ours, its second bias zero):
// the hidden states must agree.

var check = torch.nn.RNN(5, 3, batchFirst: true, dtype: torch.float64);
using (torch.no_grad())
{
    check.get_parameter("weight_ih_l0")!.copy_(rnn.Wi.Transpose().ToTensor());
    check.get_parameter("weight_hh_l0")!.copy_(rnn.Wh.Transpose().ToTensor());
    check.get_parameter("bias_ih_l0")!.copy_(rnn.B.ToTensor());
    check.get_parameter("bias_hh_l0")!.zero_();
}
var (outputs, last) = check.forward(sentence.ToTensor().unsqueeze(0), null);   // (batch 1, timesteps 4, units 3)
double worst = outputs.squeeze(0).ToMatrix().EnumerateRows().Select((row, t) => (row - pass.States[t + 1]).InfinityNorm()).Max();
Console.WriteLine($"largest difference from TorchSharp: {worst:E2}; output shape {ErrorMessage.FormatShape(outputs.shape)}, final state {ErrorMessage.FormatShape(last.shape)}");
Claims.Check(worst < 1e-12, "from-scratch unfolding and TorchSharp's nn.RNN give the same hidden states");

// ## Real sequences: digits read row by row
//
// An 8×8 digit can be read as 8 time steps of 8 features (one image row per step); a batch of
// digits is then exactly the (batch, timesteps, features) tensor an RNN expects.

var digits = Datasets.Digits();
var batch = digits.ImageTensor(Enumerable.Range(0, 32).ToArray()).squeeze(1);   // (32, 8, 8)
var digitRnn = torch.nn.RNN(8, 16, batchFirst: true);
var (states, final) = digitRnn.forward(batch, null);
Console.WriteLine($"input {ErrorMessage.FormatShape(batch.shape)} → outputs {ErrorMessage.FormatShape(states.shape)}, last state {ErrorMessage.FormatShape(final.shape)}");
Claims.Check(states.shape.SequenceEqual(new long[] { 32, 8, 16 }) && final.shape.SequenceEqual(new long[] { 1, 32, 16 }), "one 16-unit state per time step, and the last one per sequence");
Claims.Check(torch.allclose(states[.., -1], final[0]), "the last output is the final state: a many-to-one model reads it");

// ## Summary
//
// * RNN input: (batch, timesteps, features); one-hot words or image rows are common features.
// * The state $o_t$ carries information forward; the same $W_i, W_h, b$ are used at every step.
// * Keras counts one bias per unit, PyTorch two — know which convention a parameter count uses.
//
// ## Exercises
//
// 1. How many parameters does Keras' SimpleRNN with 10 features and 4 units (plus a 1-unit dense output) have in total? Replace `-1`.
// 2. What shape does `nn.RNN(8, 16)` give its outputs for a (5, 12, 8) batch (batch first)? Replace the empty array.

// Exercise answers: replace each placeholder with your answer
int answer1 = -1;
long[] answer2 = { };

var k = SimpleRnn.KerasParameterCount(10, 4);
Claims.Exercise("Exercise 1", answer1 == k.Weights + k.Biases);
Claims.Exercise("Exercise 2", answer2.SequenceEqual(new long[] { 5, 12, 16 }));
