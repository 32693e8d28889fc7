using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;

namespace MySampler;

/// <summary>
/// Exports the sampler to the host under the manifest name <c>mysampler</c>:
/// <c>"sampler": { "name": "mysampler", "points": { … }, "options": { "antithetic": true } }</c>.
/// </summary>
[Plugin(PluginKind.Sampler, "mysampler", Description = "Uniform random points, optionally in antithetic pairs")]
public sealed class UniformSamplerFactory : SamplerFactory<UniformSamplerOptions>
{
    /// <inheritdoc />
    protected override IPointSampler Create(UniformSamplerOptions options, SamplerContext context)
        => new UniformSampler(options.Antithetic, context);
}
