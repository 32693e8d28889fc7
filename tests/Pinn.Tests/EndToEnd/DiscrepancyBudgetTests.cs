using System.Globalization;
using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>A stage whose budget names a discrepancy ends at the first step where the named residuals reach it.</summary>
public sealed class DiscrepancyBudgetTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>poisson-inverse on 20 × 20 observations with noise σ = 0.1, ENGD; the loss is w·mean(r²)/2 per condition.</summary>
    private const string NoisyInverse = """
        { "name": "pinv-discrepancy", "seed": 0, "device": "cpu", "dtype": "float64",
          "problem": { "name": "poisson-inverse", "options": { "observationGrid": 20, "noise": 0.1 }, "weights": { "observations": 10 } },
          "model": { "hidden": [16, 16], "activation": "tanh", "init": "glorot-normal" },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "lhs", "points": { "interior": 300, "coefficient": 80 } },
          "optimizer": { "name": "engd" },
          "budget": { "steps": 400, "discrepancy": { "observations": 0.1 } },
          "evaluation": { "every": 50, "points": 1000 } }
        """;

    private static double ObservationRms(string[] row, int column) => Math.Sqrt(2 * double.Parse(row[column], CultureInfo.InvariantCulture) / 10);

    [Fact]
    public void The_stage_stops_before_the_first_step_that_starts_with_the_observations_fitted_to_their_noise()
    {
        using var temp = new TemporaryDirectory();
        var plan = ManifestValidator.ValidateText(NoisyInverse, "pinv.json", host.Catalog, temp.Combine("cache"));
        var summary = new TrainingRun(plan, temp.Path).Execute(CancellationToken.None, _ => { });

        summary.StoppedBecause.ShouldStartWith("budget: discrepancy: observations rms ");
        var rms = double.Parse(summary.StoppedBecause!.Split(' ')[4], CultureInfo.InvariantCulture);
        rms.ShouldBeLessThanOrEqualTo(0.1);
        summary.Steps.ShouldBeInRange(2, 399);
        File.ReadAllText(temp.Combine("summary.json")).ShouldContain($"\"stoppedBecause\": \"{summary.StoppedBecause}\"");   // "≤" as it is, not \u2264

        // Every step records each condition's loss at the parameters it starts from; each of those was above the level.
        var lines = File.ReadAllLines(temp.Combine("metrics.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "loss_observations");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        rows.Length.ShouldBe((int)summary.Steps);
        foreach (var row in rows) ObservationRms(row, column).ShouldBeGreaterThan(0.1, $"step {row[0]}");

        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("manifest.resolved.json")));
        resolved.RootElement.GetProperty("stages")[0].GetProperty("budget").GetProperty("discrepancy").GetProperty("observations").GetDouble().ShouldBe(0.1);
    }
}
