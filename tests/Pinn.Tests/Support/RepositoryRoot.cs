namespace Pinn.Tests.Support;

/// <summary>Finds the checkout the tests run from, and its build outputs.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Plugins => System.IO.Path.Combine(Path, "artifacts", "plugins");

    public static string TestPlugins => System.IO.Path.Combine(Path, "artifacts", "test-plugins");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pinn.Plugins.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pinn.Plugins.sln not found above " + AppContext.BaseDirectory);
    }
}
