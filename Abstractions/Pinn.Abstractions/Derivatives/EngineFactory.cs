using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Tensors;

namespace Pinn.Abstractions.Derivatives;

/// <summary>What a derivative engine is built with.</summary>
/// <param name="Spec">dtype and device of the run.</param>
public sealed record EngineContext(TensorSpec Spec);

/// <summary>An exported factory of derivative engines.</summary>
public interface IEngineFactory : IPluginFactory
{
    /// <summary>A new engine with options from <see cref="IPluginFactory.ParseOptions"/>.</summary>
    IDerivativeEngine Create(object options, EngineContext context);
}

/// <summary>Base of engine factories with typed options.</summary>
public abstract class EngineFactory<TOptions> : PluginFactory<TOptions>, IEngineFactory where TOptions : class
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Engine;

    /// <inheritdoc />
    public IDerivativeEngine Create(object options, EngineContext context) => Create(Cast(options), context);

    /// <summary>A new engine.</summary>
    protected abstract IDerivativeEngine Create(TOptions options, EngineContext context);
}
