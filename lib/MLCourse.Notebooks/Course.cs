namespace MLCourse.Notebooks;

/// <summary>
/// Prepares a notebook: installs the FSharp.Core fix, the formatters and the cell directives. Called by
/// <c>notebooks/course.dib</c>, which every notebook's first cell imports (<c>#!import course.dib</c>).
/// </summary>
public static class Course
{
    private static int _loaded;

    /// <summary>
    /// Installs the environment fixes, formatters and <see cref="CellDirectives"/> once; later calls do nothing.
    /// </summary>
    public static void Load()
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 0)
        {
            FSharpCoreRedirect.Install();
            Formatters.Register();
            CellDirectives.Install();
        }
    }
}
