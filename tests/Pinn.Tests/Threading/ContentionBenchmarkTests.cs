using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Threading;

/// <summary><c>pinn bench contention</c> refuses what it cannot run before it starts a process: a missing or invalid
/// manifest (reported as <c>pinn validate</c> reports it), a manifest with stages, unknown policies, ranges.</summary>
public sealed class ContentionBenchmarkTests
{
    [Fact]
    public void Bad_arguments_are_refused_with_the_reason_and_exit_code_2()
    {
        using var dir = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("bench", "contention", "--manifest", dir.Combine("nope.json"));
        code.ShouldBe(2);
        error.ShouldContain("bench contention: --manifest: file not found:");

        (code, error) = HostCommand.Run("bench", "contention", "--policies", "pinn,bogus");
        code.ShouldBe(2);
        error.ShouldContain("bench contention: --policies: unknown 'bogus' (allowed: pinn, fixed, passive, one-thread)");

        (code, error) = HostCommand.Run("bench", "contention", "--seconds", "0", "--repeats", "0", "--policies", ",", "--manifest", dir.Combine("nope.json"));
        code.ShouldBe(2);
        error.ShouldContain("bench contention: --seconds 0: must be > 0 and ≤ 3600");      // every mistake at once
        error.ShouldContain("bench contention: --repeats 0: must be ≥ 1");
        error.ShouldContain("bench contention: --policies: name one or more of pinn, fixed, passive, one-thread");
        error.ShouldContain("bench contention: --manifest: file not found:");

        var broken = dir.Combine("broken.json");
        File.WriteAllText(broken, "{ not json");
        (code, error) = HostCommand.Run("bench", "contention", "--manifest", broken, "--out", dir.Combine("runs"));
        code.ShouldBe(2);
        error.ShouldContain($"{broken}: 1 problem(s):");

        var staged = dir.Combine("staged.json");
        File.WriteAllText(staged, """
            { "name": "staged", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "stages": [ { "optimizer": { "name": "adam" }, "budget": { "steps": 1 } }, { "optimizer": { "name": "lbfgs" }, "budget": { "steps": 1 } } ] }
            """);
        (code, error) = HostCommand.Run("bench", "contention", "--manifest", staged, "--out", dir.Combine("runs"));
        code.ShouldBe(2);
        error.ShouldContain("the runs time one optimizer; give a manifest without stages");
        Directory.Exists(dir.Combine("runs")).ShouldBeFalse();                     // nothing started
    }
}
