using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.LatinHypercube;

/// <summary>Exports the Latin hypercube sampler.</summary>
[Plugin(PluginKind.Sampler, "lhs", Description = "Latin hypercube: one point per stratum along every axis")]
public sealed class LatinHypercubeSamplerFactory : SamplerFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(NoOptions options, SamplerContext context) => new LatinHypercubeSampler(context.Spec);
}
