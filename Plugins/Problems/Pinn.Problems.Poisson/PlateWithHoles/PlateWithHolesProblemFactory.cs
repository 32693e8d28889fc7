using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.PlateWithHoles;

/// <summary>Exports <c>poisson2d-c</c>.</summary>
[Plugin(PluginKind.Problem, "poisson2d-c", Description = "PINNacle Poisson2d-C: Laplace on a square with four holes, u = 1 outside, 0 on the circles; PINNacle's reference data")]
public sealed class PlateWithHolesProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new PlateWithHolesProblem();
}
