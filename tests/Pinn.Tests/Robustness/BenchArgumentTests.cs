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
            ["bench", "problems", "nope.json", "--seconds", "0", "--threads", "0", "--optimizer-options", "[1]"],
            ["bench problems: no manifest at nope.json", "bench problems: --seconds 0: must be > 0", "bench problems: --threads 0: must be ≥ 1",
             "bench problems: --optimizer-options needs --optimizer", "bench problems: --optimizer-options: not a JSON object: [1]"]
        },
        {
            ["bench", "sweep", "--steps", "0", "--runs", "1", "--repetitions", "0", "--manifest", "nope.json"],
            ["bench sweep: --steps 0: must be ≥ 1", "bench sweep: --runs 1: must be ≥ 2", "bench sweep: --repetitions 0: must be ≥ 1",
             "bench sweep: --manifest: file not found: nope.json"]
        },
        {
            ["bench", "serve", "--seconds", "0.1", "--soak", "0", "--threads", "0"],
            ["bench serve: --seconds 0.1: must be between 0.5 and 3600", "bench serve: --soak 0: must be between 1 and 86400", "bench serve: --threads 0: must be ≥ 1"]
        },
        {
            ["bench", "operators", "--repeats", "0", "--warmup", "-1", "--threads", "0", "--processes", "0"],
            ["bench operators: --repeats 0: must be ≥ 1", "bench operators: --warmup -1: must be ≥ 0", "bench operators: --threads 0: must be ≥ 1",
             "bench operators: --processes 0: must be ≥ 1"]
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
