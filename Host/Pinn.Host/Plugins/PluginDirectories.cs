using System.Reflection;

namespace Pinn.Host.Plugins;

/// <summary>Where the host looks for plugins, in order.</summary>
internal static class PluginDirectories
{
    /// <summary>The environment variable with extra plugin roots, separated by the path separator.</summary>
    public const string EnvironmentVariable = "PINN_PLUGIN_PATH";

    /// <summary>The build's own plugin folder (<c>artifacts/plugins</c>): the built-in plugins.</summary>
    public static string? BuiltIn { get; } = typeof(PluginDirectories).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "PinnBuildPluginDirectory")?.Value is { Length: > 0 } built ? built : null;

    /// <summary>
    /// The build's <c>artifacts/plugins</c>, <c>plugins/</c> in the working directory, and every folder of
    /// <c>PINN_PLUGIN_PATH</c>; only those that exist, each once.
    /// </summary>
    public static IReadOnlyList<string> Default(string workingDirectory) => Default(workingDirectory, out _);

    /// <summary>As <see cref="Default(string)"/>, with a warning for each <c>PINN_PLUGIN_PATH</c> entry that is not a folder.</summary>
    public static IReadOnlyList<string> Default(string workingDirectory, out IReadOnlyList<string> warnings)
    {
        var roots = new List<string>();
        if (BuiltIn is { } built) roots.Add(built);
        roots.Add(Path.Combine(workingDirectory, "plugins"));
        var problems = new List<string>();
        var extra = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(extra))
            foreach (var entry in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var full = Path.GetFullPath(entry, workingDirectory);
                if (File.Exists(full)) problems.Add($"warning: {EnvironmentVariable} names {entry}, which is a file; name the folder that holds plugin folders (or a plugin's own folder)");
                else if (!Directory.Exists(full)) problems.Add($"warning: {EnvironmentVariable} names {entry}, which does not exist; no plugins are loaded from it");
                roots.Add(full);
            }
        warnings = problems;
        return roots.Select(r => Path.GetFullPath(r, workingDirectory)).Where(Directory.Exists).Distinct().ToArray();
    }
}
