using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;
using MLCourse.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace MLCourse.Convolution;

/// <summary>
/// The notes' small CNN ("CNN Back Prop"), trained by hand: one 3×3 filter, ReLU, 2×2 max pooling,
/// flatten, one dense unit and a sigmoid, with binary cross-entropy —
/// Z₁ = conv(X, W₁) + b₁, A₁ = relu(Z₁), P₁ = maxpool(A₁), F = flatten(P₁), Z₂ = F·W₂ + b₂,
/// A₂ = σ(Z₂), L = (1/m) Σ [−y log A₂ − (1 − y) log(1 − A₂)].
/// </summary>
/// <remarks>
/// The layer contract: <see cref="Forward"/> → <see cref="SmallCnnPass"/>, <see cref="Backward"/>(pass, ∂L/∂Z₂) →
/// <see cref="SmallCnnGradients"/>, <see cref="Step"/>; the loss and its gradient are the separate
/// <see cref="Loss"/> and <see cref="LossGradient"/>. Backward follows the notes' derivation: ∂L/∂Z₂ = (A₂ − y)/m,
/// ∂L/∂W₂ = (A₂ − y)·Fᵀ,
/// ∂L/∂b₂ = Σ(A₂ − y), ∂L/∂F = ∂L/∂Z₂·W₂ reshaped to P₁'s shape, ∂L/∂A₁ routed by max pooling,
/// ∂L/∂Z₁ = ∂L/∂A₁ ⊙ [Z₁ &gt; 0], then ∂L/∂W₁ and ∂L/∂b₁ = Σ ∂L/∂Z₁ through <see cref="Conv2d"/>.
/// On a 6×6 image the model has the notes' 15 parameters (9 + 1 + 4 + 1). <see cref="CopyTo"/> and
/// <see cref="CopyFrom"/> move the four parameters to and from <see cref="SmallCnnModule"/>, the same
/// network built from TorchSharp's layers. Introduced in notebook day 18.
/// </remarks>
public sealed class SmallCnn
{
    private const string Component = "SmallCnn";

    /// <summary>
    /// Creates the model for square images of side <paramref name="imageSize"/> (even after the 3×3 valid convolution).
    /// </summary>
    /// <param name="imageSize">Image side n; n − 2 must be even and at least 2.</param>
    /// <param name="random">Draws the initial weights, uniform in ±1/√fan-in as TorchSharp's default does.</param>
    /// <exception cref="ArgumentOutOfRangeException">An image size that does not fit the architecture.</exception>
    public SmallCnn(int imageSize, Random random)
        : this(imageSize)
    {
        var convInit = new UniformInit(random, fan: 9);          // the 3×3 filter's inputs
        var denseInit = new UniformInit(random, fan: Features);
        for (int i = 0; i < 9; i++)
        {
            Convolution.Weights.Data[i] = convInit.Next();
        }
        Convolution.Bias[0] = convInit.Next();
        denseInit.NextVector(Features).CopyTo(W2);
        B2 = denseInit.Next();
    }

    private SmallCnn(int imageSize)
    {
        RequireImageSize(Component, imageSize);
        ImageSize = imageSize;
        Features = (imageSize - 2) / 2 * ((imageSize - 2) / 2);
        Convolution = new Conv2d(1, 1, 3);
        Pool = new MaxPool2d(2);
        W2 = Vector<double>.Build.Dense(Features);
    }

    /// <summary>
    /// Builds the model from given weights (copied); the image side follows from W₂'s length, ((n − 2)/2)².
    /// </summary>
    /// <param name="w1">The filter W₁, 3×3.</param>
    /// <param name="b1">The convolution bias b₁.</param>
    /// <param name="w2">The dense weights W₂, (features,) with features a square of at least 1.</param>
    /// <param name="b2">The dense bias b₂.</param>
    /// <exception cref="ArgumentException">W₁ is not 3×3, or W₂'s length is not a square.</exception>
    public static SmallCnn FromWeights(Matrix<double> w1, double b1, Vector<double> w2, double b2)
    {
        Require.NotNull(Component, nameof(w1), w1);
        Require.NotNull(Component, nameof(w2), w2);
        Require.Shape(Component, nameof(w1), [w1.RowCount, w1.ColumnCount], [3, 3], "one 3×3 filter");
        int side = (int)Math.Round(Math.Sqrt(w2.Count));
        if (w2.Count == 0 || side * side != w2.Count)
        {
            throw ErrorMessage.Shape(Component, nameof(w2),
                "(features,) with features = ((n − 2)/2)², a square", ErrorMessage.FormatShape(w2.Count));
        }
        var model = new SmallCnn(2 * side + 2);
        w1.ToRowMajorArray().CopyTo(model.Convolution.Weights.Data, 0);
        model.Convolution.Bias[0] = b1;
        w2.CopyTo(model.W2);
        model.B2 = b2;
        return model;
    }

