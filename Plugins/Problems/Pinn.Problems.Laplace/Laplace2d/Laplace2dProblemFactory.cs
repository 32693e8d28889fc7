using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Laplace.Laplace2d;

/// <summary>Exports <c>laplace2d</c>.</summary>
[Plugin(PluginKind.Problem, "laplace2d", Description = "ANaGRAM's 2d Laplace problem: Δu = −2π² sin(πx) sin(πy) on [0,1]², u = 0 on the boundary")]
public sealed class Laplace2dProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new Laplace2dProblem();
}
