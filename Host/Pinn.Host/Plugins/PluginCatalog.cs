using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using McMaster.NETCore.Plugins;
using Pinn.Abstractions.Plugins;
using TorchSharp;

namespace Pinn.Host.Plugins;

/// <summary>
/// Finds plugin folders, loads each in its own load context (sharing Pinn.Abstractions, TorchSharp and
/// System.Composition with the host, so contract types are one type on both sides) and composes their
/// exported factories with System.Composition. A folder that fails is refused with a reason; the rest load.
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

    private void LoadAll()
    {
        var plugins = new List<PluginDescriptor>();
        var refusals = new List<PluginRefusal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Roots.SelectMany(PluginFolders))
        {
            var assemblyPath = MainAssembly(folder);
            if (assemblyPath is null || !seen.Add(Path.GetFullPath(assemblyPath))) continue;
            if (AbstractionsCompatibility.Incompatibility(assemblyPath) is { } why)
            {
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: {why}"));
                continue;
            }
            try
            {
                plugins.AddRange(Compose(folder, assemblyPath));
            }
            catch (Exception e) when (e is ReflectionTypeLoadException or FileLoadException or FileNotFoundException
                                          or BadImageFormatException or CompositionFailedException or InvalidOperationException
                                          or TypeLoadException or MissingMethodException)
            {
                refusals.Add(new PluginRefusal(folder, $"{Path.GetFileName(assemblyPath)}: could not be loaded: {e.Message}"));
            }
        }
        Plugins = plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ThenByDescending(p => p.Version).ToArray();
        Refusals = refusals;
    }

    private IEnumerable<PluginDescriptor> Compose(string folder, string assemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config =>
        {
            config.PreferSharedTypes = true;
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
            var factory = export.Value;
            if (factory.Kind != export.Metadata.Kind)
                throw new InvalidOperationException($"'{export.Metadata.Name}' is exported as {export.Metadata.Kind} but its factory makes {factory.Kind}");
            result.Add(new PluginDescriptor(export.Metadata.Kind, export.Metadata.Name, version, export.Metadata.Description,
                                            folder, assemblyPath, factory));
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