    /// <summary>Throws unless <paramref name="imageSize"/> fits the architecture (even, at least 4).</summary>
    internal static void RequireImageSize(string component, int imageSize)
    {
        if (imageSize < 4 || (imageSize - 2) % 2 != 0)
        {
            throw ErrorMessage.OutOfRange(component, nameof(imageSize),
                "an even number of at least 4 (so that the 3×3 convolution's output pools evenly)", imageSize);
        }
    }

    /// <summary>Builds the model from a <see cref="SmallCnnModule"/> (the inverse of <see cref="CopyTo"/>).</summary>
    /// <param name="module">The TorchSharp network; its parameters are read (as float64), not shared.</param>
    public static SmallCnn CopyFrom(SmallCnnModule module)
    {
        Require.NotNull(Component, nameof(module), module);
        using var scope = NewDisposeScope();
        Matrix<double> w1 = module.Convolution.weight!.detach().to(float64).reshape(3, 3).ToMatrix();
        double b1 = module.Convolution.bias!.detach().to(float64)[0].item<double>();
        Vector<double> w2 = module.Dense.weight!.detach().to(float64).reshape(-1).ToVector();
        double b2 = module.Dense.bias!.detach().to(float64)[0].item<double>();
        return FromWeights(w1, b1, w2, b2);
    }

