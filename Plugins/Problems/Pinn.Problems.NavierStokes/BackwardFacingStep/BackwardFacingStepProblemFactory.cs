using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.NavierStokes.BackwardFacingStep;

/// <summary>Exports <c>ns2d-cg</c>.</summary>
[Plugin(PluginKind.Problem, "ns2d-cg", Description = "PINNacle NS2d-CG: backward-facing step, steady Navier–Stokes at Re 100 in an L-shaped channel; PINNacle's reference data; outputs u, v, p")]
public sealed class BackwardFacingStepProblemFactory : ProblemFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(NoOptions options, ProblemContext context) => new BackwardFacingStepProblem();
}
