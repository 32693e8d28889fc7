using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using McMaster.NETCore.Plugins;
using Pinn.Abstractions.Plugins;
using TorchSharp;

namespace Pinn.Host.Plugins;

/// <summary>
/// Finds plugin folders, loads each in its own load context (sharing Pinn.Abstractions, TorchSharp and
/// System.Composition with the host, so contract types are one type on both sides; any other library a plugin carries
/// is its own) and composes their exported factories with System.Composition. A folder that fails is refused with a
/// reason; the rest load.
/// </summary>
internal sealed class PluginCatalog
{
    private static readonly Type[] SharedTypes = [typeof(IPluginFactory), typeof(torch), typeof(ExportAttribute), typeof(CompositionHost)];
    private readonly List<PluginLoader> _loaders = [];

    private PluginCatalog(IReadOnlyList<string> roots) => Roots = roots;

    /// <summary>The roots searched.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Every factory loaded, sorted by kind, name and version.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins { get; private set; } = [];

    /// <summary>Folders found but not loaded.</summary>
    public IReadOnlyList<PluginRefusal> Refusals { get; private set; } = [];

    /// <summary>Loads every plugin below <paramref name="roots"/>.</summary>
    public static PluginCatalog Load(IReadOnlyList<string> roots)
    {
        var catalog = new PluginCatalog(roots);
        catalog.LoadAll();
        return catalog;
    }

    /// <summary>The plugins of a kind with a name, newest first.</summary>
    public IReadOnlyList<PluginDescriptor> Find(PluginKind kind, string name)
        => Plugins.Where(p => p.Kind == kind && p.Name == name).OrderByDescending(p => p.Version).ToArray();

    /// <summary>The names available for a kind.</summary>
    public IReadOnlyList<string> Names(PluginKind kind) => Plugins.Where(p => p.Kind == kind).Select(p => p.Name).Distinct().Order().ToArray();

    /// <summary>Names the manifest can use: a letter or digit, then letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidName(string name)
        => name.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Names offered by more than one folder, each with its providers (built-ins first, then newest first).</summary>
    public IReadOnlyList<IReadOnlyList<PluginDescriptor>> Clashes()
        => Plugins.GroupBy(p => (p.Kind, p.Name)).Where(g => g.Select(p => p.Path).Distinct().Count() > 1)
                  .Select(g => (IReadOnlyList<PluginDescriptor>)g.OrderByDescending(p => p.BuiltIn).ThenByDescending(p => p.Version).ToArray()).ToArray();

    private void LoadAll()
    {
        var plugins = new List<PluginDescriptor>();
        var refusals = new List<PluginRefusal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builtIn = PluginDirectories.BuiltIn is { } b ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)) : null;
        foreach (var root in Roots)
        foreach (var folder in PluginFolders(root))
        {
            var assemblyPath = MainAssembly(folder);
            if (assemblyPath is null || !seen.Add(Path.GetFullPath(assemblyPath))) continue;
            if (AbstractionsCompatibility.Incompatibility(assemblyPath) is { } why)
            {
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: {why}"));
                continue;
            }
            var isBuiltIn = builtIn is not null && Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) == builtIn;
            try
            {
                plugins.AddRange(Compose(folder, assemblyPath, isBuiltIn, refusals));
            }
            catch (Exception e)
            {
                // Whatever a plugin's assembly does while it loads or composes, only that folder is refused.
                var cause = e is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : e;
                while (cause is TargetInvocationException { InnerException: { } inner }) cause = inner;
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: could not be loaded: {PluginError.Describe(cause)}"));
            }
        }
        Plugins = plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ThenByDescending(p => p.Version).ToArray();
        Refusals = refusals;
    }

    private IEnumerable<PluginDescriptor> Compose(string folder, string assemblyPath, bool builtIn, List<PluginRefusal> refusals)
    {
        // Only the contract assemblies (and what they reference) come from the host; every other assembly a plugin
        // carries is its own, so two plugins (or a plugin and the host) can use different versions of a library.
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config =>
        {
            config.PreferSharedTypes = false;
        });
        _loaders.Add(loader);
        var assembly = loader.LoadDefaultAssembly();
        var v = assembly.GetName().Version ?? new Version(0, 0, 0);
        var version = new Version(v.Major, v.Minor, Math.Max(v.Build, 0));
        using var container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
        var exports = container.GetExports<Lazy<IPluginFactory, PluginMetadata>>();
        var result = new List<PluginDescriptor>();
        foreach (var export in exports)
        {
            var name = export.Metadata.Name;
            if (!IsValidName(name))
            {
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: the name \"{name}\" is not allowed (a letter or digit, then letters, digits, '-', '_' or '.')"));
                continue;
            }
            IPluginFactory factory;
            try
            {
                factory = export.Value;
            }
            catch (Exception e)
            {
                // One factory whose constructor throws is refused; the folder's other exports and every other folder still load.
                var cause = e;
                while (cause.InnerException is { } inner && cause is TargetInvocationException or CompositionFailedException) cause = inner;
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: {export.Metadata.Kind.ToString().ToLowerInvariant()} '{name}' could not be created: "
                                                       + $"{PluginError.Describe(cause)}"));
                continue;
            }
            if (factory is null || factory.Kind != export.Metadata.Kind)
            {
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: '{name}' is exported as {export.Metadata.Kind} but its factory makes {factory?.Kind.ToString() ?? "nothing"}"));
                continue;
            }
            result.Add(new PluginDescriptor(export.Metadata.Kind, name, version, export.Metadata.Description, folder, assemblyPath, factory, builtIn));
        }
        return result;
    }

    /// <summary>A root that is itself a plugin folder, or its immediate sub-folders.</summary>
    private static IEnumerable<string> PluginFolders(string root)
    {
        if (MainAssembly(root) is not null) return [root];
        return Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal);
    }

    /// <summary>The folder's plugin assembly: the one named after the folder, else the one with a deps.json.</summary>
    private static string? MainAssembly(string folder)
    {
        var named = Path.Combine(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) + ".dll");
        if (File.Exists(named)) return named;
        var deps = Directory.EnumerateFiles(folder, "*.deps.json").Order(StringComparer.Ordinal).FirstOrDefault();
        if (deps is null) return null;
        var candidate = Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }
}