    /// <summary>
    /// Writes W₁, b₁, W₂ and b₂ into a <see cref="SmallCnnModule"/> of the same image size, so it computes
    /// the same function.
    /// </summary>
    /// <exception cref="ArgumentException">The module is for another image size.</exception>
    public void CopyTo(SmallCnnModule module)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Require.Shape(Component, nameof(module), module.Dense.weight!.shape, [1, Features],
            $"the dense weights of a model for {ImageSize}×{ImageSize} images");
        module.Convolution.weight!.copy_(Convolution.Weights.ToTensor());
        module.Convolution.bias!.copy_(tensor(Convolution.Bias, float64));
        module.Dense.weight.copy_(tensor(W2.ToArray(), [1, Features], float64));
        module.Dense.bias!.copy_(tensor(new[] { B2 }, float64));
    }

    /// <summary>The image side n.</summary>
    public int ImageSize { get; }

    /// <summary>The flattened feature count, ((n − 2)/2)².</summary>
    public int Features { get; }

    /// <summary>The convolution layer: W₁ (1, 1, 3, 3) and b₁.</summary>
    public Conv2d Convolution { get; }

    /// <summary>The 2×2 max pooling layer.</summary>
    public MaxPool2d Pool { get; }

    /// <summary>The dense weights W₂, one per flattened feature.</summary>
    public Vector<double> W2 { get; }

    /// <summary>The dense bias b₂.</summary>
    public double B2 { get; set; }

    /// <summary>
    /// W₁, b₁, W₂ and b₂ by reference (entries <c>W1</c> (1, 1, 3, 3), <c>B1</c> (1,), <c>W2</c>
    /// (features,), <c>B2</c> scalar), to save a trained model and load it into a new one of the same
    /// image size: <c>cnn.StoredWeights().Save(path)</c>, <c>fresh.StoredWeights().Load(path)</c>.
    /// </summary>
    public Persistence.LayerWeights StoredWeights() => new Persistence.LayerWeights()
        .Add("W1", Convolution.Weights).Add("B1", Convolution.Bias)
        .Add("W2", W2).Add("B2", () => B2, value => B2 = value);

    /// <summary>The number of trainable parameters: 9 + 1 + features + 1.</summary>
    public int ParameterCount => 9 + 1 + Features + 1;

    /// <summary>Runs the forward equations on a batch of single-channel images.</summary>
    /// <param name="x">Shape (m, 1, n, n).</param>
    /// <returns>
    /// Every activation, kept for <see cref="Backward"/>; the predictions are <see cref="SmallCnnPass.A2"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The images are not (m, 1, n, n).</exception>
    public SmallCnnPass Forward(ImageBatch x)
    {
        if (x.Channels != 1 || x.Height != ImageSize || x.Width != ImageSize)
        {
            throw ErrorMessage.Shape(Component, nameof(x),
                $"(m, 1, {ImageSize}, {ImageSize})", ErrorMessage.FormatShape(x.Shape));
        }
        Conv2dPass convolution = Convolution.ForwardFast(x);
        ImageBatch z1 = convolution.Output;
        var a1 = new ImageBatch(z1.Batch, 1, z1.Height, z1.Width, z1.Data.Select(Activations.Relu).ToArray());
        MaxPool2dPass pooling = Pool.ForwardFast(a1);
        ImageBatch p1 = pooling.Output;
        // flatten: (m, features)
        var f = Matrix<double>.Build.Dense(x.Batch, Features, (i, j) => p1.Data[i * Features + j]);
        Vector<double> z2 = f * W2 + B2;
        Vector<double> a2 = Activations.Sigmoid(z2);
        return new SmallCnnPass(convolution, a1, pooling, f, z2, a2);
    }

    /// <summary>
    /// The mean binary cross-entropy of predictions <paramref name="a2"/> for labels <paramref name="y"/> (0 or 1),
    /// each log clamped at −100 as PyTorch's <c>BCELoss</c> does (<see cref="Losses.BinaryCrossEntropy"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static double Loss(Vector<double> a2, Vector<double> y)
    {
        Require.NotNull(Component, nameof(a2), a2);
        Require.NotNull(Component, nameof(y), y);
        if (a2.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(a2));
        }
        Require.Length(Component, nameof(y), y, a2.Count);
        return a2.Zip(y, Losses.BinaryCrossEntropy).Average();
    }

    /// <summary>
    /// ∂L/∂Z₂ of <see cref="Loss"/> through the sigmoid: (A₂ − y)/m — what <see cref="Backward"/> takes.
    /// </summary>
    /// <param name="a2">The predictions σ(Z₂), (m,).</param>
    /// <param name="y">The labels, 0 or 1, (m,).</param>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static Vector<double> LossGradient(Vector<double> a2, Vector<double> y)
    {
        Require.NotNull(Component, nameof(a2), a2);
        Require.NotNull(Component, nameof(y), y);
        if (a2.Count == 0)
        {
            throw ErrorMessage.Empty(Component, nameof(a2));
        }
        Require.Length(Component, nameof(y), y, a2.Count);
        return (a2 - y) / a2.Count;
    }

    /// <summary>
    /// Back-propagates ∂L/∂Z₂ (for the notes' loss, <see cref="LossGradient"/>) by the notes' equations.
    /// </summary>
    /// <param name="pass">What <see cref="Forward"/> returned.</param>
    /// <param name="logitGradient">∂L/∂Z₂, (m,).</param>
    /// <exception cref="ArgumentException"><paramref name="logitGradient"/> has a different length from the
    /// batch.</exception>
    public SmallCnnGradients Backward(SmallCnnPass pass, Vector<double> logitGradient)
    {
        Require.Length(Component, nameof(logitGradient), logitGradient, pass.A2.Count);
        int m = logitGradient.Count;
        Vector<double> dZ2 = logitGradient;                                    // for BCE: (A₂ − y)/m
        Vector<double> dW2 = pass.F.TransposeThisAndMultiply(dZ2);             // ∂L/∂W₂ = (A₂ − y)·Fᵀ
        double dB2 = dZ2.Sum();                                               // ∂L/∂b₂ = Σ(A₂ − y)
        Matrix<double> dF = dZ2.ToColumnMatrix() * W2.ToRowMatrix();          // ∂L/∂F = ∂L/∂Z₂ · W₂, (m, features)
        var dP1 = new ImageBatch(m, 1, pass.P1.Height, pass.P1.Width, dF.ToRowMajorArray());   // reshape to P₁'s shape
        ImageBatch dA1 = Pool.BackwardFast(pass.Pooling, dP1).Input;        // only each window's maximum gets gradient
        var dZ1 = new ImageBatch(m, 1, dA1.Height, dA1.Width,
            dA1.Data.Select((g, i) => pass.Z1.Data[i] > 0 ? g : 0).ToArray()); // relu′ = 1 where Z₁ > 0
        Conv2dGradients convolution = Convolution.BackwardFast(pass.Convolution, dZ1);
        return new SmallCnnGradients(convolution.Weights.ToMatrix(),
            convolution.Bias[0], dW2, dB2, dZ1, dA1, dP1, convolution.Input);
    }

    /// <summary>One gradient-descent step on all four parameters: θ ← θ − η·∂L/∂θ.</summary>
    public void Step(SmallCnnGradients g, double learningRate)
    {
        for (int i = 0; i < 9; i++)
        {
            Convolution.Weights.Data[i] -= learningRate * g.W1[i / 3, i % 3];
        }
        Convolution.Bias[0] -= learningRate * g.B1;
        W2.Subtract(learningRate * g.W2, W2);
        B2 -= learningRate * g.B2;
    }
}

