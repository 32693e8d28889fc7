using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.NonlinearPoisson;

/// <summary>Exports <c>nonlinear-poisson</c>.</summary>
[Plugin(PluginKind.Problem, "nonlinear-poisson", Description = "−Δu + u³ = f on [−1,1]^d, u = u* = Σ cos(πxᵢ) on the boundary (option: dimension, default 2)")]
public sealed class NonlinearPoissonProblemFactory : ProblemFactory<NonlinearPoissonOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NonlinearPoissonOptions options, ProblemContext context) => new NonlinearPoissonProblem(options);
}
