using Pinn.Abstractions.Problems;

namespace Pinn.Weighting.Standard.Schedule;

/// <summary>Checks a condition named in options against the problem.</summary>
internal static class ConditionChoice
{
    /// <summary>The condition named <paramref name="name"/>, or the problem's first when null; an <see cref="ArgumentException"/>
    /// naming the option and the conditions there are otherwise.</summary>
    public static Condition Of(IProblem problem, string? name, string option)
        => name is null ? problem.Conditions[0]
           : problem.Conditions.FirstOrDefault(c => c.Name == name)
             ?? throw new ArgumentException($"{option}: the problem has no condition '{name}' (its conditions: {string.Join(", ", problem.Conditions.Select(c => c.Name))})");
}
