using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.Poisson10d;

/// <summary>Exports <c>poisson10d</c>.</summary>
[Plugin(PluginKind.Problem, "poisson10d", Description = "Δu = 0 on [0,1]¹⁰, u = u* = Σ x₂ₖ₋₁x₂ₖ on the boundary (option: dimension)")]
public sealed class Poisson10dProblemFactory : ProblemFactory<Poisson10dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Poisson10dOptions options, ProblemContext context) => new Poisson10dProblem(options);
}
