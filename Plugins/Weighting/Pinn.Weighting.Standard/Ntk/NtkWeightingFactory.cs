using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Weighting;

namespace Pinn.Weighting.Standard.Ntk;

/// <summary>Exports NTK trace weights.</summary>
[Plugin(PluginKind.Weighting, "ntk", Description = "NTK weights (Wang, Yu & Perdikaris 2022): λ_c = Σ_j tr K_j / tr K_c, traces per point")]
public sealed class NtkWeightingFactory : WeightingFactory<NtkOptions>
{
    /// <inheritdoc />
    protected override ILossWeighting Create(NtkOptions options, WeightingSetup setup) => new NtkWeighting(options);
}
