using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;
using Pinn.Weighting.Standard.Schedule;

namespace Pinn.Weighting.Standard.GradNorm;

/// <summary>Exports learning-rate annealing by gradient statistics.</summary>
[Plugin(PluginKind.Weighting, "grad-norm", Description = "Learning-rate annealing (Wang, Teng & Perdikaris 2021): λ from max|∇L_r| / mean|∇L_c|, moving average")]
public sealed class GradNormWeightingFactory : WeightingFactory<GradNormOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(GradNormOptions options, WeightingSetup setup)
        => new GradNormWeighting(options, ConditionChoice.Of(setup.Problem, options.Anchor, "anchor"));
}
