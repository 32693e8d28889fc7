using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.Poisson2d;

/// <summary>Exports <c>poisson2d</c>.</summary>
[Plugin(PluginKind.Problem, "poisson2d", Description = "−Δu = 2π² sin(πx) sin(πy) on [0,1]², u = 0 on the boundary")]
public sealed class Poisson2dProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new Poisson2dProblem();
}
