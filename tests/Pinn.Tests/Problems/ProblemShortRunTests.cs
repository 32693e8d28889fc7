using Pinn.Abstractions.Geometry;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Problems;

/// <summary>Every problem of the suite trains through the host: a few Adam steps on a small network lower the loss.</summary>
public sealed class ProblemShortRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string?, string> Problems() => new()
    {
        { "poisson2d", null, "forward-laplacian" },
        { "poisson5d", null, "forward-laplacian" },
        { "poisson10d", null, "forward-laplacian" },
        { "poisson100d", null, "forward-laplacian" },
        { "heat1d", null, "forward-laplacian" },
        { "heat4d", null, "forward-laplacian" },
        { "fokker-planck9d", null, "forward-laplacian" },
        { "laplace2d", null, "autodiff" },
        { "laplace5d", null, "forward-laplacian" },
        { "nonlinear-poisson", null, "forward-laplacian" },
        { "nonlinear-poisson", """{ "dimension": 5 }""", "autodiff" },
        { "kovasznay", null, "forward-laplacian" },
        { "heat2d-ms", null, "forward-laplacian" },
        { "heat-nd", null, "forward-laplacian" },
        { "wave1d-c", null, "n-tangentprop" },
        { "poisson-inverse", """{ "observationGrid": 10 }""", "autodiff" },
        { "heat-inverse", null, "forward-laplacian" },
        { "poisson2d-c", null, "forward-laplacian" },
        { "poisson2d-cg", null, "forward-laplacian" },
        { "ns2d-c", null, "forward-laplacian" },
        { "ns2d-cg", null, "autodiff" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_few_adam_steps_lower_the_loss(string name, string? options, string engine)
    {
        using var temp = new TemporaryDirectory();
        var problem = SuiteProblems.Create(host, name, options, temp.Path);
        var points = string.Join(", ", problem.Conditions.Where(c => c.Domain is not PointSet).Select(c => $"\"{c.Name}\": 64"));
        var manifest = $$"""
            { "name": "short-{{name}}", "problem": { "name": "{{name}}"{{(options is null ? "" : $", \"options\": {options}")}} },
              "model": { "hidden": [16] }, "engine": { "name": "{{engine}}" },
              "sampler": { "name": "halton", "points": { {{points}} } },
              "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "steps": 30 },
              "evaluation": { "every": 10, "points": 500 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "short.json", host.Catalog, temp.Path);
        var summary = new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });

        summary.Steps.ShouldBe(30);
        summary.RelL2.ShouldNotBeNull();
        double.IsFinite(summary.RelL2.Value).ShouldBeTrue();
        var losses = MetricsFile.Losses(temp.Combine("run"));
        losses[^1].ShouldBeLessThan(losses[0], $"{name}: loss {losses[0]:E3} → {losses[^1]:E3}");
    }
}
