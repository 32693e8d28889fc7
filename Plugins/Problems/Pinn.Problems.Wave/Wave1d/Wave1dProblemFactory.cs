using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Wave.Wave1d;

/// <summary>Exports <c>wave1d-c</c>.</summary>
[Plugin(PluginKind.Problem, "wave1d-c", Description = "PINNacle Wave1d-C: ∂tt u = 4∂xx u on [0,1]², two standing modes, closed form")]
public sealed class Wave1dProblemFactory : ProblemFactory<Wave1dOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Wave1dOptions options, ProblemContext context) => new Wave1dProblem(options);
}
