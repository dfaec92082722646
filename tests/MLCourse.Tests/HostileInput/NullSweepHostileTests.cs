using System.Reflection;
using MathNet.Numerics.LinearAlgebra;

namespace MLCourse.Tests.HostileInput;

/// <summary>
/// Every public static method of the library (outside the message builders of <c>Errors</c>) given null for one
/// reference argument, the others ordinary values: it may accept the null (an optional argument) or refuse it, but
/// never with a NullReferenceException or .NET's "Value cannot be null".
/// </summary>
public class NullSweepHostileTests
{
    private static readonly Dictionary<string, (MethodInfo Method, int Null)> Calls = Discover();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in Calls.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_null_argument_gets_the_house_answer(string name)
    {
        (MethodInfo method, int nullAt) = Calls[name];
        object?[] args = method.GetParameters().Select((p, j) => j == nullAt ? null : Ordinary(p)).ToArray();
        try
        {
            method.Invoke(null, args);
        }
        catch (TargetInvocationException e)
        {
            Exception inner = e.InnerException!;
            Assert.False(inner is NullReferenceException, $"{name}: {inner}");
            Assert.DoesNotContain("Value cannot be null", inner.Message);
        }
    }

    private static Dictionary<string, (MethodInfo, int)> Discover()
    {
        var calls = new Dictionary<string, (MethodInfo, int)>();
        foreach (Type type in typeof(MLCourse.Errors.ErrorMessage).Assembly.GetExportedTypes()
            .Where(t => t.Namespace != "MLCourse.Errors"))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsGenericMethodDefinition && !m.IsSpecialName))
            {
                ParameterInfo[] parameters = method.GetParameters();
                if (parameters.All(CanMake))
                {
                    for (int i = 0; i < parameters.Length; i++)
                    {
                        if (!parameters[i].ParameterType.IsValueType)
                        {
                            string signature = string.Join(", ", parameters.Select(p => p.ParameterType.Name));
                            calls[$"{type.Name}.{method.Name}({signature}) with {parameters[i].Name} = null"] = (method, i);
                        }
                    }
                }
            }
        }
        return calls;
    }

    private static bool CanMake(ParameterInfo p) => !p.ParameterType.IsValueType || Ordinary(p) is not null
        || p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Nullable<>);

    private static object? Ordinary(ParameterInfo p)
    {
        Type t = p.ParameterType;
        return t == typeof(double) ? 0.5 : t == typeof(int) ? 1 : t == typeof(long) ? 1L : t == typeof(string) ? "a"
            : t == typeof(bool) ? false : t == typeof(char) ? ',' : t == typeof(Vector<double>) ? Vector<double>.Build.Dense(2, 0.5)
            : t == typeof(Matrix<double>) ? Matrix<double>.Build.Dense(2, 2, 0.5)
            : t == typeof(double[]) || t == typeof(IReadOnlyList<double>) ? new[] { 0.5, 0.5 }
            : t.IsEnum ? Activator.CreateInstance(t)
            : p.HasDefaultValue ? p.DefaultValue : null;
    }
}
