using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>Shared by the tests below: the built-in plugins with the faulty fixtures.</summary>
public sealed class FaultyPluginsFixture
{
    internal PluginCatalog Catalog { get; } = FixturePlugins.Catalog("Pinn.Fixtures.FaultyPlugins");
}

/// <summary>
/// A failure after validation — a plugin that throws, returns points or residuals that break the contract,
/// a run that diverges — ends with a message naming the plugin, its version and folder, the stage and the step;
/// the summary is written with <c>stoppedBecause</c> "failed: …" and checkpoint.bin holds the last good state.
/// </summary>
public sealed class TrainingFailureTests(FaultyPluginsFixture fixture) : IClassFixture<FaultyPluginsFixture>
{
    private static string Manifest(string residual = "ok", string fault = "none", string optimizer = """{ "name": "fixture-faulty" }""",
                                   string problem = "fixture-faulty-problem", int steps = 6, string extra = "") => $$"""
        { "name": "faulty", "seed": 1, "device": "cpu",
          "problem": { "name": "{{problem}}"{{(problem == "fixture-faulty-problem" ? $$""", "options": { "residual": "{{residual}}" }""" : "")}} },
          "model": { "hidden": [8] },
          "sampler": { "name": "fixture-faulty-sampler", "options": { "fault": "{{fault}}" }, "points": { "interior": 32, "boundary": 16 } },
          "optimizer": {{optimizer}}, "budget": { "steps": {{steps}} },
          "evaluation": { "every": 1, "points": 200 }{{extra}} }
        """;

    private RunSummary Run(string manifest, string directory, Action<string>? warn = null)
    {
        var plan = ManifestValidator.ValidateText(manifest, "faulty.json", fixture.Catalog, Path.Combine(directory, ".cache"));
        return new TrainingRun(plan, directory) { Warn = warn ?? (_ => { }) }.Execute(CancellationToken.None, _ => { });
    }

