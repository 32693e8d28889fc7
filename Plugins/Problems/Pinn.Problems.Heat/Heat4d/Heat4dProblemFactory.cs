using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Heat.Heat4d;

/// <summary>Exports <c>heat4d</c>.</summary>
[Plugin(PluginKind.Problem, "heat4d", Description = "∂t u = ¼ Δu on [0,1] × [0,1]⁴, u = u* = e^{−t} Σ sin(2xᵢ) on the boundary and at t = 0 (options: dimension, diffusivity)")]
public sealed class Heat4dProblemFactory : ProblemFactory<Heat4dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Heat4dOptions options, ProblemContext context) => new Heat4dProblem(options);
}
