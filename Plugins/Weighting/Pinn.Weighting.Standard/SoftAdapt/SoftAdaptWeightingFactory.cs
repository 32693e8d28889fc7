using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace Pinn.Weighting.Standard.SoftAdapt;

/// <summary>Exports SoftAdapt.</summary>
[Plugin(PluginKind.Weighting, "softadapt", Description = "SoftAdapt (Heydari et al. 2019): softmax of the losses' rates of change")]
public sealed class SoftAdaptWeightingFactory : WeightingFactory<SoftAdaptOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(SoftAdaptOptions options, WeightingSetup setup) => new SoftAdaptWeighting(options);
}
