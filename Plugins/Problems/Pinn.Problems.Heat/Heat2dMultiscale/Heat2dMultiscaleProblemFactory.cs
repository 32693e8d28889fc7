using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Heat.Heat2dMultiscale;

/// <summary>Exports <c>heat2d-ms</c>.</summary>
[Plugin(PluginKind.Problem, "heat2d-ms", Description = "PINNacle Heat2d-MS: multiscale heat ∂t u = ε₁∂xx u + ε₂∂yy u on [0,1]²×[0,5], closed form")]
public sealed class Heat2dMultiscaleProblemFactory : ProblemFactory<Heat2dMultiscaleOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(Heat2dMultiscaleOptions options, ProblemContext context) => new Heat2dMultiscaleProblem(options);
}
