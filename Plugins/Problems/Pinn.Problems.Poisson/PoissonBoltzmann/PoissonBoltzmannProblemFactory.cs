using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.PoissonBoltzmann;

/// <summary>Exports <c>poisson2d-cg</c>.</summary>
[Plugin(PluginKind.Problem, "poisson2d-cg", Description = "PINNacle Poisson2d-CG: −Δu + 64u = f on a square with four holes, u = 0.2 outside, 1 on the circles; PINNacle's reference data")]
public sealed class PoissonBoltzmannProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new PoissonBoltzmannProblem();
}
