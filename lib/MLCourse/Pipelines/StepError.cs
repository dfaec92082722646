namespace MLCourse.Pipelines;

/// <summary>
/// Names the failing step of a pipeline: "Pipeline: step 'scale' (StandardScaler) failed during
/// transform: StandardScaler: x must have shape …". The exception keeps its kind (argument,
/// format, missing key, invalid operation) and holds the step's own exception as its inner one.
/// </summary>
internal static class StepError
{
    /// <summary>Runs <paramref name="action"/>, naming the step in any error it throws.</summary>
    public static T Named<T>(string component, string phase, string name, object step, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when
            (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            string message =
                $"{component}: step '{name}' ({step.GetType().Name}) failed during {phase}: {OwnMessage(e)}";
            throw e switch
            {
                ArgumentException a => new ArgumentException(message, a.ParamName, e),
                FormatException => new FormatException(message, e),
                KeyNotFoundException => new KeyNotFoundException(message, e),
                _ => new InvalidOperationException(message, e),
            };
        }
    }

    // The message without what .NET appends to an ArgumentException ("(Parameter 'x')", "Actual value was …").
    private static string OwnMessage(Exception e)
    {
        string message = e.Message.Split('\n')[0];
        return e is ArgumentException { ParamName: { } parameter }
            && message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal)
            ? message[..^$" (Parameter '{parameter}')".Length]
            : message;
    }
}
