using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>
/// The bench commands check their arguments before anything runs and name every mistake at once, each on its own line
/// as <c>bench &lt;command&gt;: …</c>, with exit code 2.
/// </summary>
public sealed class BenchArgumentTests
{
    public static TheoryData<string[], string[]> Mistakes => new()
    {
        {
            ["bench", "optimizers", "nope.json", "other.json", "--seconds", "-1", "--threads", "0", "--init", "foo,normal,bar", "--problems", "HNd"],
            ["bench optimizers: no manifest at nope.json", "bench optimizers: no manifest at other.json", "bench optimizers: --seconds -1: must be > 0",
             "bench optimizers: --threads 0: must be ≥ 1", "bench optimizers: --problems needs --suite pinnacle",
             "bench optimizers: --init: unknown 'foo', 'bar' (one or more of: normal, glorot-normal, glorot-uniform, fan-in-uniform, separated by commas)"]
        },
        {
            ["bench", "optimizers", "--suite", "pinnacle", "--problems", "HNd,Foo", "--init", "normal", "--weighting", "fixed", "--seconds", "0"],
            ["bench optimizers: --seconds 0: must be > 0", "bench optimizers: --init does not apply to --suite pinnacle",
             "bench optimizers: --weighting does not apply to --suite pinnacle", "bench optimizers: --problems: unknown 'Foo' (allowed: Burgers1d-C,"]
        },
        {
            ["bench", "optimizers", "--suite", "gpu", "x.json"],
            ["bench optimizers: --suite: unknown 'gpu' (allowed: kfac, pinnacle)", "bench optimizers: --suite and manifest files exclude each other",
             "bench optimizers: no manifest at x.json"]
        },
        {
            ["bench", "problems", "nope.json", "--seconds", "0", "--threads", "0", "--optimizer-options", "[1]", "--json", "/nonexistent-pinn/rows.json"],
            ["bench problems: no manifest at nope.json", "bench problems: --seconds 0: must be > 0", "bench problems: --threads 0: must be ≥ 1",
             "bench problems: --optimizer-options needs --optimizer", "bench problems: --optimizer-options: not a JSON object: [1]",
             "bench problems: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            ["bench", "sweep", "--steps", "0", "--runs", "1", "--repetitions", "0", "--manifest", "nope.json", "--json", "/nonexistent-pinn/rows.json"],
            ["bench sweep: --steps 0: must be ≥ 1", "bench sweep: --runs 1: must be ≥ 2", "bench sweep: --repetitions 0: must be ≥ 1",
             "bench sweep: --manifest: file not found: nope.json", "bench sweep: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            ["bench", "serve", "--seconds", "0.1", "--soak", "0", "--threads", "0", "--json", "/nonexistent-pinn/rows.json"],
            ["bench serve: --seconds 0.1: must be between 0.5 and 3600", "bench serve: --soak 0: must be between 1 and 86400", "bench serve: --threads 0: must be ≥ 1",
             "bench serve: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            ["bench", "operators", "--repeats", "0", "--warmup", "-1", "--threads", "0", "--processes", "0", "--json", "/nonexistent-pinn/rows.json"],
            ["bench operators: --repeats 0: must be ≥ 1", "bench operators: --warmup -1: must be ≥ 0", "bench operators: --threads 0: must be ≥ 1",
             "bench operators: --processes 0: must be ≥ 1", "bench operators: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            // Output files are checked before minutes of training, not when the results are written.
            ["bench", "optimizers", "nope.json", "--json", "/nonexistent-pinn/rows.json", "--png", "/"],
            ["bench optimizers: no manifest at nope.json", "bench optimizers: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist", "bench optimizers: --png /: is a folder; name the file to write"]
        },
        {
            ["bench", "kfac-step", "--network", "8-x", "--json", "/nonexistent-pinn/rows.json"],
            ["bench kfac-step: --network '8-x' must be positive widths joined by '-'", "bench kfac-step: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            ["bench", "contention", "--repeats", "0", "--json", "/nonexistent-pinn/rows.json"],
            ["bench contention: --repeats 0: must be ≥ 1", "bench contention: --json /nonexistent-pinn/rows.json: the folder /nonexistent-pinn does not exist"]
        },
        {
            ["bench", "chart", "/nonexistent-pinn/run-a", "/nonexistent-pinn/run-b", "--out", "/nonexistent-pinn/chart.png"],
            ["bench chart: /nonexistent-pinn/run-a: expected a run folder with metrics.csv and summary.json",
             "bench chart: /nonexistent-pinn/run-b: expected a run folder with metrics.csv and summary.json",
             "bench chart: --out /nonexistent-pinn/chart.png: the folder /nonexistent-pinn does not exist"]
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Every_mistake_in_a_bench_command_line_is_named_at_once_with_exit_code_2(string[] args, string[] expected)
    {
        var (code, error) = HostCommand.Run(args);
        code.ShouldBe(2, error);
        foreach (var line in expected) error.ShouldContain(line);
        error.ShouldNotContain("   at ");
    }
}
