using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.FokkerPlanck.LogFokkerPlanck;

/// <summary>Exports <c>fokker-planck9d</c>.</summary>
[Plugin(PluginKind.Problem, "fokker-planck9d", Description = "log Fokker–Planck: ∂t q − d/2 − ½∇q·x − ‖∇q‖² − Δq = 0 on [0,1] × [−5,5]⁹, q(0) = log N(0, I) (options: dimension, halfWidth)")]
public sealed class LogFokkerPlanckProblemFactory : ProblemFactory<LogFokkerPlanckOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(LogFokkerPlanckOptions options, ProblemContext context) => new LogFokkerPlanckProblem(options);
}
