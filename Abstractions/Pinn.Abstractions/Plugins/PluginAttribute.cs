using System.Composition;

namespace Pinn.Abstractions.Plugins;

/// <summary>
/// Exports a plugin factory to the host with its metadata. Put it on the one public factory class
/// of a plugin; the version is the plugin assembly's version.
/// </summary>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PluginAttribute : ExportAttribute
{
    /// <param name="kind">What the factory makes.</param>
    /// <param name="name">The name manifests use, lower-case with dashes (e.g. <c>adam</c>).</param>
    public PluginAttribute(PluginKind kind, string name) : base(typeof(IPluginFactory))
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>What the factory makes.</summary>
    public PluginKind Kind { get; }

    /// <summary>The name manifests use.</summary>
    public string Name { get; }

    /// <summary>One line for <c>pinn plugins</c>.</summary>
    public string Description { get; set; } = "";
}
