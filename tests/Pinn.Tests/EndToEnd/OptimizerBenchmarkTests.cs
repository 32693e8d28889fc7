using System.Text.Json;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary><c>pinn bench optimizers</c> end to end: runs, records, chart.</summary>
public sealed class OptimizerBenchmarkTests
{
    private const string Adam = """
        { "name": "tiny-adam", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 50, "boundary": 20 } },
          "optimizer": { "name": "adam", "options": { "lr": 0.01 } }, "budget": { "seconds": 60 },
          "evaluation": { "every": 5, "points": 300 } }
        """;

    private const string SgdThenAdam = """
        { "name": "tiny-sgd-adam", "problem": { "name": "heat1d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 50, "boundary": 10, "initial": 10 } },
          "stages": [
            { "optimizer": { "name": "sgd", "options": { "lr": 0.001 } }, "budget": { "seconds": 20 } },
            { "optimizer": { "name": "adam" }, "budget": { "seconds": 40, "steps": 100000 } } ],
          "evaluation": { "every": 5, "points": 300 } }
        """;

    [Fact]
    public void Bench_optimizers_writes_a_record_per_run_and_init_and_a_chart()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("tiny-adam.json"), Adam);
        File.WriteAllText(temp.Combine("tiny-sgd-adam.json"), SgdThenAdam);

        var code = Host.Program.Main(["bench", "optimizers", temp.Combine("tiny-adam.json"), temp.Combine("tiny-sgd-adam.json"),
                                      "--seconds", "0.6", "--init", "normal,glorot-uniform", "--out", temp.Combine("out"),
                                      "--json", temp.Combine("bench.json")]);

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.Combine("bench.json")));
        var records = json.RootElement.EnumerateArray().ToArray();
        records.Select(r => (r.GetProperty("manifest").GetString(), r.GetProperty("optimizer").GetString(), r.GetProperty("init").GetString()))
               .ShouldBe([("tiny-adam", "adam", "normal"), ("tiny-adam", "adam", "glorot-uniform"),
                          ("tiny-sgd-adam", "sgd→adam", "normal"), ("tiny-sgd-adam", "sgd→adam", "glorot-uniform")]);
        foreach (var r in records)
        {
            r.GetProperty("steps").GetInt64().ShouldBeGreaterThan(0);
            r.GetProperty("finalRelL2").GetDouble().ShouldBeGreaterThan(0);
            r.GetProperty("bestRelL2").GetDouble().ShouldBeLessThanOrEqualTo(r.GetProperty("finalRelL2").GetDouble());
            r.GetProperty("loss").GetDouble().ShouldBeGreaterThan(0);
            r.GetProperty("secondsPerStep").GetDouble().ShouldBeGreaterThan(0);
            var secondsTo = r.GetProperty("secondsTo");
            secondsTo.EnumerateObject().Select(p => p.Name).ShouldBe(["1e-4", "1e-6", "1e-8"]);
            secondsTo.GetProperty("1e-8").ValueKind.ShouldBe(JsonValueKind.Null); // not in 0.6 s on this net
        }

        // --seconds 0.6 shares the time in proportion to the manifest's 20 s and 40 s; steps budgets stay.
        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "tiny-sgd-adam.normal", "manifest.resolved.json")));
        var stages = resolved.RootElement.GetProperty("stages");
        stages[0].GetProperty("budget").GetProperty("seconds").GetDouble().ShouldBe(0.2, 1e-12);
        stages[1].GetProperty("budget").GetProperty("seconds").GetDouble().ShouldBe(0.4, 1e-12);
        stages[1].GetProperty("budget").GetProperty("steps").GetInt64().ShouldBe(100000);
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "tiny-adam.glorot-uniform", "summary.json")));
        summary.RootElement.GetProperty("stoppedBecause").GetString().ShouldBe("budget: seconds");

        var png = File.ReadAllBytes(temp.Combine("out", "relative-l2.png"));
        png.Length.ShouldBeGreaterThan(10_000);
        png.Take(8).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
    }

    [Fact]
    public void Bench_optimizers_runs_each_manifest_once_per_weighting_scheme()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("tiny-adam.json"), Adam);

        var code = Host.Program.Main(["bench", "optimizers", temp.Combine("tiny-adam.json"), "--seconds", "0.3", "--weighting", "fixed,relobralo",
                                      "--out", temp.Combine("out"), "--json", temp.Combine("bench.json")]);

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.Combine("bench.json")));
        json.RootElement.EnumerateArray().Select(r => (r.GetProperty("manifest").GetString(), r.GetProperty("weighting").GetString()))
            .ShouldBe([("tiny-adam", "fixed"), ("tiny-adam", "relobralo")]);
        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "tiny-adam.relobralo", "manifest.resolved.json")));
        resolved.RootElement.GetProperty("weighting").GetProperty("name").GetString().ShouldBe("relobralo");
        File.ReadLines(temp.Combine("out", "tiny-adam.relobralo", "metrics.csv")).First().ShouldContain("weight_interior");

        var (refused, error) = HostCommand.Run("bench", "optimizers", temp.Combine("tiny-adam.json"), "--weighting", "grad-norms", "--out", temp.Combine("none"));
        refused.ShouldBe(2);
        error.ShouldContain("$.weighting.name: no weighting plugin named 'grad-norms'");
    }

    [Fact]
    public void A_named_manifest_that_does_not_exist_is_an_error()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("bench", "optimizers", temp.Combine("nowhere.json"), "--out", temp.Combine("out"));
        code.ShouldBe(2);
        error.ShouldContain("no manifest at");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
    }
}
