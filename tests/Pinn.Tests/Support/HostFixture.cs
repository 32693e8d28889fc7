using Pinn.Host.Plugins;

namespace Pinn.Tests.Support;

/// <summary>The catalog of the real built plugin folders, loaded once per test class that asks for it.</summary>
public sealed class HostFixture
{
    internal PluginCatalog Catalog { get; } = PluginCatalog.Load([RepositoryRoot.Plugins]);
}
