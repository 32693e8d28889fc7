using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.Halton;

/// <summary>Exports the scrambled Halton sampler.</summary>
[Plugin(PluginKind.Sampler, "halton", Description = "Scrambled Halton: radical inverses in prime bases with random digit permutations")]
public sealed class HaltonSamplerFactory : SamplerFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(NoOptions options, SamplerContext context) => new HaltonSampler(context.Spec);
}
