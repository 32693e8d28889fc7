using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Laplace.Laplace5d;

/// <summary>Exports <c>laplace5d</c>.</summary>
[Plugin(PluginKind.Problem, "laplace5d", Description = "ANaGRAM's 5d Laplace problem: Δu = −π² Σ sin(πxᵢ) on [0,1]⁵, u = u* = Σ sin(πxᵢ) on the boundary")]
public sealed class Laplace5dProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new Laplace5dProblem();
}
