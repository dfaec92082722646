using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Trees;

/// <summary>Validation shared by the tree classifier and regressor.</summary>
internal static class TreeSettingsCheck
{
    public static TreeSettings Create(string component, int? maxDepth, int minSamplesSplit, int minSamplesLeaf)
    {
        if (maxDepth is < 0)
        {
            throw ErrorMessage.OutOfRange(component, nameof(maxDepth), "at least 0, or null for no limit", maxDepth);
        }
        if (minSamplesSplit < 2)
        {
            throw ErrorMessage.OutOfRange(component, nameof(minSamplesSplit), "at least 2", minSamplesSplit);
        }
        if (minSamplesLeaf < 1)
        {
            throw ErrorMessage.OutOfRange(component, nameof(minSamplesLeaf), "at least 1", minSamplesLeaf);
        }
        return new TreeSettings(maxDepth, minSamplesSplit, minSamplesLeaf);
    }

    public static void Data(string component, Matrix<double> x, int labels)
    {
        Require.NotNull(component, nameof(x), x);
        Require.NonEmptyFinite(component, nameof(x), x);
        if (labels != x.RowCount)
        {
            throw ErrorMessage.Shape(component, "y",
                ErrorMessage.FormatShape(x.RowCount), ErrorMessage.FormatShape(labels));
        }
    }
}
