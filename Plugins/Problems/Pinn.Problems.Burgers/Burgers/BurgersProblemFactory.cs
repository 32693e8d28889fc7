using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Burgers.Burgers;

/// <summary>Exports <c>burgers</c>.</summary>
[Plugin(PluginKind.Problem, BurgersProblem.Name,
        Description = "∂t u + u ∂x u = (0.01/π) ∂xx u on [0,1] × [−1,1], u(0,x) = −sin(πx), u(t,±1) = 0; Cole–Hopf reference, or PINNacle's COMSOL one (reference: pinnacle)")]
public sealed class BurgersProblemFactory : ProblemFactory<BurgersOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(BurgersOptions options, ProblemContext context) => new BurgersProblem(options, context.CacheDirectory);
}