/// <summary>The activations of one <see cref="SmallCnn.Forward"/>, kept for the backward pass.</summary>
/// <param name="Convolution">The convolution's pass: X and Z₁ = conv(X, W₁) + b₁, (m, 1, n − 2, n − 2).</param>
/// <param name="A1">relu(Z₁).</param>
/// <param name="Pooling">The pooling's pass: A₁, P₁ = maxpool(A₁), (m, 1, (n − 2)/2, (n − 2)/2), and the
/// argmax.</param>
/// <param name="F">flatten(P₁), (m, features).</param>
/// <param name="Z2">F·W₂ + b₂, (m,).</param>
/// <param name="A2">σ(Z₂), the predicted probabilities, (m,).</param>
public sealed record SmallCnnPass(Conv2dPass Convolution, ImageBatch A1,
    MaxPool2dPass Pooling, Matrix<double> F, Vector<double> Z2, Vector<double> A2)
{
    /// <summary>Z₁ = conv(X, W₁) + b₁, (m, 1, n − 2, n − 2).</summary>
    public ImageBatch Z1 => Convolution.Output;

    /// <summary>P₁ = maxpool(A₁), (m, 1, (n − 2)/2, (n − 2)/2).</summary>
    public ImageBatch P1 => Pooling.Output;
}

/// <summary>The gradients of <see cref="SmallCnn.Backward"/>, with the intermediate ones the notes derive.</summary>
/// <param name="W1">∂L/∂W₁, 3×3.</param>
/// <param name="B1">∂L/∂b₁.</param>
/// <param name="W2">∂L/∂W₂, (features,).</param>
/// <param name="B2">∂L/∂b₂.</param>
/// <param name="Z1">∂L/∂Z₁.</param>
/// <param name="A1">∂L/∂A₁ (non-zero only at the pooling maxima).</param>
/// <param name="P1">∂L/∂P₁ (∂L/∂F reshaped).</param>
/// <param name="X">∂L/∂X, (m, 1, n, n).</param>
public sealed record SmallCnnGradients(Matrix<double> W1, double B1, Vector<double> W2,
    double B2, ImageBatch Z1, ImageBatch A1, ImageBatch P1, ImageBatch X);

/// <summary>
/// <see cref="SmallCnn"/> built from TorchSharp's layers: <c>nn.Conv2d(1, 1, 3)</c>, ReLU, 2×2 max
/// pooling, flatten, <c>nn.Linear(features, 1)</c> and a sigmoid, so autograd and TorchSharp's
/// optimisers can train it; <see cref="SmallCnn.CopyTo"/> and <see cref="SmallCnn.CopyFrom"/> copy the
/// weights across.
/// </summary>
/// <remarks>The autograd twin of <see cref="SmallCnn"/>, whose notebook introduces both.</remarks>
public sealed class SmallCnnModule : nn.Module<Tensor, Tensor>
{
    /// <summary>
    /// Creates the network for square images of side <paramref name="imageSize"/>, with TorchSharp's
    /// default initialisation.
    /// </summary>
    /// <param name="imageSize">Image side n; n − 2 must be even and at least 2.</param>
    /// <param name="dtype">The parameters' type; float64 by default, as the course compares in double.</param>
    /// <exception cref="ArgumentOutOfRangeException">An image size that does not fit the architecture.</exception>
    public SmallCnnModule(int imageSize, ScalarType dtype = ScalarType.Float64)
        : base(nameof(SmallCnnModule))
    {
        SmallCnn.RequireImageSize(nameof(SmallCnnModule), imageSize);
        ImageSize = imageSize;
        int side = (imageSize - 2) / 2;
        Convolution = nn.Conv2d(1, 1, 3, dtype: dtype);
        Dense = nn.Linear(side * side, 1, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The image side n.</summary>
    public int ImageSize { get; }

    /// <summary>The convolution: weight (1, 1, 3, 3) = W₁, bias (1,) = b₁.</summary>
    public TorchSharp.Modules.Conv2d Convolution { get; }

    /// <summary>The dense layer: weight (1, features) = W₂ as a row, bias (1,) = b₂.</summary>
    public TorchSharp.Modules.Linear Dense { get; }

    /// <summary>Z₂ = flatten(maxpool(relu(conv(X)))) · W₂ + b₂, shape (m,), for X of shape (m, 1, n, n).</summary>
    public Tensor Logits(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor pooled = nn.functional.max_pool2d(nn.functional.relu(Convolution.forward(x)), 2);
        return Dense.forward(pooled.flatten(1)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>A₂ = σ(Z₂), the predicted probabilities, shape (m,).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Logits(x).sigmoid().MoveToOuterDisposeScope();
    }
}
