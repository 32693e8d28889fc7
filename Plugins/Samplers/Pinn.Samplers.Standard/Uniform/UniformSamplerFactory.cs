using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace Pinn.Samplers.Standard.Uniform;

/// <summary>Exports the uniform sampler.</summary>
[Plugin(PluginKind.Sampler, "uniform", Description = "Independent uniform random points")]
public sealed class UniformSamplerFactory : SamplerFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(NoOptions options, SamplerContext context) => new UniformSampler(context.Spec);
}
