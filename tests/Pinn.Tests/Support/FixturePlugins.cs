using Pinn.Host.Plugins;

namespace Pinn.Tests.Support;

/// <summary>The test fixture plugins beside the built-in ones (artifacts/test-plugins/&lt;project&gt;).</summary>
internal static class FixturePlugins
{
    public static string Folder(string project) => Path.Combine(RepositoryRoot.TestPlugins, project);

    /// <summary>The built-in plugins and the named fixture folders.</summary>
    public static PluginCatalog Catalog(params string[] projects) => PluginCatalog.Load([RepositoryRoot.Plugins, .. projects.Select(Folder)]);
}
