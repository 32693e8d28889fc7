using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Manifests;

/// <summary>Wiring an engine to a problem it cannot serve is a manifest error, found before any tensor is made.</summary>
public sealed class EngineCapabilityValidationTests
{
    private static string Manifest(string engine) => $$"""
        { "name": "beam", "problem": { "name": "fixture-beam" }, "model": { "hidden": [12] }, "engine": { "name": "{{engine}}" },
          "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "steps": 30 }, "evaluation": { "every": 10, "points": 200 } }
        """;

    [Fact]
    public void A_fourth_derivative_from_forward_laplacian_is_a_clear_manifest_error_and_tangent_prop_serves_it()
    {
        using var temp = new TemporaryDirectory();
        temp.CopyFolder(Path.Combine(RepositoryRoot.TestPlugins, "Pinn.Fixtures.BeamProblem"), "Pinn.Fixtures.BeamProblem");
        var catalog = PluginCatalog.Load([RepositoryRoot.Plugins, temp.Path]);

        var e = Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest("forward-laplacian"), "beam.json", catalog, temp.Path));
        e.Errors.ShouldHaveSingleItem().ToString().ShouldBe(
            "$.engine.name: engine 'forward-laplacian' cannot serve condition 'interior' of problem 'fixture-beam', which needs u_x0x0x0x0: "
            + "forward-laplacian propagates derivatives up to order 2; u_x0x0x0x0 is of order 4 (use n-tangentprop or autodiff)");

        // The boundary condition also needs u'' next to u: n-tangentprop serves both, and trains.
        var plan = ManifestValidator.ValidateText(Manifest("n-tangentprop"), "beam.json", catalog, temp.Path);
        var summary = new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });
        summary.Steps.ShouldBe(30);
        double.IsFinite(summary.Loss).ShouldBeTrue();
    }
}
