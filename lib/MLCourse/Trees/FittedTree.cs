using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Trees;

/// <summary>What every grown tree offers: its root, its size, and the thresholds it uses per feature.</summary>
public abstract class FittedTree
{
    private readonly string _component;

    private protected FittedTree(TreeNode root, int features, string component)
    {
        Root = root;
        FeatureCount = features;
        _component = component;
    }

    /// <summary>The root node.</summary>
    public TreeNode Root { get; }

    /// <summary>The number of features the tree was grown on.</summary>
    public int FeatureCount { get; }

    /// <summary>The tree's depth (scikit-learn's <c>get_depth()</c>).</summary>
    public int Depth => Root.Depth;

    /// <summary>The number of leaves (scikit-learn's <c>get_n_leaves()</c>).</summary>
    public int LeafCount => Root.Descendants().Count(n => n.IsLeaf);

    /// <summary>
    /// The sorted, distinct thresholds the tree uses on <paramref name="feature"/> — the
    /// edges of decision-tree binning.
    /// </summary>
    public double[] Thresholds(int feature) =>
        Root.Descendants().Where(n => !n.IsLeaf && n.Feature == feature)
            .Select(n => n.Threshold).Distinct().Order().ToArray();

    /// <summary>The leaf each row reaches.</summary>
    private protected IEnumerable<TreeNode> Leaves(Matrix<double> x)
    {
        Require.Columns(_component, nameof(x), x, FeatureCount);
        Require.NonEmptyFinite(_component, nameof(x), x);
        return Enumerable.Range(0, x.RowCount).Select(i => Root.LeafFor(j => x[i, j]));
    }
}
