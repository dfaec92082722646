using MathNet.Numerics.LinearAlgebra;
using MLCourse.Data;
using MLCourse.Evaluation;
using MLCourse.Reproducibility;
using MLCourse.Trees;
using TorchSharp;
using static TorchSharp.torch;

// Trains two models on the two-moons data with the packed library: a from-scratch CART tree and
// a small TorchSharp network (which needs TorchSharp's native libraries to load — on older Linux
// only thanks to the package's buildTransitive fix). Exits non-zero if either is not accurate.
const int count = 600;
Seeds.Set(Seeds.Default);
Matrix<double> points = TwoMoons(count, noise: 0.2, seed: Seeds.Default);   // (600, 2): first half the upper moon
string[] moon = Enumerable.Range(0, count).Select(i => i < count - count / 2 ? "upper" : "lower").ToArray();
var shuffle = new Random(Seeds.Default);
int[] order = Enumerable.Range(0, count).OrderBy(_ => shuffle.Next()).ToArray();
int[] train = order[..450];
int[] test = order[450..];

var tree = new DecisionTreeClassifier(maxDepth: 6).Fit(Rows(points, train), train.Select(i => moon[i]).ToArray());
double treeAccuracy = tree.Score(Rows(points, test), test.Select(i => moon[i]).ToArray());

var network = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 2)).to(float64);
Tensor x = tensor(points.ToRowMajorArray(), [count, 2], float64);
Tensor y = tensor(moon.Select(m => m == "upper" ? 1L : 0L).ToArray());
Tensor trainIndex = tensor(train.Select(i => (long)i).ToArray());
Tensor testIndex = tensor(test.Select(i => (long)i).ToArray());
var optimizer = optim.Adam(network.parameters(), lr: 0.01);
for (int epoch = 0; epoch < 300; epoch++)   // full batch: 450 points
{
    optimizer.zero_grad();
    nn.functional.cross_entropy(network.forward(x.index_select(0, trainIndex)), y.index_select(0, trainIndex)).backward();
    optimizer.step();
}
double networkAccuracy;
using (no_grad())
{
    networkAccuracy = network.forward(x.index_select(0, testIndex)).argmax(1).eq(y.index_select(0, testIndex))
        .to_type(float64).mean().item<double>();
}

var library = typeof(DecisionTreeClassifier).Assembly;
Console.WriteLine($"MLCourse {library.GetName().Version} from {library.Location}");
Console.WriteLine($"held-out accuracy on two moons: CART tree (from scratch) {treeAccuracy:P1}, TorchSharp network {networkAccuracy:P1}");
return treeAccuracy >= 0.9 && networkAccuracy >= 0.9 ? 0 : 1;

static Matrix<double> Rows(Matrix<double> m, int[] rows) => Matrix<double>.Build.DenseOfRowVectors(rows.Select(m.Row));

// Two interleaved half circles with Gaussian noise (scikit-learn's make_moons): the upper moon first.
static Matrix<double> TwoMoons(int count, double noise, int seed)
{
    var random = new Random(seed);
    double Noise() => noise * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    int upper = count - count / 2;
    return Matrix<double>.Build.Dense(count, 2, (i, j) =>
    {
        bool isUpper = i < upper;
        double theta = Math.PI * (isUpper ? i : i - upper) / ((isUpper ? upper : count - upper) - 1);
        double value = j == 0 ? (isUpper ? Math.Cos(theta) : 1 - Math.Cos(theta)) : (isUpper ? Math.Sin(theta) : 0.5 - Math.Sin(theta));
        return value + Noise();
    });
}
