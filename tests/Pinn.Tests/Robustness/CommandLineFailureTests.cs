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
    public void A_tensor_changed_in_place_inside_autograd_fails_the_run_with_a_message_and_no_native_frame_dump()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("m.json"), Manifest("""{ "name": "fixture-faulty", "options": { "fail": "autograd", "atStep": 4 } }""", """{ "steps": 8 }""")
                                                   .Replace("\"evaluation\"", "\"checkpointEvery\": 1, \"evaluation\""));
        var (code, _, error) = HostProcess.Run(temp.Path, new Dictionary<string, string> { ["PINN_PLUGIN_PATH"] = FixturePlugins.Folder("Pinn.Fixtures.FaultyPlugins") },
                                               Timeout, "run", "m.json", "--out", "out");
        code.ShouldBe(ExitCodes.RunFailed, error);
        error.ShouldContain("failed in its step at step 4 (stage 1/1, fixture-faulty): ExternalException: one of the variables needed for gradient computation has been modified by an inplace operation");
        error.ShouldNotContain("frame #");
        ShouldHaveNoStackTrace(error);
        error.ShouldContain("checkpoint.bin holds step 3");
        File.ReadAllLines(temp.Combine("out", "metrics.csv")).Length.ShouldBe(1 + 3);
    }

    [Theory]
    [InlineData("backward-shape", ExitCodes.RunFailed, "ExternalException: Function CSharpNode returned an invalid gradient at index 0 - got [7] but expected shape compatible with [3]")]
    [InlineData("backward-throws", ExitCodes.AutogradFault, "threw inside a call from libtorch (a custom autograd function's backward): InvalidOperationException: fixture: backward fails on purpose")]
    public void A_custom_backward_that_fails_loses_nothing_before_the_last_checkpoint_and_the_run_resumes(string fault, int exitCode, string message)
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("m.json"), Manifest($$"""{ "name": "fixture-faulty", "options": { "fail": "{{fault}}", "atStep": 4 } }""", """{ "steps": 8 }""")
                                                   .Replace("\"evaluation\"", "\"checkpointEvery\": 1, \"evaluation\""));
        var plugins = new Dictionary<string, string> { ["PINN_PLUGIN_PATH"] = FixturePlugins.Folder("Pinn.Fixtures.FaultyPlugins") };
        var (code, _, error) = HostProcess.Run(temp.Path, plugins, Timeout, "run", "m.json", "--out", "out");
        code.ShouldBe(exitCode, error);
        error.ShouldContain("optimizer 'fixture-faulty' 0.1.0 (");
        error.ShouldContain(message);
        error.ShouldContain("checkpoint.bin holds step 3");
        ShouldHaveNoStackTrace(error);
        File.ReadAllLines(temp.Combine("out", "metrics.csv")).Length.ShouldBe(1 + 3);
        using (var checkpoint = ResumePoint.Load(temp.Combine("out"))) checkpoint.Progress.Step.ShouldBe(3);

        // The fault comes back at the resumed run's 4th step of its optimizer (a new one: step 7 of the run), after 3 more steps.
        var (again, _, resumed) = HostProcess.Run(temp.Path, plugins, Timeout, "run", "m.json", "--resume", "out");
        again.ShouldBe(exitCode, resumed);
        resumed.ShouldContain("checkpoint.bin holds step 6");
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
        error.ShouldContain("pinn run: out already holds files (checkpoint.bin, manifest.resolved.json, metrics.csv, plots, summary.json)");
        File.ReadAllText(temp.Combine("out", "metrics.csv")).ShouldBe(metrics);

        File.WriteAllText(temp.Combine("out", "plots", "stale.png"), "");
        HostProcess.Run(temp.Path, null, Timeout, "run", "m.json", "--out", "out", "--overwrite").Code.ShouldBe(ExitCodes.Ok);
        File.Exists(temp.Combine("out", "plots", "stale.png")).ShouldBeFalse(); // the old run's pictures went with it
        File.Exists(temp.Combine("out", "plots", "training-by-step.png")).ShouldBeTrue();
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

    [Theory]
    [InlineData(new string[0], "Required command was not provided.")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'.")]
    [InlineData(new[] { "run" }, "Required argument missing for command: 'run'.")]
    [InlineData(new[] { "run", "m.json", "--seconds", "5" }, "Unrecognized command or argument '--seconds'.")]
    public void A_command_line_it_cannot_parse_is_a_mistake_in_the_input_with_exit_code_2(string[] args, string message)
    {
        using var temp = new TemporaryDirectory();
        var (code, _, error) = HostProcess.Run(temp.Path, null, Timeout, args);
        code.ShouldBe(ExitCodes.InvalidInput, error);
        error.ShouldContain(message);
        ShouldHaveNoStackTrace(error);
    }
}
