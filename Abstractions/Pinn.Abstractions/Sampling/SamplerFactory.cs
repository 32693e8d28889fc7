using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Tensors;

namespace Pinn.Abstractions.Sampling;

/// <summary>What a sampler is built with.</summary>
/// <param name="Spec">dtype and device of the run.</param>
public sealed record SamplerContext(TensorSpec Spec);

/// <summary>An exported factory of samplers.</summary>
public interface ISamplerFactory : IPluginFactory
{
    /// <summary>A new sampler with options from <see cref="IPluginFactory.ParseOptions"/>.</summary>
    IPointSampler Create(object options, SamplerContext context);
}

/// <summary>Base of sampler factories with typed options.</summary>
public abstract class SamplerFactory<TOptions> : PluginFactory<TOptions>, ISamplerFactory where TOptions : class
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Sampler;

    /// <inheritdoc />
    public IPointSampler Create(object options, SamplerContext context) => Create(Cast(options), context);

    /// <summary>A new sampler.</summary>
    protected abstract IPointSampler Create(TOptions options, SamplerContext context);
}
