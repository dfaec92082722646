namespace MLCourse.Trees;

/// <summary>
/// One node of a fitted decision tree: a split "x[Feature] ≤ Threshold → Left, else Right", or a leaf.
/// </summary>
/// <remarks>
/// The nodes of <see cref="DecisionTreeClassifier"/>'s and <see cref="DecisionTreeRegressor"/>'s trees.
/// </remarks>
public sealed class TreeNode
{
    internal TreeNode(int samples, double impurity, double[] value)
    {
        Samples = samples;
        Impurity = impurity;
        Value = value;
    }

    /// <summary>The feature tested, or −1 at a leaf.</summary>
    public int Feature { get; internal set; } = -1;

    /// <summary>The split point: values at or below it go left.</summary>
    public double Threshold { get; internal set; }

    /// <summary>The subtree for x[Feature] ≤ Threshold; null at a leaf.</summary>
    public TreeNode? Left { get; internal set; }

    /// <summary>The subtree for x[Feature] &gt; Threshold; null at a leaf.</summary>
    public TreeNode? Right { get; internal set; }

    /// <summary>How many training samples reached this node.</summary>
    public int Samples { get; }

    /// <summary>The node's impurity (Gini or squared error) over those samples.</summary>
    public double Impurity { get; }

    /// <summary>What the node predicts: class shares (classifier) or the single mean (regressor).</summary>
    public IReadOnlyList<double> Value { get; }

    /// <summary>Whether the node is a leaf.</summary>
    public bool IsLeaf => Left is null;

    /// <summary>Every node of the subtree, this one first (pre-order).</summary>
    public IEnumerable<TreeNode> Descendants()
    {
        yield return this;
        if (Left is not null && Right is not null)
        {
            foreach (TreeNode node in Left.Descendants().Concat(Right.Descendants()))
            {
                yield return node;
            }
        }
    }

    /// <summary>The depth of the subtree: 0 for a leaf.</summary>
    public int Depth => IsLeaf ? 0 : 1 + Math.Max(Left!.Depth, Right!.Depth);

    /// <summary>The leaf that the sample <paramref name="x"/> reaches.</summary>
    public TreeNode LeafFor(Func<int, double> x)
    {
        TreeNode node = this;
        while (!node.IsLeaf)
        {
            node = x(node.Feature) <= node.Threshold ? node.Left! : node.Right!;
        }
        return node;
    }
}
