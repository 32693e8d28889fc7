using System.Globalization;
using System.Text.Json.Nodes;
using Pinn.Host.Plugins;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sweeps;

/// <summary><c>pinn sweep</c> on this machine: workers, failures, the results table, and continuing an interrupted sweep.</summary>
public sealed class LocalSweepTests
{
    private static Dictionary<string, string> WithFixtures => new() { [PluginDirectories.EnvironmentVariable] = FixturePlugins.Folder("Pinn.Fixtures.FaultyPlugins") };

    private static string Base(string budget) => $$"""
        { "name": "tiny", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 64, "boundary": 32 } },
          "optimizer": { "name": "fixture-faulty", "options": { "lr": 0.001, "atStep": 3 } }, "budget": {{budget}}, "evaluation": { "every": 5, "points": 500 } }
        """;

    [Fact]
    public void A_sweep_runs_every_variant_on_workers_records_failures_and_tabulates_over_seeds()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), Base("""{ "steps": 12 }"""));
        File.WriteAllText(temp.Combine("sweep.json"), """
            { "base": "base.json", "grid": { "seed": [0, 1], "optimizer.options.lr": [0.001, 0.004], "optimizer.options.fail": ["none", "step"] } }
            """);
        var (code, output, error) = HostProcess.Run(temp.Path, WithFixtures, TimeSpan.FromMinutes(4), "sweep", "sweep.json", "--workers", "2", "--out", "out");
        code.ShouldBe(1, error);   // some variants failed: the others still ran
        output.ShouldContain("8 variants into");
        output.ShouldContain("[8/8 finished, 0 running, 4 failed]");

        var rows = File.ReadAllLines(temp.Combine("out", "results.csv"));
        rows[0].ShouldBe("id,seed,optimizer.options.lr,optimizer.options.fail,status,relL2,bestRelL2,loss,steps,seconds,error");
        rows.Length.ShouldBe(9);
        var cells = rows.Skip(1).Select(r => r.Split(',')).ToArray();
        cells.Where(c => c[3] == "\"step\"").ShouldAllBe(c => c[4] == "failed" && c[10].Contains("failed"));
        cells.Where(c => c[3] == "\"none\"").ShouldAllBe(c => c[4] == "done" && c[8] == "12");

        // The groups' statistics are those of the runs' own summaries.
        var results = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "results.json")))!;
        foreach (var group in results["groups"]!.AsArray().Where(g => g!["values"]!["optimizer.options.fail"]!.GetValue<string>() == "none"))
        {
            var errors = group!["variants"]!.AsArray().Select(id => JsonNode.Parse(File.ReadAllText(temp.Combine("out", "runs", id!.GetValue<string>(), "summary.json")))!["relL2"]!.GetValue<double>()).ToArray();
            errors.Length.ShouldBe(2);
            group["mean"]!.GetValue<double>().ShouldBe(errors.Average(), 1e-15);
            group["std"]!.GetValue<double>().ShouldBe(Math.Abs(errors[0] - errors[1]) / Math.Sqrt(2), 1e-15);
            group["finished"]!.GetValue<int>().ShouldBe(2);
        }
        var best = results["best"]!;
        best["values"]!["optimizer.options.fail"]!.GetValue<string>().ShouldBe("none");
        output.ShouldContain("best: optimizer.options.lr = ");
        File.Exists(temp.Combine("out", "relL2-vs-optimizer.options.lr.png")).ShouldBeTrue();
        // Each run had its share of the two cores.
        JsonNode.Parse(File.ReadAllText(temp.Combine("out", "manifests", "v000.json")))!["threads"]!.GetValue<int>().ShouldBe(Math.Max(1, Environment.ProcessorCount / 2));
    }

    [Fact]
    public void A_sweep_started_in_the_background_stops_its_runs_on_SIGTERM()
    {
        // A script's background job ignores SIGINT, and so do the runs it starts: the sweep passes SIGTERM on instead.
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), Base("""{ "seconds": 60 }"""));
        File.WriteAllText(temp.Combine("sweep.json"), """{ "base": "base.json", "grid": { "seed": [0, 1] } }""");
        using var sweep = HostProcess.InTheBackground(temp.Path, WithFixtures, "sweep", "sweep.json", "--workers", "2", "--out", "out");
        var metrics = new[] { "v000", "v001" }.Select(id => temp.Combine("out", "runs", id, "metrics.csv")).ToArray();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!metrics.All(m => File.Exists(m) && File.ReadAllLines(m).Length > 20) && DateTime.UtcNow < deadline) Thread.Sleep(100);
        sweep.Terminate();
        sweep.WaitForExit(TimeSpan.FromSeconds(45)).ShouldBe(143, sweep.Error);   // long before the runs' 60 s
        foreach (var id in new[] { "v000", "v001" })
            JsonNode.Parse(File.ReadAllText(temp.Combine("out", "runs", id, "summary.json")))!["stoppedBecause"]!.GetValue<string>().ShouldBe("interrupted (SIGTERM)");
    }

    [Fact]
    public void An_interrupted_sweep_run_again_continues_its_runs_from_their_checkpoints_and_skips_finished_ones()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("base.json"), Base("""{ "seconds": 6 }"""));
        File.WriteAllText(temp.Combine("sweep.json"), """{ "base": "base.json", "grid": { "seed": [0, 1, 2] } }""");
        using (var sweep = new HostProcess(temp.Path, WithFixtures, "sweep", "sweep.json", "--workers", "2", "--out", "out"))
        {
            // Both workers' runs under way (the second process may start later than the first on busy cores).
            var metrics = new[] { "v000", "v001" }.Select(id => temp.Combine("out", "runs", id, "metrics.csv")).ToArray();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!metrics.All(m => File.Exists(m) && File.ReadAllLines(m).Length > 20) && DateTime.UtcNow < deadline) Thread.Sleep(100);
            sweep.Interrupt();
            sweep.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBe(130, sweep.Error);
        }
        var interruptedAt = new Dictionary<string, long>();
        foreach (var id in new[] { "v000", "v001" })
        {
            var summary = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "runs", id, "summary.json")))!;
            summary["stoppedBecause"]!.GetValue<string>().ShouldBe("interrupted");
            interruptedAt[id] = summary["steps"]!.GetValue<long>();
            File.Exists(temp.Combine("out", "runs", id, "checkpoint.bin")).ShouldBeTrue();
        }
        Directory.Exists(temp.Combine("out", "runs", "v002")).ShouldBeFalse();

        var (code, output, error) = HostProcess.Run(temp.Path, WithFixtures, TimeSpan.FromMinutes(3), "sweep", "sweep.json", "--workers", "2", "--out", "out");
        code.ShouldBe(0, error);
        output.ShouldContain("0 finished before, 2 to continue from their checkpoints, 1 to start");
        foreach (var id in new[] { "v000", "v001" })
        {
            var steps = MetricsFile.Values(temp.Combine("out", "runs", id, "metrics.csv"), "step");
            steps.ShouldBe(Enumerable.Range(1, steps.Length).Select(s => (double)s).ToArray());   // one run, continued: no step twice, none missing
            steps.Length.ShouldBeGreaterThan((int)interruptedAt[id]);
        }
        var again = HostProcess.Run(temp.Path, WithFixtures, TimeSpan.FromMinutes(1), "sweep", "sweep.json", "--out", "out");
        again.Code.ShouldBe(0, again.Error);
        again.Output.ShouldContain("3 finished before, 0 to continue from their checkpoints, 0 to start");
        File.ReadAllLines(temp.Combine("out", "results.csv")).Skip(1).ShouldAllBe(r => r.Split(',')[2] == "done");
    }
}
