using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.NavierStokes.Kovasznay;

/// <summary>Exports <c>kovasznay</c>.</summary>
[Plugin(PluginKind.Problem, "kovasznay", Description = "steady Navier–Stokes, Kovasznay's closed-form flow at Re 20 on [−0.5,1]×[−0.5,1.5]; outputs u, v, p")]
public sealed class KovasznayProblemFactory : ProblemFactory<KovasznayOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(KovasznayOptions options, ProblemContext context) => new KovasznayProblem(options);
}
