using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.NavierStokes.LidDrivenCavity;

/// <summary>Exports <c>ns2d-c</c>.</summary>
[Plugin(PluginKind.Problem, "ns2d-c", Description = "PINNacle NS2d-C: lid-driven cavity, steady Navier–Stokes at Re 100, lid u = 4x(1−x), p pinned at (0,0); PINNacle's reference data; outputs u, v, p")]
public sealed class LidDrivenCavityProblemFactory : ProblemFactory<LidDrivenCavityOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(LidDrivenCavityOptions options, ProblemContext context) => new LidDrivenCavityProblem(options);
}
