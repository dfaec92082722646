using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Trees;

/// <summary>
/// Grows a CART tree (Breiman et al., 1984) as scikit-learn's best splitter does: at each node,
/// every feature and every midpoint between consecutive distinct sorted values is tried, and the
/// split with the lowest weighted child impurity wins; a node becomes a leaf when it is pure, at
/// the maximum depth, or too small to split.
/// </summary>
/// <remarks>
/// Deterministic: features are tried in column order and the first best split is kept, where
/// scikit-learn tries them in a random order — with ties the two may pick different, equally good splits.
/// </remarks>
internal sealed class CartBuilder(Matrix<double> x, SplitCriterion criterion, TreeSettings settings)
{
    // scikit-learn treats values closer than this as equal when looking for split points.
    private const double FeatureThreshold = 1e-7;

    public TreeNode Build() => Grow(Enumerable.Range(0, x.RowCount).ToArray(), 0);

    private TreeNode Grow(int[] rows, int depth)
    {
        var node = new TreeNode(rows.Length, criterion.NodeImpurity(rows), criterion.LeafValue(rows));
        if (node.Impurity <= 1e-12 || depth >= (settings.MaxDepth ?? int.MaxValue)
            || rows.Length < settings.MinSamplesSplit)
        {
            return node;
        }
        if (BestSplit(rows) is not (int feature, double threshold))
        {
            return node;
        }
        node.Feature = feature;
        node.Threshold = threshold;
        node.Left = Grow(rows.Where(r => x[r, feature] <= threshold).ToArray(), depth + 1);
        node.Right = Grow(rows.Where(r => x[r, feature] > threshold).ToArray(), depth + 1);
        return node;
    }

    private (int Feature, double Threshold)? BestSplit(int[] rows)
    {
        (int, double)? best = null;
        double bestImpurity = double.PositiveInfinity;
        for (int feature = 0; feature < x.ColumnCount; feature++)
        {
            int[] sorted = rows.OrderBy(r => x[r, feature]).ToArray();
            criterion.Reset(sorted);
            for (int i = 0; i < sorted.Length - 1; i++)
            {
                criterion.MoveLeft(sorted[i]);
                double here = x[sorted[i], feature];
                double next = x[sorted[i + 1], feature];
                int left = i + 1;
                if (next <= here + FeatureThreshold || left < settings.MinSamplesLeaf
                    || sorted.Length - left < settings.MinSamplesLeaf)
                {
                    continue;
                }
                double impurity = criterion.ChildImpurity();
                if (impurity < bestImpurity)
                {
                    bestImpurity = impurity;
                    double midpoint = here / 2 + next / 2;
                    best = (feature, midpoint >= next ? here : midpoint);   // guard against rounding up to next
                }
            }
        }
        return best;
    }
}

/// <summary>The growth limits shared by the tree classifier and regressor.</summary>
internal sealed record TreeSettings(int? MaxDepth, int MinSamplesSplit, int MinSamplesLeaf);
