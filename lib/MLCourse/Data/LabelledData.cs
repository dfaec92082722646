using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Data;

/// <summary>A classification data set: a feature matrix with one label per row.</summary>
/// <param name="Features">Shape (samples, features).</param>
/// <param name="Labels">One class index per row, 0-based.</param>
/// <param name="FeatureNames">One name per column of <paramref name="Features"/>.</param>
/// <param name="ClassNames">The name of each class index.</param>
/// <remarks>Returned by <see cref="Datasets.Iris"/>.</remarks>
public sealed record LabelledData(Matrix<double> Features, int[] Labels, string[] FeatureNames, string[] ClassNames);
