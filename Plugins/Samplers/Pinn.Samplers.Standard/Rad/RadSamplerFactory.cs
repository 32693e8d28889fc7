using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.Rad;

/// <summary>Exports the residual-based adaptive distribution sampler.</summary>
[Plugin(PluginKind.Sampler, "rad", Description = "RAD: every resampling redraws all points with probability ∝ |ε|^k/E[|ε|^k] + c among base-sampler candidates")]
public sealed class RadSamplerFactory : SamplerFactory<RadOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(RadOptions options, SamplerContext context) => new RadSampler(options, context.Spec);
}
