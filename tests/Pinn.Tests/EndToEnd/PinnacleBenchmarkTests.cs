using Pinn.Host.Benchmarks;
using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>The PINNacle suite's plumbing: its manifests, PINNacle's set-up beside ours, and the same time for both (not the accuracies).</summary>
public sealed class PinnacleBenchmarkTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void Every_problem_has_a_default_manifest_and_pinnacles_adam_set_up_for_the_same_problem()
    {
        using var temp = new TemporaryDirectory();
        PinnacleBenchmark.Cases.Count.ShouldBe(11);
        foreach (var c in PinnacleBenchmark.Cases)
        {
            var ours = ManifestValidator.Validate(Path.Combine(RepositoryRoot.Path, c.Manifest), host.Catalog, temp.Path);
            var theirs = ManifestValidator.Validate(Path.Combine(RepositoryRoot.Path, c.AdamManifest), host.Catalog, temp.Path);
            theirs.Problem.Descriptor.Name.ShouldBe(ours.Problem.Descriptor.Name, c.Problem);
            theirs.Manifest.Model!.Hidden.ShouldBe([100, 100, 100, 100, 100], c.Problem);
            theirs.Stages.ShouldHaveSingleItem().Optimizer.Descriptor.Name.ShouldBe("adam", c.Problem);
            theirs.Manifest.DType.ShouldBe("float64", c.Problem);
            c.Target.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void Pinnacles_set_up_runs_as_long_as_ours_did()
    {
        using var temp = new TemporaryDirectory();
        RunPlan Plan(string name, string optimizer) => ManifestValidator.ValidateText($$"""
            { "name": "{{name}}", "problem": { "name": "poisson2d" }, "model": { "hidden": [6] },
              "sampler": { "name": "halton", "points": { "interior": 30, "boundary": 12 } },
              "optimizer": { "name": "{{optimizer}}" }, "budget": { "steps": 1000000, "seconds": 60 }, "evaluation": { "every": 5, "points": 100 } }
            """, name + ".json", host.Catalog, temp.Path);
        var @case = new PinnacleCase("Poisson2d", "ours.json", "theirs.json", "—", "—", 1e-3);
        var result = new PinnacleBenchmark(temp.Combine("runs"), seconds: 2, threads: 2)
            .Run([(@case, Plan("ours", "engd"), Plan("theirs", "adam"))], _ => { }, _ => { }).ShouldHaveSingleItem();

        var ours = result.Ours.ShouldNotBeNull();
        var theirs = result.Adam.ShouldNotBeNull();
        ours.Seconds.ShouldBe(2, 0.5);
        theirs.Seconds.ShouldBe(ours.Seconds, 0.5);
        result.Holds.ShouldBe(ours.FinalRelL2 <= 1e-3);
    }

    [Fact]
    public void The_pinnacle_suite_refuses_an_initialisation_override()
    {
        var (code, error) = HostCommand.Run("bench", "optimizers", "--suite", "pinnacle", "--init", "normal");
        code.ShouldBe(2);
        error.ShouldContain("--init does not apply");
        (code, error) = HostCommand.Run("bench", "optimizers", "--suite", "pinnacle", "--problems", "NS2d-C,Heat3d");
        code.ShouldBe(2);
        error.ShouldContain("unknown 'Heat3d' (allowed: Burgers1d-C, Poisson2d-C");
        (code, error) = HostCommand.Run("bench", "optimizers", "--problems", "NS2d-C");
        code.ShouldBe(2);
        error.ShouldContain("--problems needs --suite pinnacle");
    }
}
