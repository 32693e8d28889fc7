using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Heat.HeatNd;

/// <summary>Exports <c>heat-nd</c>.</summary>
[Plugin(PluginKind.Problem, "heat-nd", Description = "PINNacle HNd: heat in the 5-D unit ball × [0,1] with a Neumann condition on the sphere, closed form")]
public sealed class HeatNdProblemFactory : ProblemFactory<HeatNdOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(HeatNdOptions options, ProblemContext context) => new HeatNdProblem(options);
}
