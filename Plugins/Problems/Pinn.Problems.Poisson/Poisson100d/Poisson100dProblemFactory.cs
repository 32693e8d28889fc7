using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Poisson.Poisson100d;

/// <summary>Exports <c>poisson100d</c>.</summary>
[Plugin(PluginKind.Problem, "poisson100d", Description = "−Δu = −200 on [0,1]¹⁰⁰, u = u* = ‖x‖² on the boundary (option: dimension)")]
public sealed class Poisson100dProblemFactory : ProblemFactory<Poisson100dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Poisson100dOptions options, ProblemContext context) => new Poisson100dProblem(options);
}
