using System.Runtime.Loader;
using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plugins;

/// <summary>A plugin's own dependencies are its own, whatever versions the host and the other plugins carry.</summary>
public sealed class PrivateDependencyTests
{
    [Fact]
    public void A_plugin_runs_with_its_own_library_versions_beside_a_plugin_and_a_host_that_use_others()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.PrivateDependencies");
        catalog.Refusals.ShouldBeEmpty();
        using var temp = new TemporaryDirectory();
        // One run: the Burgers problem computes its Cole–Hopf reference with MathNet.Numerics 5.0 from its own folder,
        // the fixture optimizer uses MathNet.Numerics 4.15 and Spectre.Console 0.49, the host Spectre.Console 0.57.
        var plan = ManifestValidator.ValidateText("""
            { "name": "private", "problem": { "name": "burgers" }, "model": { "hidden": [8] },
              "sampler": { "points": { "interior": 64, "initial": 16, "boundary": 16 } },
              "optimizer": { "name": "fixture-private-dependencies" }, "budget": { "steps": 4 }, "evaluation": { "every": 2, "points": 200 } }
            """, "private.json", catalog, temp.Combine("cache"));
        new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { }).Steps.ShouldBe(4);

        var diagnostics = MetricsFile.Texts(temp.Combine("run", "metrics.csv"), "diagnostics")[^1]
            .Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
        diagnostics["mathNetVersion"].ShouldBe(415);
        diagnostics["gammaOf4"].ShouldBe(6.0, 1e-12);
        diagnostics["spectreVersion"].ShouldBe(49);
        diagnostics["redOfRed"].ShouldBe(255);
        System.Diagnostics.FileVersionInfo.GetVersionInfo(typeof(Spectre.Console.AnsiConsole).Assembly.Location).FileMinorPart.ShouldBe(57);

        var burgers = catalog.Find(PluginKind.Problem, "burgers")[0];
        var fixture = catalog.Find(PluginKind.Optimizer, "fixture-private-dependencies")[0];
        static Version? MathNet(PluginDescriptor p) => AssemblyLoadContext.GetLoadContext(p.Factory.GetType().Assembly)!.Assemblies
            .FirstOrDefault(a => a.GetName().Name == "MathNet.Numerics")?.GetName().Version;
        MathNet(burgers)!.Major.ShouldBe(5);
        MathNet(fixture).ShouldBe(new Version(4, 15, 0, 0));
    }
}
