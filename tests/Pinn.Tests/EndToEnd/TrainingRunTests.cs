using System.Globalization;
using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>Whole runs through the host: accuracy, the files a run writes, determinism, interruption.</summary>
public sealed class TrainingRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Poisson2dAdam = """
        { "name": "poisson2d-adam-test", "seed": 0, "device": "cpu", "dtype": "float64",
          "problem": { "name": "poisson2d" },
          "model": { "hidden": [32], "activation": "tanh", "init": "glorot-normal" },
          "engine": { "name": "autodiff" },
          "sampler": { "name": "lhs", "points": { "interior": 256, "boundary": 64 } },
          "optimizer": { "name": "adam", "options": { "lr": 0.01 } },
          "budget": { "steps": 4000 },
          "evaluation": { "every": 500, "points": 2000 } }
        """;

    private RunSummary Run(string manifest, string directory, CancellationToken cancel = default)
    {
        var plan = ManifestValidator.ValidateText(manifest, "test.json", host.Catalog, Path.Combine(directory, "cache"));
        return new TrainingRun(plan, directory).Execute(cancel, _ => { });
    }

    [Fact]
    public void Poisson2d_with_adam_reaches_five_percent_and_writes_every_run_file()
    {
        using var temp = new TemporaryDirectory();
        var summary = Run(Poisson2dAdam, temp.Path);
        summary.RelL2!.Value.ShouldBeLessThan(5e-2);
        summary.Steps.ShouldBe(4000);
        summary.StoppedBecause.ShouldBe("budget: steps");
        foreach (var file in new[] { "manifest.resolved.json", "metrics.csv", "summary.json", "checkpoint.bin" })
            File.Exists(temp.Combine(file)).ShouldBeTrue(file);

        var lines = File.ReadAllLines(temp.Combine("metrics.csv"));
        lines[0].ShouldBe("step,stage,optimizer,seconds,loss,loss_interior,loss_boundary,relL2,stepSize,diagnostics");
        lines.Length.ShouldBe(4001);

        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("manifest.resolved.json")));
        var optimizer = resolved.RootElement.GetProperty("stages")[0].GetProperty("optimizer");
        optimizer.GetProperty("version").GetString().ShouldBe("1.0.1");
        optimizer.GetProperty("sha256").GetString()!.Length.ShouldBe(64);
        optimizer.GetProperty("options").GetProperty("beta2").GetDouble().ShouldBe(0.999);

        using var summaryJson = JsonDocument.Parse(File.ReadAllText(temp.Combine("summary.json")));
        foreach (var key in new[] { "relL2", "loss", "steps", "seconds", "stoppedBecause" })
            summaryJson.RootElement.TryGetProperty(key, out _).ShouldBeTrue(key);

        var (header, tensors) = Checkpoint.Read(temp.Combine("checkpoint.bin"));
        header["step"]!.GetValue<long>().ShouldBe(4000);
        header["manifest"]!["name"]!.GetValue<string>().ShouldBe("poisson2d-adam-test");
        tensors["network.layers.0.weight"].shape.ShouldBe([32L, 2L]);
        tensors.ShouldContainKey("optimizer.m");
    }

    [Fact]
    public void An_optimizer_that_reports_only_the_total_still_gets_each_conditions_loss_at_the_evaluation_steps()
    {
        using var temp = new TemporaryDirectory();
        var manifest = Poisson2dAdam.Replace("\"adam\", \"options\": { \"lr\": 0.01 }", "\"engd\"")
                                    .Replace("\"steps\": 4000", "\"steps\": 6").Replace("\"every\": 500", "\"every\": 3");
        Run(manifest, temp.Path);
        var rows = File.ReadAllLines(temp.Combine("metrics.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        rows.Select(r => r[2]).Distinct().ShouldBe(["engd"]);
        foreach (var r in rows)
        {
            var evaluated = r[0] is "1" or "3" or "6";
            (r[5] != "" && r[6] != "").ShouldBe(evaluated, $"step {r[0]}");
            // Measured where the step started, they add up to the loss the step reported.
            if (evaluated) (double.Parse(r[5], CultureInfo.InvariantCulture) + double.Parse(r[6], CultureInfo.InvariantCulture))
                .ShouldBe(double.Parse(r[4], CultureInfo.InvariantCulture), 1e-9 * double.Parse(r[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Same_manifest_and_seed_give_the_same_metrics()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        var manifest = Poisson2dAdam.Replace("\"steps\": 4000", "\"steps\": 60").Replace("\"every\": 500", "\"every\": 20");
        Run(manifest, first.Path);
        Run(manifest, second.Path);
        static string[] Numbers(string file) => File.ReadAllLines(file).Select(l => string.Join(",", l.Split(',').Where((_, i) => i != 3))).ToArray();
        Numbers(first.Combine("metrics.csv")).ShouldBe(Numbers(second.Combine("metrics.csv")));
    }

    [Fact]
    public void Stages_chain_optimizers_and_a_cancelled_run_still_writes_its_summary_and_checkpoint()
    {
        using var temp = new TemporaryDirectory();
        var manifest = """
            { "name": "heat1d-stages", "problem": { "name": "heat1d" }, "model": { "hidden": [8] },
              "sampler": { "name": "uniform", "points": { "interior": 64, "boundary": 16, "initial": 16 }, "resampleEvery": 5 },
              "stages": [
                { "optimizer": { "name": "sgd", "options": { "lr": 0.001, "momentum": 0.9 } }, "budget": { "steps": 10 } },
                { "optimizer": { "name": "adam" }, "budget": { "steps": 10 } } ],
              "evaluation": { "every": 5, "points": 500 } }
            """;
        var summary = Run(manifest, temp.Path);
        summary.Steps.ShouldBe(20);
        var optimizers = File.ReadAllLines(temp.Combine("metrics.csv")).Skip(1).Select(l => l.Split(',')[2]).Distinct().ToArray();
        optimizers.ShouldBe(["sgd", "adam"]);

        using var cancelled = new TemporaryDirectory();
        using var source = new CancellationTokenSource();
        source.Cancel();
        var stopped = Run(manifest, cancelled.Path, source.Token);
        stopped.StoppedBecause.ShouldBe("interrupted");
        File.Exists(cancelled.Combine("summary.json")).ShouldBeTrue();
        File.Exists(cancelled.Combine("checkpoint.bin")).ShouldBeTrue();
    }

    [Fact]
    public void Validate_command_exits_with_2_and_names_the_mistake()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("bad.json");
        File.WriteAllText(file, Poisson2dAdam.Replace("\"lr\": 0.01", "\"lr\": -0.01"));
        var (code, error) = HostCommand.Run("validate", file);
        code.ShouldBe(2);
        error.ShouldContain("$.optimizer.options.lr: must be > 0");
        error.ShouldNotContain("   at "); // no stack trace
    }

    [Fact]
    public void A_folder_given_as_the_manifest_is_named_as_a_folder()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("validate", temp.Path);
        code.ShouldBe(2);
        error.ShouldContain($"$: {temp.Path} is a folder, not a manifest file");
        (code, error) = HostCommand.Run("validate", temp.Combine("missing.json"));
        code.ShouldBe(2);
        error.ShouldContain($"$: file not found: {temp.Combine("missing.json")}");
    }
}
