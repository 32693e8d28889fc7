using Pinn.Abstractions.Plugins;

namespace Pinn.Host.Plugins;

/// <summary>A discovered, loaded plugin factory.</summary>
/// <param name="Kind">What it makes.</param>
/// <param name="Name">Its manifest name.</param>
/// <param name="Version">Its assembly's version.</param>
/// <param name="Description">One line.</param>
/// <param name="Path">The plugin's folder.</param>
/// <param name="AssemblyPath">The plugin's main assembly.</param>
/// <param name="Factory">The factory.</param>
/// <param name="BuiltIn">Whether it comes from this build's own plugin folder (a built-in wins a name clash unless a
/// manifest asks for another version or folder).</param>
internal sealed record PluginDescriptor(PluginKind Kind, string Name, Version Version, string Description, string Path,
                                       string AssemblyPath, IPluginFactory Factory, bool BuiltIn = false)
{
    /// <summary>The manifest's spelling of the kind.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}

/// <summary>A plugin folder that was found but not loaded, and why.</summary>
internal sealed record PluginRefusal(string Path, string Reason);
