using System.Text.Json.Nodes;
using Pinn.Host.Commands;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>The <c>pinn</c> process as a user runs it: SIGTERM is handled like Ctrl+C, a failed run ends with a
/// message and a distinct exit code instead of a stack trace, and a run folder is not taken from another run.</summary>
public sealed class CommandLineFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static string Manifest(string optimizer, string budget) => $$"""
        { "name": "cli", "seed": 0, "device": "cpu", "threads": 1, "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 40, "boundary": 20 } },
          "optimizer": {{optimizer}}, "budget": {{budget}}, "evaluation": { "every": 10, "points": 200 } }
        """;

    private static void ShouldHaveNoStackTrace(string text) => text.ShouldNotContain("   at ");

    [Fact]
    public void SIGTERM_stops_after_the_current_step_and_writes_the_summary_and_the_checkpoint()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("m.json"), Manifest("""{ "name": "adam" }""", """{ "seconds": 100 }"""));
        using var host = new HostProcess(temp.Path, null, "run", "m.json", "--out", "out");
        var metrics = temp.Combine("out", "metrics.csv");
        var deadline = DateTime.UtcNow + Timeout;
        while (!(File.Exists(metrics) && File.ReadAllLines(metrics).Length > 20))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no training rows\n{host.Output}\n{host.Error}");
            Thread.Sleep(100);
        }
        host.Terminate();
        host.WaitForExit(Timeout).ShouldBe(ExitCodes.Terminated, host.Error);
        ShouldHaveNoStackTrace(host.Error);
        var summary = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "summary.json")))!;
        summary["stoppedBecause"]!.GetValue<string>().ShouldBe("interrupted (SIGTERM)");
        using var checkpoint = ResumePoint.Load(temp.Combine("out"));
        checkpoint.Progress.Step.ShouldBe(summary["steps"]!.GetValue<long>());
        File.Exists(temp.Combine("out", RunFolder.LockFileName)).ShouldBeFalse();
    }

    [Fact]
    public void A_plugin_that_fails_during_training_ends_with_exit_code_3_and_a_message_naming_it()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("m.json"), Manifest("""{ "name": "fixture-faulty", "options": { "fail": "step", "atStep": 2 } }""", """{ "steps": 5 }"""));
        var (code, _, error) = HostProcess.Run(temp.Path, new Dictionary<string, string> { ["PINN_PLUGIN_PATH"] = FixturePlugins.Folder("Pinn.Fixtures.FaultyPlugins") },
                                               Timeout, "run", "m.json", "--out", "out");
        code.ShouldBe(ExitCodes.RunFailed, error);
        error.ShouldContain("pinn run: optimizer 'fixture-faulty' 0.1.0 (");
        error.ShouldContain("failed in its step at step 2 (stage 1/1, fixture-faulty): InvalidOperationException: fixture: step 2 fails on purpose");
        ShouldHaveNoStackTrace(error);
        JsonNode.Parse(File.ReadAllText(temp.Combine("out", "summary.json")))!["stoppedBecause"]!.GetValue<string>().ShouldStartWith("failed: optimizer 'fixture-faulty'");
    }

    [Fact]
    public void An_output_folder_holding_another_run_is_refused_unless_overwrite()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("m.json"), Manifest("""{ "name": "adam" }""", """{ "steps": 2 }"""));
        HostProcess.Run(temp.Path, null, Timeout, "run", "m.json", "--out", "out").Code.ShouldBe(ExitCodes.Ok);
        var metrics = File.ReadAllText(temp.Combine("out", "metrics.csv"));

        var (code, _, error) = HostProcess.Run(temp.Path, null, Timeout, "run", "m.json", "--out", "out");
        code.ShouldBe(ExitCodes.InvalidInput);
        error.ShouldContain("pinn run: out already holds files (checkpoint.bin, manifest.resolved.json, metrics.csv, summary.json)");
        File.ReadAllText(temp.Combine("out", "metrics.csv")).ShouldBe(metrics);

        HostProcess.Run(temp.Path, null, Timeout, "run", "m.json", "--out", "out", "--overwrite").Code.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public void Plugins_lists_the_others_when_one_plugin_cannot_be_created_and_says_which()
    {
        using var temp = new TemporaryDirectory();
        var (code, output, error) = HostProcess.Run(temp.Path,
            new Dictionary<string, string> { ["PINN_PLUGIN_PATH"] = $"{FixturePlugins.Folder("Pinn.Fixtures.ThrowingFactory")}:{temp.Combine("missing")}" },
            Timeout, "plugins", "--json");
        code.ShouldBe(ExitCodes.Ok, error);
        JsonNode.Parse(output)!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("adam");
        error.ShouldContain($"refused {FixturePlugins.Folder("Pinn.Fixtures.ThrowingFactory")}: Pinn.Fixtures.ThrowingFactory.dll: optimizer 'fixture-throwing' could not be created");
        error.ShouldContain($"{temp.Combine("missing")}, which does not exist");
        ShouldHaveNoStackTrace(error);
    }
}