    public static TheoryData<string, string, string, string[]> Faults => new()
    {
        { "optimizer Create throws", "ok", "none", ["optimizer 'fixture-faulty' 0.1.0 (", "Pinn.Fixtures.FaultyPlugins", "failed while creating the optimizer at step 1 (stage 1/1, fixture-faulty)",
                                                    "InvalidOperationException: fixture: Create fails on purpose"] },
        { "sampler throws", "ok", "throw", ["sampler 'fixture-faulty-sampler' 0.1.0 (", "failed while drawing the points of 'interior' before the first step",
                                           "fixture: sampling fails on purpose"] },
        { "sampler returns NaN", "ok", "nan", ["sampler 'fixture-faulty-sampler' 0.1.0 (", "for condition 'interior' it returned 1 of 32 points with non-finite coordinates"] },
        { "sampler returns half the points", "ok", "half", ["sampler 'fixture-faulty-sampler'", "for condition 'interior' it returned 16 points where 32 were asked for"] },
        { "sampler returns points outside the domain", "ok", "outside", ["sampler 'fixture-faulty-sampler'", "it returned 32 of 32 points outside the condition's domain"] },
        { "residual [N, N]", "square", "none", ["problem 'fixture-faulty-problem' 0.1.0 (", "condition 'interior' returned a residual of shape [32, 32]"] },
        { "residual int64", "int64", "none", ["problem 'fixture-faulty-problem'", "dtype Int64", "in the run's dtype Float64"] },
        { "residual float32 in a float64 run", "float32", "none", ["problem 'fixture-faulty-problem'", "dtype Float32"] },
        { "residual [0]", "empty", "none", ["problem 'fixture-faulty-problem'", "a residual of shape [0]"] },
        { "residual throws", "throw", "none", ["problem 'fixture-faulty-problem'", "fixture: the residual fails on purpose"] },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_plugin_fault_is_named_with_its_version_and_folder_and_the_summary_is_written(string fault, string residual, string samplerFault, string[] expected)
    {
        using var temp = new TemporaryDirectory();
        var optimizer = fault.StartsWith("optimizer", StringComparison.Ordinal) ? """{ "name": "fixture-faulty", "options": { "fail": "create" } }""" : """{ "name": "fixture-faulty" }""";
        var e = Should.Throw<TrainingFailedException>(() => Run(Manifest(residual, samplerFault, optimizer), temp.Path));
        foreach (var text in expected) e.Message.ShouldContain(text, Case.Sensitive, $"{fault}: {e.Message}");
        e.Summary.StoppedBecause.ShouldStartWith("failed: ");
        File.ReadAllText(temp.Combine("summary.json")).ShouldContain("\"stoppedBecause\": \"failed: ");
        e.Summary.Steps.ShouldBe(0);
        // The untrained state is saved once set-up has succeeded (only the optimizer comes later).
        e.Summary.CheckpointStep.ShouldBe(fault.StartsWith("optimizer", StringComparison.Ordinal) ? 0 : null);
    }

    [Fact]
    public void A_step_that_throws_keeps_the_checkpoint_of_the_last_step_that_ended()
    {
        using var temp = new TemporaryDirectory();
        var e = Should.Throw<TrainingFailedException>(() => Run(Manifest(optimizer: """{ "name": "fixture-faulty", "options": { "fail": "step", "atStep": 4 } }""",
                                                                          extra: """, "checkpointEvery": 1"""), temp.Path));
        e.Message.ShouldContain("optimizer 'fixture-faulty' 0.1.0 (");
        e.Message.ShouldContain("failed in its step at step 4 (stage 1/1, fixture-faulty): InvalidOperationException: fixture: step 4 fails on purpose");
        e.Message.ShouldContain("checkpoint.bin holds step 3");
        e.Summary.Steps.ShouldBe(3);
        e.Summary.CheckpointStep.ShouldBe(3);
        using var checkpoint = ResumePoint.Load(temp.Path);
        checkpoint.Progress.Step.ShouldBe(3);
        File.ReadAllLines(temp.Combine("metrics.csv")).Length.ShouldBe(1 + 3);
    }

    [Fact]
    public void A_diverging_run_keeps_its_last_finite_checkpoint_and_never_fails_writing_it()
    {
        using var temp = new TemporaryDirectory();
        var warnings = new List<string>();
        var summary = Run(Manifest(problem: "poisson2d", optimizer: """{ "name": "sgd", "options": { "lr": 1e6 } }""", steps: 200,
                                   extra: """, "checkpointEvery": 1""").Replace("\"fixture-faulty-sampler\", \"options\": { \"fault\": \"none\" }", "\"lhs\""),
                          temp.Path, warnings.Add);
        summary.StoppedBecause.ShouldStartWith("sgd: non-finite");
        summary.CheckpointStep.ShouldNotBeNull();
        summary.CheckpointStep!.Value.ShouldBeLessThan(summary.Steps);
        warnings.ShouldHaveSingleItem().ShouldContain($"checkpoint.bin is not overwritten and keeps step {summary.CheckpointStep}");
        using var checkpoint = ResumePoint.Load(temp.Path);
        checkpoint.Progress.Step.ShouldBe(summary.CheckpointStep!.Value);
        var header = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(temp.Combine("manifest.resolved.json")))!;
        header["name"]!.GetValue<string>().ShouldBe("faulty");
        using var network = Pinn.Host.Training.Checkpoint.Read(temp.Combine("checkpoint.bin")).Tensors.Where(kv => kv.Key.StartsWith("network.", StringComparison.Ordinal))
            .Select(kv => kv.Value).Aggregate((a, b) => torch.cat([a.reshape(-1), b.reshape(-1)]));
        torch.isfinite(network).all().item<bool>().ShouldBeTrue();
    }

    [Fact]
    public void A_diagnostic_named_with_separators_is_renamed_once_and_metrics_csv_keeps_its_columns()
    {
        using var temp = new TemporaryDirectory();
        var warnings = new List<string>();
        Run(Manifest(optimizer: """{ "name": "fixture-faulty", "options": { "diagnosticKey": "a,b\nc;d=e" } }"""), temp.Path, warnings.Add);
        var lines = File.ReadAllLines(temp.Combine("metrics.csv"));
        lines.Length.ShouldBe(1 + 6);
        var columns = lines[0].Split(',').Length;
        foreach (var line in lines.Skip(1))
        {
            line.Split(',').Length.ShouldBe(columns);
            line.ShouldEndWith(",a_b_c_d_e=1.5");
        }
        warnings.ShouldHaveSingleItem().ShouldContain("optimizer 'fixture-faulty' reports a diagnostic named \"a,b\\nc;d=e\"");
    }
}
