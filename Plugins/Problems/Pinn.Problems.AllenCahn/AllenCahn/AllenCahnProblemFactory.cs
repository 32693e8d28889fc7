using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.AllenCahn.AllenCahn;

/// <summary>Exports <c>allen-cahn</c>.</summary>
[Plugin(PluginKind.Problem, AllenCahnProblem.Name,
        Description = "∂t u = 10⁻³ ∂xx u + 5(u − u³) on [0,1] × [−1,1], u = −1 at x = ±1, u(0,x) = x² cos(πx); Chebyshev–ETDRK4 reference")]
public sealed class AllenCahnProblemFactory : ProblemFactory<AllenCahnOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(AllenCahnOptions options, ProblemContext context) => new AllenCahnProblem(options, context.CacheDirectory);
}
