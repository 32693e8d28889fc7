using System.Runtime.Loader;
using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plugins;

/// <summary>The host loads the real plugin folders, refuses an incompatible one, and uses one built out of tree.</summary>
public sealed class PluginLoadingTests
{
    [Fact]
    public void Built_plugin_folders_load_with_their_metadata_in_their_own_load_contexts()
    {
        var catalog = PluginCatalog.Load([RepositoryRoot.Plugins]);
        catalog.Refusals.ShouldBeEmpty();
        var names = catalog.Plugins.Select(p => $"{p.KindName}:{p.Name}").ToArray();
        names.ShouldBe(["problem:allen-cahn", "problem:burgers", "problem:burgers-self-similar", "problem:fokker-planck9d", "problem:heat1d", "problem:heat4d",
                        "problem:laplace2d", "problem:laplace5d", "problem:nonlinear-poisson", "problem:poisson2d", "problem:poisson5d", "problem:poisson10d",
                        "problem:poisson100d", "problem:heat2d-ms", "problem:heat-nd", "problem:heat-inverse", "problem:kovasznay", "problem:ns2d-c",
                        "problem:ns2d-cg", "problem:poisson2d-c", "problem:poisson2d-cg", "problem:poisson-inverse", "problem:wave1d-c", "engine:autodiff", "engine:forward-laplacian", "engine:n-tangentprop",
                        "sampler:halton", "sampler:lhs", "sampler:rad", "sampler:rar-d", "sampler:sobol", "sampler:uniform", "optimizer:adam", "optimizer:anagram", "optimizer:engd", "optimizer:engd-layerwise", "optimizer:hessian-free", "optimizer:kfac", "optimizer:kfac-star", "optimizer:lbfgs", "optimizer:levenberg-marquardt", "optimizer:sgd",
                        "weighting:causal", "weighting:fixed", "weighting:grad-norm", "weighting:ntk", "weighting:relobralo", "weighting:softadapt"], ignoreOrder: true);
        foreach (var p in catalog.Plugins)
        {
            p.Version.ShouldBe(p.Name switch
            {
                "anagram" or "engd" or "engd-layerwise" or "hessian-free" or "kfac" or "kfac-star" or "levenberg-marquardt" => new Version(0, 3, 1),
                "lbfgs" => new Version(0, 1, 1),
                "halton" or "lhs" or "rad" or "rar-d" or "sobol" or "uniform" => new Version(1, 2, 1),
                "adam" or "sgd" => new Version(1, 0, 1),
                "fixed" or "grad-norm" or "relobralo" or "softadapt" or "ntk" or "causal" => new Version(1, 0, 1),
                "heat1d" or "heat4d" or "heat2d-ms" or "heat-nd" or "heat-inverse" or "nonlinear-poisson" or "poisson2d" or "poisson5d" or "poisson10d" or "poisson100d"
                    or "poisson2d-c" or "poisson2d-cg" or "poisson-inverse" => new Version(1, 2, 0),
                "burgers" or "burgers-self-similar" => new Version(1, 1, 1),
                _ => new Version(1, 0, 0),
            });
            p.Description.ShouldNotBeNullOrWhiteSpace();
            Directory.Exists(p.Path).ShouldBeTrue();
            // Contract types are the host's: the factory is an IPluginFactory of this very assembly.
            (p.Factory is IPluginFactory).ShouldBeTrue();
        }
    }

    [Fact]
    public void Plugin_built_against_another_major_version_is_refused_and_the_rest_still_load()
    {
        using var temp = new TemporaryDirectory();
        temp.CopyFolder(Path.Combine(RepositoryRoot.TestPlugins, "Pinn.Fixtures.FuturePlugin"), "Pinn.Fixtures.FuturePlugin");
        var catalog = PluginCatalog.Load([RepositoryRoot.Plugins, temp.Path]);
        var refusal = catalog.Refusals.ShouldHaveSingleItem();
        var host = AbstractionsCompatibility.HostVersion;
        host.Major.ShouldBe(1);
        refusal.Reason.ShouldContain($"built against Pinn.Abstractions 2.0.0, but this host has Pinn.Abstractions {host.ToString(3)} (major versions differ)");
        catalog.Plugins.Count.ShouldBe(PluginCatalog.Load([RepositoryRoot.Plugins]).Plugins.Count);
    }

    [Fact]
    public void Plugin_compiled_out_of_tree_is_discovered_through_PINN_PLUGIN_PATH_and_trains()
    {
        using var temp = new TemporaryDirectory();
        temp.CopyFolder(Path.Combine(RepositoryRoot.TestPlugins, "Pinn.Fixtures.OutOfTreeOptimizer"), Path.Combine("third-party", "Pinn.Fixtures.OutOfTreeOptimizer"));
        var previous = Environment.GetEnvironmentVariable(PluginDirectories.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PluginDirectories.EnvironmentVariable, temp.Combine("third-party"));
        IReadOnlyList<string> roots;
        try
        {
            roots = PluginDirectories.Default(temp.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginDirectories.EnvironmentVariable, previous);
        }
        var catalog = PluginCatalog.Load(roots);
        var descriptor = catalog.Find(PluginKind.Optimizer, "fixture-descent").ShouldHaveSingleItem();
        descriptor.Version.ShouldBe(new Version(0, 3, 0));
        AssemblyLoadContext.GetLoadContext(descriptor.Factory.GetType().Assembly).ShouldNotBe(AssemblyLoadContext.Default);

        var manifest = """
            { "name": "out-of-tree", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "sampler": { "points": { "interior": 64, "boundary": 32 } },
              "optimizer": { "name": "fixture-descent", "options": { "step": 0.002 } }, "budget": { "steps": 40 },
              "evaluation": { "every": 20, "points": 500 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "out-of-tree.json", catalog, temp.Combine("cache"));
        var summary = new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });
        summary.Steps.ShouldBe(40);
        var losses = File.ReadAllLines(temp.Combine("run", "metrics.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[4])).ToArray();
        losses[^1].ShouldBeLessThan(losses[0]);
    }
}
