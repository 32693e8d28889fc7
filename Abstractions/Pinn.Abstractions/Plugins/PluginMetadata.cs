namespace Pinn.Abstractions.Plugins;

/// <summary>
/// The metadata view of an exported factory (System.Composition needs a concrete class with a
/// dictionary constructor).
/// </summary>
public sealed class PluginMetadata
{
    /// <summary>Reads the metadata written by <see cref="PluginAttribute"/>.</summary>
    public PluginMetadata(IDictionary<string, object> metadata)
    {
        Kind = metadata.TryGetValue(nameof(PluginAttribute.Kind), out var kind) && kind is PluginKind k ? k
            : throw new InvalidOperationException("plugin export without a Kind");
        Name = metadata.TryGetValue(nameof(PluginAttribute.Name), out var name) && name is string n ? n
            : throw new InvalidOperationException("plugin export without a Name");
        Description = metadata.TryGetValue(nameof(PluginAttribute.Description), out var d) && d is string s ? s : "";
    }

    /// <summary>What the factory makes.</summary>
    public PluginKind Kind { get; }

    /// <summary>The name manifests use.</summary>
    public string Name { get; }

    /// <summary>One line of description.</summary>
    public string Description { get; }
}
