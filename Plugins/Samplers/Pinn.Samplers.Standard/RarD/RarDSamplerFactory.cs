using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.RarD;

/// <summary>Exports the residual-based adaptive refinement with distribution sampler.</summary>
[Plugin(PluginKind.Sampler, "rar-d", Description = "RAR-D: every resampling adds m points drawn with probability ∝ |ε|^k/E[|ε|^k] + c among base-sampler candidates")]
public sealed class RarDSamplerFactory : SamplerFactory<RarDOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(RarDOptions options, SamplerContext context) => new RarDSampler(options, context.Spec);
}
