using Pinn.Host.Benchmarks;
using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>The KFAC benchmarks' plumbing: the suite's manifests and the step-time rows (not their timings).</summary>
public sealed class KfacBenchmarkTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void Every_manifest_of_the_kfac_suite_exists_and_validates()
    {
        using var temp = new TemporaryDirectory();
        OptimizerBenchmark.KfacSuite.Count.ShouldBe(26);
        foreach (var file in OptimizerBenchmark.KfacSuite)
        {
            var plan = ManifestValidator.Validate(Path.Combine(RepositoryRoot.Path, file), host.Catalog, temp.Path);
            plan.Manifest.Name.ShouldBe(Path.GetFileNameWithoutExtension(file));
        }
    }

    [Fact]
    public void Kfac_step_rows_give_each_optimizer_its_median_and_its_ratio_to_adam()
    {
        using var temp = new TemporaryDirectory();
        var rows = new KfacStepBenchmark(host.Catalog, temp.Path, threads: 2, networks: [[6]]).Run(steps: 3, largeEngdSteps: 3, _ => { }).ToList();

        rows.Select(r => r.Optimizer).ShouldBe(["adam", "kfac", KfacStepBenchmark.KfacRefresh10, "kfac-star", "engd"]);
        rows.ShouldAllBe(r => r.ParameterCount == 25 && r.Steps == 3 && r.MedianMilliseconds > 0);
        rows[0].RatioVsAdam.ShouldBe(1.0);
        rows[1].RatioVsAdam!.Value.ShouldBe(rows[1].MedianMilliseconds / rows[0].MedianMilliseconds, 1e-12);
        if (OperatingSystem.IsLinux()) rows.ShouldAllBe(r => r.PeakMebibytes > 0);
    }

    [Fact]
    public void Kfac_step_measures_only_the_optimizers_named_in_its_own_order()
    {
        using var temp = new TemporaryDirectory();
        var rows = new KfacStepBenchmark(host.Catalog, temp.Path, threads: 2, networks: [[6]], optimizers: ["kfac-refresh10", "adam"])
            .Run(steps: 3, largeEngdSteps: 3, _ => { }).ToList();

        rows.Select(r => r.Optimizer).ShouldBe(["adam", KfacStepBenchmark.KfacRefresh10]);
        rows[1].RatioVsAdam!.Value.ShouldBe(rows[1].MedianMilliseconds / rows[0].MedianMilliseconds, 1e-12);
    }

    [Fact]
    public void Kfac_step_refuses_unknown_optimizers_and_bad_counts_all_at_once()
    {
        var (code, error) = HostCommand.Run("bench", "kfac-step", "--optimizers", "adam,sgd", "--processes", "0", "--network", "64-x");

        code.ShouldBe(2);
        error.ShouldContain("unknown optimizer 'sgd' (allowed: adam, kfac, kfac-refresh10, kfac-star, engd)");
        error.ShouldContain("--processes ≥ 1");
        error.ShouldContain("--network '64-x'");
    }

    [Fact]
    public void With_several_processes_kfac_step_reports_the_median_over_processes_of_each_ratio_to_adam()
    {
        using var temp = new TemporaryDirectory();
        var (code, output, error) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(3), "bench", "kfac-step", "--processes", "3", "--network", "6",
                                                    "--optimizers", "adam,kfac", "--steps", "3", "--json", "spread.json", "--out", "runs");

        code.ShouldBe(0, error);
        output.ShouldContain("3 processes one after another");
        var rows = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(temp.Combine("spread.json")))!.AsArray();
        rows.Select(r => $"{r!["network"]}|{r["optimizer"]}").ShouldBe(["6|adam", "6|kfac"]);
        ProcessSpread.ShouldSummarise(rows, 3, r => r["optimizer"]!.GetValue<string>() == "adam");
        File.Exists(temp.Combine("runs", "process-3", "6-kfac", "metrics.csv")).ShouldBeTrue();
    }

    [Fact]
    public void An_unknown_suite_is_refused_with_the_allowed_names()
    {
        var (code, error) = HostCommand.Run("bench", "optimizers", "--suite", "fast");
        code.ShouldBe(2);
        error.ShouldContain("allowed: kfac, pinnacle");
    }

    [Fact]
    public void Bench_chart_draws_finished_runs_and_refuses_a_folder_that_is_not_a_run()
    {
        using var temp = new TemporaryDirectory();
        var manifest = """
            { "name": "chart-run", "problem": { "name": "poisson2d" }, "model": { "hidden": [4] },
              "sampler": { "name": "uniform", "points": { "interior": 20, "boundary": 8 } },
              "optimizer": { "name": "adam" }, "budget": { "steps": 5 }, "evaluation": { "every": 2, "points": 50 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "chart.json", host.Catalog, temp.Path);
        new Pinn.Host.Training.TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });
        var png = temp.Combine("chart.png");

        Host.Program.Main(["bench", "chart", temp.Combine("run"), "--out", png, "--title", "one run"]).ShouldBe(0);
        new FileInfo(png).Length.ShouldBeGreaterThan(1000);

        var (code, error) = HostCommand.Run("bench", "chart", temp.Path, "--out", png);
        code.ShouldBe(2);
        error.ShouldContain("metrics.csv and summary.json");
    }
}
