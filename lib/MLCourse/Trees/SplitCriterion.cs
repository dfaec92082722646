namespace MLCourse.Trees;

/// <summary>
/// The impurity a CART split minimises, kept as running statistics so that a sorted sweep over a
/// feature evaluates every split point in one pass.
/// </summary>
internal abstract class SplitCriterion
{
    /// <summary>Puts every row of the node on the right.</summary>
    public abstract void Reset(IReadOnlyList<int> rows);

    /// <summary>Moves one row from the right to the left.</summary>
    public abstract void MoveLeft(int row);

    /// <summary>(n_L·impurity_L + n_R·impurity_R) / n for the current partition.</summary>
    public abstract double ChildImpurity();

    /// <summary>The impurity of all the node's rows.</summary>
    public abstract double NodeImpurity(IReadOnlyList<int> rows);

    /// <summary>What a leaf holding <paramref name="rows"/> predicts.</summary>
    public abstract double[] LeafValue(IReadOnlyList<int> rows);
}

/// <summary>Gini impurity, G = 1 − Σ_k p_k², for class indices.</summary>
internal sealed class GiniCriterion(int[] labels, int classes) : SplitCriterion
{
    private readonly double[] _left = new double[classes];
    private readonly double[] _right = new double[classes];
    private int _nLeft;
    private int _nRight;

    public override void Reset(IReadOnlyList<int> rows)
    {
        Array.Clear(_left);
        Array.Clear(_right);
        foreach (int row in rows)
        {
            _right[labels[row]]++;
        }
        _nLeft = 0;
        _nRight = rows.Count;
    }

    public override void MoveLeft(int row)
    {
        _left[labels[row]]++;
        _right[labels[row]]--;
        _nLeft++;
        _nRight--;
    }

    public override double ChildImpurity()
        => (_nLeft * Gini(_left, _nLeft) + _nRight * Gini(_right, _nRight)) / (_nLeft + _nRight);

    public override double NodeImpurity(IReadOnlyList<int> rows) => Gini(LeafValue(rows), 1);

    public override double[] LeafValue(IReadOnlyList<int> rows)
    {
        var shares = new double[classes];
        foreach (int row in rows)
        {
            shares[labels[row]] += 1.0 / rows.Count;
        }
        return shares;
    }

    private static double Gini(double[] counts, double n) => n == 0 ? 0 : 1 - counts.Sum(c => c / n * (c / n));
}

/// <summary>Squared error (variance), (1/n) Σ (y − ȳ)², for regression targets.</summary>
internal sealed class SquaredErrorCriterion(double[] targets) : SplitCriterion
{
    private (int N, double Sum, double SumOfSquares) _left;
    private (int N, double Sum, double SumOfSquares) _right;

    public override void Reset(IReadOnlyList<int> rows)
    {
        _left = (0, 0, 0);
        _right = (rows.Count, rows.Sum(r => targets[r]), rows.Sum(r => targets[r] * targets[r]));
    }

    public override void MoveLeft(int row)
    {
        double y = targets[row];
        _left = (_left.N + 1, _left.Sum + y, _left.SumOfSquares + y * y);
        _right = (_right.N - 1, _right.Sum - y, _right.SumOfSquares - y * y);
    }

    // n·variance = Σy² − (Σy)²/n, so the weighted sum needs no division by each side's n.
    public override double ChildImpurity() =>
        (Spread(_left) + Spread(_right)) / (_left.N + _right.N);

    public override double NodeImpurity(IReadOnlyList<int> rows)
    {
        double mean = rows.Average(r => targets[r]);
        return rows.Average(r => (targets[r] - mean) * (targets[r] - mean));
    }

    public override double[] LeafValue(IReadOnlyList<int> rows) => [rows.Average(r => targets[r])];

    private static double Spread((int N, double Sum, double SumOfSquares) side) =>
        side.N == 0 ? 0 : side.SumOfSquares - side.Sum * side.Sum / side.N;
}
