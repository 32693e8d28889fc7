using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>
/// A problem on which ENGD with the line search alone gives up: the out-of-tree Helmholtz fixture (Δu + k²u = f on
/// [−1,1]², u* = sin(πx) sin(4πy), 2→64→1). With <c>fallback: stop</c> (the papers' rule and our default before)
/// it ends after a few steps at an O(1) error; with the default options the trust-region phase takes over and the
/// error against u* goes below 1e-4.
/// </summary>
public sealed class HelmholtzStallTests
{
    private static RunSummary Train(string optimizer, string budget)
    {
        using var temp = new TemporaryDirectory();
        var manifest = $$"""
            { "name": "helmholtz", "problem": { "name": "fixture-helmholtz" }, "model": { "hidden": [64] }, "engine": { "name": "forward-laplacian" },
              "sampler": { "name": "lhs", "points": { "interior": 900, "boundary": 120 } },
              "optimizer": {{optimizer}}, "budget": {{budget}}, "evaluation": { "every": 50, "points": 4000 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "helmholtz.json", FixturePlugins.Catalog("Pinn.Fixtures.HelmholtzProblem"), temp.Path);
        return new TrainingRun(plan, temp.Path).Execute(CancellationToken.None, _ => { });
    }

    [Fact]
    public void With_the_line_search_alone_engd_gives_up_at_an_order_one_error()
    {
        var summary = Train("""{ "name": "engd", "options": { "fallback": "stop" } }""", """{ "steps": 400 }""");
        summary.StoppedBecause.ShouldBe("engd: no step size on the grid lowers the loss");
        summary.Steps.ShouldBeLessThan(50);
        summary.RelL2!.Value.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void With_the_default_options_engd_trains_below_1e_4()
    {
        var summary = Train("""{ "name": "engd" }""", """{ "steps": 700 }""");
        summary.RelL2!.Value.ShouldBeLessThan(1e-4);
    }
}
