using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.Sobol;

/// <summary>Exports the Sobol' sampler.</summary>
[Plugin(PluginKind.Sampler, "sobol", Description = "Sobol' points with Joe–Kuo direction numbers (up to 21201 dimensions), by default with a random linear matrix scramble and digital shift")]
public sealed class SobolSamplerFactory : SamplerFactory<SobolOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(SobolOptions options, SamplerContext context) => new SobolSampler(options, context.Spec);
}
