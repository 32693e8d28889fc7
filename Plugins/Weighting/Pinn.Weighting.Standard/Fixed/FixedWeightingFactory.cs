using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace Pinn.Weighting.Standard.Fixed;

/// <summary>Exports the fixed weighting (what a manifest without <c>weighting</c> gets).</summary>
[Plugin(PluginKind.Weighting, "fixed", Description = "The manifest's condition weights, never changed (the default)")]
public sealed class FixedWeightingFactory : WeightingFactory<NoOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(NoOptions options, WeightingSetup setup) => new FixedWeighting();
}
