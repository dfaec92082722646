namespace MLCourse.CourseRunner;

/// <summary>Where the course's parts live, found from any folder inside the repository.</summary>
public sealed class CourseLayout
{
    private CourseLayout(string root) => Root = root;

    /// <summary>The repository root (the folder holding <c>Course.sln</c>).</summary>
    public string Root { get; }

    /// <summary>The folder of the notebooks.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Where executed notebooks and their logs are written (git-ignored).</summary>
    public string ExecutedNotebooks => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>Where the offline course site is written (git-ignored).</summary>
    public string Site => Path.Combine(Root, "artifacts", "site");

    /// <summary>The site's own front-end files and its pinned npm packages (<c>tools/MLCourse.Site/</c>).</summary>
    public string SiteSources => Path.Combine(Root, "tools", "MLCourse.Site");

    /// <summary>The notebooks-support project that the notebooks' setup references.</summary>
    public string NotebooksProject => Path.Combine(Root, "lib", "MLCourse.Notebooks", "MLCourse.Notebooks.csproj");

    /// <summary>
    /// The file-based apps, one per notebook, generated on demand (<c>--write-apps</c>) into
    /// <c>artifacts/apps/</c> (git-ignored): never committed, so they cannot drift from the notebooks.
    /// </summary>
    public string Apps => Path.Combine(Root, "artifacts", "apps");

    /// <summary>The apps' build settings, copied beside them as <c>Directory.Build.props</c>.</summary>
    public string AppsBuildProps => Path.Combine(Root, "tools", "MLCourse.CourseRunner", "Apps.Directory.Build.props");

    /// <summary>The file-based app generated from <paramref name="notebook"/>: same name, <c>.cs</c>, in <see cref="Apps"/>.</summary>
    public string AppFor(string notebook) => Path.Combine(Apps, Path.GetFileNameWithoutExtension(notebook) + ".cs");

    /// <summary>Every course notebook (<c>notebooks/day-NN-*.ipynb</c>), in day order.</summary>
    public IReadOnlyList<string> DayNotebooks() =>
        Directory.GetFiles(Notebooks, "day-*.ipynb").Order(StringComparer.Ordinal).ToList();

    /// <summary>The layout of the repository that contains <paramref name="start"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds <c>Course.sln</c>.</exception>
    public static CourseLayout FindFrom(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln")))
            {
                return new CourseLayout(dir.FullName);
            }
        }
        throw new DirectoryNotFoundException($"CourseLayout: no folder from {start} upward holds Course.sln; run from inside the course repository.");
    }
}
