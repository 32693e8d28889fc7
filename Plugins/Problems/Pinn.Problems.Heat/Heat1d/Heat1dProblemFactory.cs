using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Heat.Heat1d;

/// <summary>Exports <c>heat1d</c>.</summary>
[Plugin(PluginKind.Problem, "heat1d", Description = "∂t u = ¼ ∂xx u on [0,1]², u = 0 at x ∈ {0,1}, u(0,x) = sin(πx)")]
public sealed class Heat1dProblemFactory : ProblemFactory<Heat1dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Heat1dOptions options, ProblemContext context) => new Heat1dProblem(options);
}
