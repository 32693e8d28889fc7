using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Problems;

/// <summary>A problem that reports its trained state (the self-similar Burgers exponent) gets it into the run's summary.</summary>
public sealed class ProblemReportTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void The_trained_lambda_and_its_distance_to_the_exact_one_reach_summary_json()
    {
        using var temp = new TemporaryDirectory();
        const string manifest = """
            { "name": "report", "problem": { "name": "burgers-self-similar", "options": { "profile": 0, "initialLambda": 0.6 } },
              "model": { "hidden": [8] }, "engine": { "name": "n-tangentprop", "options": { "maxOrder": 4 } },
              "sampler": { "name": "lhs", "points": { "interior": 40, "boundary": 2, "smoothness": 8 } },
              "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "steps": 5 },
              "evaluation": { "every": 5, "points": 200 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "report.json", host.Catalog, temp.Path);
        var summary = new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });

        var report = summary.Problem.ShouldNotBeNull();
        var lambda = report["lambda"];
        lambda.ShouldBeInRange(1.0 / 3, 1.0);   // (1/(2k+3), 1/(2k+1)) for k = 0
        lambda.ShouldNotBe(0.6);                // five Adam steps moved it
        report["lambdaError"].ShouldBe(Math.Abs(lambda - 0.5), 1e-15);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.Combine("run", "summary.json")));
        json.RootElement.GetProperty("problem").GetProperty("lambda").GetDouble().ShouldBe(lambda);
    }
}
