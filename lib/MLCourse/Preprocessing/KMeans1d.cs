namespace MLCourse.Preprocessing;

/// <summary>
/// One-dimensional k-means exactly as scikit-learn 1.2's <c>KMeans(init=centres, n_init=1)</c>
/// runs it for <c>KBinsDiscretizer(strategy="kmeans")</c>: Lloyd's algorithm on the centred
/// values, at most 300 iterations, stopping when no label changes ("strict convergence") or when
/// the squared centroid shifts sum to at most tol = 1e-4 × the variance, with empty clusters moved
/// to the values farthest from their centroids.
/// </summary>
/// <remarks>
/// Equal numbers need equal arithmetic: the mean and variance are summed pairwise as NumPy does,
/// distances are compared as c² − 2xc (the expansion of (x − c)² without x², as scikit-learn's
/// matrix product computes them), an exact tie goes to the centroid with the lower index, and each
/// centroid is its sum times 1/count. This is what makes a value exactly halfway between two
/// centroids land where scikit-learn puts it. Used by <see cref="KBinsDiscretizer"/> (day 06).
/// </remarks>
internal static class KMeans1d
{
    private const int MaxIterations = 300;
    private const double Tolerance = 1e-4;

    /// <summary>The centroids (unsorted) found from <paramref name="initialCentres"/>.</summary>
    /// <param name="values">The feature's values, shape (samples,); at least as many as centres.</param>
    /// <param name="initialCentres">Starting centroids, shape (clusters,).</param>
    public static double[] Fit(double[] values, double[] initialCentres)
    {
        int n = values.Length;
        double mean = PairwiseSum(values) / n;   // scikit-learn centres X on its mean for precision
        double tolerance = Variance(values, mean) * Tolerance;
        double[] x = values.Select(v => v - mean).ToArray();
        double[] centres = initialCentres.Select(c => c - mean).ToArray();
        var labels = new int[n];
        int[] previous = Enumerable.Repeat(-1, n).ToArray();
        bool strictlyConverged = false;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double[] updated = Step(x, centres, labels);
            double[] squaredShifts = updated.Select((c, j) => Square(Math.Sqrt(Square(c - centres[j])))).ToArray();
            centres = updated;
            if (labels.AsSpan().SequenceEqual(previous))
            {
                strictlyConverged = true;
                break;
            }
            if (PairwiseSum(squaredShifts) <= tolerance)
            {
                break;
            }
            labels.CopyTo(previous, 0);
        }
        if (!strictlyConverged)
        {
            Assign(x, centres, labels);   // scikit-learn's final E-step; the centroids stay
        }
        return centres.Select(c => c + mean).ToArray();
    }

    // One Lloyd iteration: assign every value to its nearest centroid (E-step), move each
    // centroid to the mean of its values (M-step), first relocating any centroid left empty.
    private static double[] Step(double[] x, double[] centres, int[] labels)
    {
        int k = centres.Length;
        Assign(x, centres, labels);
        var sums = new double[k];
        var counts = new double[k];
        for (int i = 0; i < x.Length; i++)
        {
            sums[labels[i]] += x[i];
            counts[labels[i]] += 1;
        }
        RelocateEmptyClusters(x, centres, labels, sums, counts);
        var updated = new double[k];
        for (int j = 0; j < k; j++)
        {
            updated[j] = counts[j] > 0 ? sums[j] * (1.0 / counts[j]) : sums[j];
        }
        return updated;
    }

    // Nearest centroid by c² − 2xc; a tie keeps the lower index (strict <).
    private static void Assign(double[] x, double[] centres, int[] labels)
    {
        double[] squaredNorms = centres.Select(Square).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            int label = 0;
            double best = squaredNorms[0] - 2 * (x[i] * centres[0]);
            for (int j = 1; j < centres.Length; j++)
            {
                double distance = squaredNorms[j] - 2 * (x[i] * centres[j]);
                if (distance < best)
                {
                    best = distance;
                    label = j;
                }
            }
            labels[i] = label;
        }
    }

    // An empty cluster takes over the value farthest from its own centroid, as scikit-learn's
    // _relocate_empty_clusters_dense does (the value's label stays; only the sums move). Among
    // equally far values the later one goes first, the order NumPy's argpartition gives here.
    private static void RelocateEmptyClusters(double[] x,
        double[] centres, int[] labels, double[] sums, double[] counts)
    {
        int[] empty = Enumerable.Range(0, counts.Length).Where(j => counts[j] == 0).ToArray();
        if (empty.Length == 0)
        {
            return;
        }
        int[] farthest = Enumerable.Range(0, x.Length)
            .OrderByDescending(i => Square(x[i] - centres[labels[i]]))
            .ThenByDescending(i => i)
            .Take(empty.Length)
            .ToArray();
        for (int e = 0; e < empty.Length; e++)
        {
            int far = farthest[e];
            int from = labels[far];
            sums[from] -= x[far];
            sums[empty[e]] = x[far];
            counts[empty[e]] = 1;
            counts[from] -= 1;
        }
    }

    private static double Square(double v) => v * v;

    // NumPy's var: the mean of the squared deviations, both sums pairwise.
    private static double Variance(double[] values, double mean) =>
        PairwiseSum(values.Select(v => Square(v - mean)).ToArray()) / values.Length;

    /// <summary>
    /// NumPy's pairwise summation (numpy/core/src/umath/loops_utils.h): eight running sums over
    /// blocks of up to 128 values, halves above that. Rounds exactly as <c>numpy.sum</c> does.
    /// </summary>
    internal static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double sum = 0;
            foreach (double v in a)
            {
                sum += v;
            }
            return sum;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < n - n % 8; i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }
            double result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                result += a[i];
            }
            return result;
        }
        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
