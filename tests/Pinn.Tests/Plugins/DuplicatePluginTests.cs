using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plugins;

/// <summary>The same plugin name and version in two folders is never used silently.</summary>
public sealed class DuplicatePluginTests
{
    [Fact]
    public void Two_copies_of_one_version_are_a_warning_in_the_list_and_a_note_in_the_run_naming_the_copy_used()
    {
        using var temp = new TemporaryDirectory();
        var fixture = Path.Combine(RepositoryRoot.TestPlugins, "Pinn.Fixtures.OutOfTreeOptimizer");
        temp.CopyFolder(fixture, Path.Combine("lab", "Pinn.Fixtures.OutOfTreeOptimizer"));
        temp.CopyFolder(fixture, Path.Combine("shared", "Pinn.Fixtures.OutOfTreeOptimizer"));
        var first = temp.Combine("lab", "Pinn.Fixtures.OutOfTreeOptimizer");
        var second = temp.Combine("shared", "Pinn.Fixtures.OutOfTreeOptimizer");

        var catalog = PluginCatalog.Load([RepositoryRoot.Plugins, temp.Combine("lab"), temp.Combine("shared")]);
        catalog.Find(PluginKind.Optimizer, "fixture-descent").Select(p => p.Path).ShouldBe([first, second]);
        var plan = ManifestValidator.ValidateText("""
            { "name": "twins", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "optimizer": { "name": "fixture-descent" }, "budget": { "steps": 1 } }
            """, "twins.json", catalog, temp.Combine("cache"));
        plan.Stages.Single().Optimizer.Descriptor.Path.ShouldBe(first);
        plan.Notes.ShouldContain(n => n.Contains("optimizer 'fixture-descent' 0.3.0 is in 2 folders; using " + first) && n.Contains("not " + second));

        var environment = new Dictionary<string, string> { [PluginDirectories.EnvironmentVariable] = temp.Combine("lab") + ":" + temp.Combine("shared") };
        var (code, _, error) = HostProcess.Run(temp.Path, environment, TimeSpan.FromMinutes(1), "plugins");
        code.ShouldBe(0, error);
        error.ShouldContain($"warning: optimizer 'fixture-descent' 0.3.0 is in 2 folders: {first}, {second}; manifests get the one in {first}");
    }
}
