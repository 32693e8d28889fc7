using System.Text.Json;

namespace Pinn.Abstractions.Plugins;

/// <summary>
/// Base of the typed factories: reads <typeparamref name="TOptions"/> from the manifest with
/// <see cref="OptionsBinder"/>. Derive from the kind's base (<c>OptimizerFactory&lt;TOptions&gt;</c>, …).
/// </summary>
public abstract class PluginFactory<TOptions> : IPluginFactory where TOptions : class
{
    /// <inheritdoc />
    public abstract PluginKind Kind { get; }

    /// <inheritdoc />
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public OptionsResult ParseOptions(JsonElement? options) => OptionsBinder.Bind(typeof(TOptions), options);

    /// <summary>The options object handed back by the host, checked for its type.</summary>
    protected static TOptions Cast(object options) => options as TOptions
        ?? throw new ArgumentException($"expected options of type {typeof(TOptions).Name}, got {options?.GetType().Name ?? "null"}");
}

/// <summary>Options of a plugin that takes none.</summary>
public sealed record NoOptions;
