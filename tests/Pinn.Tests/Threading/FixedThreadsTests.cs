using Pinn.Host.Manifests;
using Pinn.Host.Threading;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Threading;

/// <summary>
/// The threads a user fixed (the manifest's <c>threads</c>, else <c>OMP_NUM_THREADS</c>, which this test process sets to
/// <see cref="FixedThreads.Count"/>) are set at the start of every run: a run in a process that trained before does not
/// keep the threads of the last run.
/// </summary>
public sealed class FixedThreadsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private int RunAndReadThreads(string threads)
    {
        using var temp = new TemporaryDirectory();
        var manifest = $$"""
            { "name": "threads", "seed": 0, {{threads}} "problem": { "name": "poisson2d" }, "model": { "hidden": [4] },
              "sampler": { "name": "lhs", "points": { "interior": 20, "boundary": 8 } },
              "optimizer": { "name": "adam" }, "budget": { "steps": 1 }, "evaluation": { "every": 1, "points": 20 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "threads.json", host.Catalog, temp.Combine("cache"));
        new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });
        return torch.get_num_threads();
    }

    [Fact]
    public void The_manifest_threads_come_first_then_OMP_NUM_THREADS()
    {
        AdaptiveThreads.Fixed(manifestThreads: 3).ShouldBe(3);
        AdaptiveThreads.Fixed(manifestThreads: null).ShouldBe(FixedThreads.Count);
    }

    [Fact]
    public void A_run_that_sets_no_threads_does_not_keep_the_threads_of_the_run_before()
    {
        var before = torch.get_num_threads();
        try
        {
            RunAndReadThreads("\"threads\": 1,").ShouldBe(1);
            RunAndReadThreads("").ShouldBe(FixedThreads.Count);
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
