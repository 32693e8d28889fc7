using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace MyWeighting;

/// <summary>
/// Exports the scheme to the host under the manifest name <c>myweighting</c>:
/// <c>"weighting": { "name": "myweighting", "options": { "every": 10 } }</c>.
/// </summary>
[Plugin(PluginKind.Weighting, "myweighting", Description = "Inverse-loss balancing: every condition's weighted loss equals the mean loss")]
public sealed class InverseLossWeightingFactory : WeightingFactory<InverseLossOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(InverseLossOptions options, WeightingSetup setup) => new InverseLossWeighting(options);
}
