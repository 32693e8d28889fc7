using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Heat.HeatInverse;

/// <summary>Exports <c>heat-inverse</c>.</summary>
[Plugin(PluginKind.Problem, "heat-inverse", Description = "PINNacle HInv: recover a(x) in ∂t u = ∇·(a∇u) + f on [−1,1]²×[0,1] from noisy observations of u at PINNacle's sites; outputs u, a")]
public sealed class HeatInverseProblemFactory : ProblemFactory<HeatInverseOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(HeatInverseOptions options, ProblemContext context) => new HeatInverseProblem(options, context.Seed);
}
