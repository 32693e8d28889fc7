using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plugins;

/// <summary>The compatibility rules: older minors load and run, a newer minor or another major is refused by name.</summary>
public sealed class AbstractionsVersionTests
{
    [Fact]
    public void A_plugin_built_against_the_first_release_loads_and_trains_in_this_host()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.FirstReleasePlugin");
        catalog.Refusals.ShouldBeEmpty();
        var plugin = catalog.Find(PluginKind.Optimizer, "fixture-first-release").ShouldHaveSingleItem();
        AbstractionsCompatibility.ReferencedVersion(plugin.AssemblyPath).ShouldBe(new Version(1, 0, 0, 0));

        using var temp = new TemporaryDirectory();
        var plan = ManifestValidator.ValidateText("""
            { "name": "first-release", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "sampler": { "points": { "interior": 64, "boundary": 32 } },
              "optimizer": { "name": "fixture-first-release" }, "budget": { "steps": 15 }, "evaluation": { "every": 5, "points": 500 } }
            """, "first-release.json", catalog, temp.Combine("cache"));
        new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { }).Steps.ShouldBe(15);
        var losses = MetricsFile.Losses(temp.Combine("run"));
        losses[^1].ShouldBeLessThan(losses[0]);
    }

    [Fact]
    public void An_engine_built_before_embeddings_and_slopes_is_refused_for_them_by_name()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.FirstReleasePlugin");
        using var temp = new TemporaryDirectory();
        string Manifest(string model) => $$"""
            { "name": "old-engine", "problem": { "name": "heat1d" }, "model": { "hidden": [8]{{model}} },
              "engine": { "name": "fixture-first-release-engine" }, "optimizer": { "name": "adam" }, "budget": { "steps": 1 } }
            """;
        const string refusal = "cannot serve the network $.model describes (embedding, slopes): LayerWalkingEngine was written before input embeddings";
        foreach (var model in new[] { """, "embedding": { "periodic": [ { "axis": "x", "period": 2 } ] }""", """, "adaptiveActivation": {}""" })
            Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest(model), "old-engine.json", catalog, temp.Path))
                  .Message.ShouldContain($"$.engine.name: engine 'fixture-first-release-engine' {refusal}");
        // The plain network it serves (it is refused for heat1d's derivatives only).
        Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest(""), "old-engine.json", catalog, temp.Path))
              .Message.ShouldNotContain("embedding, slopes");
    }

    [Fact]
    public void A_plugin_built_against_a_newer_minor_is_refused_with_both_versions_and_the_rest_still_load()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.NextMinorPlugin", "Pinn.Fixtures.OutOfTreeOptimizer");
        var host = AbstractionsCompatibility.HostVersion;
        var next = $"{host.Major}.{host.Minor + 1}.0";
        var refusal = catalog.Refusals.ShouldHaveSingleItem();
        refusal.Path.ShouldBe(FixturePlugins.Folder("Pinn.Fixtures.NextMinorPlugin"));
        refusal.Reason.ShouldContain($"built against Pinn.Abstractions {next}, newer than this host's {host.ToString(3)}");
        catalog.Find(PluginKind.Optimizer, "fixture-descent").ShouldHaveSingleItem();
        catalog.Plugins.Count.ShouldBe(PluginCatalog.Load([RepositoryRoot.Plugins]).Plugins.Count + 1);
    }
}
