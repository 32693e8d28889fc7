using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.Poisson5d;

/// <summary>Exports <c>poisson5d</c>.</summary>
[Plugin(PluginKind.Problem, "poisson5d", Description = "−Δu = π² Σ cos(πxᵢ) on [0,1]⁵, u = u* = Σ cos(πxᵢ) on the boundary (option: dimension)")]
public sealed class Poisson5dProblemFactory : ProblemFactory<Poisson5dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Poisson5dOptions options, ProblemContext context) => new Poisson5dProblem(options);
}
