using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.PoissonInverse;

/// <summary>Exports <c>poisson-inverse</c>.</summary>
[Plugin(PluginKind.Problem, "poisson-inverse", Description = "PINNacle PInv: recover a(x) in ∇·(a∇u) + f = 0 on [0,1]² from noisy observations of u; outputs u, a")]
public sealed class PoissonInverseProblemFactory : ProblemFactory<PoissonInverseOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(PoissonInverseOptions options, ProblemContext context) => new PoissonInverseProblem(options, context.Seed);
}
