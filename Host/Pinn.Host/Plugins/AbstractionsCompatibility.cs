using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Pinn.Abstractions.Plugins;

namespace Pinn.Host.Plugins;

/// <summary>
/// Reads which Pinn.Abstractions a plugin assembly was compiled against, from its metadata and without
/// loading it, so that an incompatible plugin is refused before any of its code runs. The rules (docs/first-optimizer-plugin.md):
/// the same major version and a minor version no newer than the host's; every 1.x keeps what 1.0 offered (the build's
/// package validation enforces it), so plugins built against older minors load.
/// </summary>
internal static class AbstractionsCompatibility
{
    /// <summary>The contract version this host carries.</summary>
    public static Version HostVersion { get; } = typeof(IPluginFactory).Assembly.GetName().Version!;

    /// <summary>The version of Pinn.Abstractions the assembly references, or null when it references none.</summary>
    public static Version? ReferencedVersion(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return null;
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (reader.GetString(reference.Name) == typeof(IPluginFactory).Assembly.GetName().Name) return reference.Version;
        }
        return null;
    }

    /// <summary>Why the assembly cannot be loaded by this host, or null when it can.</summary>
    public static string? Incompatibility(string assemblyPath)
    {
        Version? version;
        try
        {
            version = ReferencedVersion(assemblyPath);
        }
        catch (BadImageFormatException)
        {
            return "not a .NET assembly";
        }
        if (version is null) return "does not reference Pinn.Abstractions, so it exports no plugin";
        if (version.Major != HostVersion.Major)
            return $"built against Pinn.Abstractions {Format(version)}, but this host has Pinn.Abstractions {Format(HostVersion)} (major versions differ)";
        if (version.Minor > HostVersion.Minor)
            return $"built against Pinn.Abstractions {Format(version)}, newer than this host's {Format(HostVersion)}: it may use members this host "
                   + $"lacks (update the host, or build the plugin against Pinn.Abstractions {HostVersion.Major}.{HostVersion.Minor} or older)";
        return null;
    }

    private static string Format(Version v) => $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
}
