using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace MyProblem;

/// <summary>
/// Exports the problem to the host under the manifest name <c>myproblem</c>:
/// <c>"problem": { "name": "myproblem", "options": { "frequency": 1 } }</c>.
/// </summary>
[Plugin(PluginKind.Problem, "myproblem", Description = "−Δu = f on the unit square, u = 0 on its boundary, u* = sin(kπx) sin(kπy)")]
public sealed class PoissonProblemFactory : ProblemFactory<PoissonOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(PoissonOptions options, ProblemContext context) => new PoissonProblem(options.Frequency);
}
