using System.Reflection;

namespace Pinn.Host.Plugins;

/// <summary>Where the host looks for plugins, in order.</summary>
internal static class PluginDirectories
{
    /// <summary>The environment variable with extra plugin roots, separated by the path separator.</summary>
    public const string EnvironmentVariable = "PINN_PLUGIN_PATH";

    /// <summary>
    /// The build's <c>artifacts/plugins</c>, <c>plugins/</c> in the working directory, and every folder of
    /// <c>PINN_PLUGIN_PATH</c>; only those that exist, each once.
    /// </summary>
    public static IReadOnlyList<string> Default(string workingDirectory)
    {
        var roots = new List<string>();
        var built = typeof(PluginDirectories).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PinnBuildPluginDirectory")?.Value;
        if (!string.IsNullOrEmpty(built)) roots.Add(built);
        roots.Add(Path.Combine(workingDirectory, "plugins"));
        var extra = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(extra))
            roots.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return roots.Select(Path.GetFullPath).Where(Directory.Exists).Distinct().ToArray();
    }
}
