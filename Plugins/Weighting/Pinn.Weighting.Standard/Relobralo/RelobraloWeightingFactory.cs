using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace Pinn.Weighting.Standard.Relobralo;

/// <summary>Exports ReLoBRaLo.</summary>
[Plugin(PluginKind.Weighting, "relobralo", Description = "Relative loss balancing with random lookback (Bischof & Kraus 2021)")]
public sealed class RelobraloWeightingFactory : WeightingFactory<RelobraloOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(RelobraloOptions options, WeightingSetup setup) => new RelobraloWeighting(options, setup.Seed);
}
