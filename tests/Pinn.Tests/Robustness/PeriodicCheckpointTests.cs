using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>Long runs are protected by default: checkpoint.bin is written every <c>checkpointSeconds</c> of training
/// (two minutes unless the manifest says otherwise), so that even a process that dies natively loses minutes.</summary>
public sealed class PeriodicCheckpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Manifest(string extra) => $$"""
        { "name": "periodic", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 40, "boundary": 20 } },
          "optimizer": { "name": "adam" }, "budget": { "steps": 6 }, "evaluation": { "every": 3, "points": 200 }{{extra}} }
        """;

    private RunPlan Plan(string extra) => ManifestValidator.ValidateText(Manifest(extra), "periodic.json", host.Catalog, Path.GetTempPath());

    [Fact]
    public void By_default_a_checkpoint_is_written_every_two_minutes_of_training()
    {
        Plan("").Manifest.CheckpointSeconds.ShouldBe(120);
        ResolvedManifest.Of(Plan(""), 0)["checkpointSeconds"]!.GetValue<double>().ShouldBe(120);
    }

    [Fact]
    public void Checkpoints_are_written_during_training_at_the_set_interval()
    {
        using var temp = new TemporaryDirectory();
        var seen = new List<long>();
        new TrainingRun(Plan(""", "checkpointSeconds": 1e-9"""), temp.Path).Execute(CancellationToken.None, text =>
        {
            if (File.Exists(temp.Combine("checkpoint.bin")))
            {
                using var checkpoint = ResumePoint.Load(temp.Path);
                seen.Add(checkpoint.Progress.Step);
            }
        });
        seen.ShouldBe([0, 1, 2, 3, 4, 5]); // at step k's progress line, the checkpoint of step k − 1 is on disk (step 0: before training)
    }

    [Fact]
    public void Zero_turns_checkpoints_by_time_off_and_a_negative_interval_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var seen = new List<long>();
        new TrainingRun(Plan(""", "checkpointSeconds": 0"""), temp.Path).Execute(CancellationToken.None, _ =>
        {
            using var checkpoint = ResumePoint.Load(temp.Path);
            seen.Add(checkpoint.Progress.Step);
        });
        seen.ShouldAllBe(step => step == 0); // the untrained state only, until the end
        using (var last = ResumePoint.Load(temp.Path)) last.Progress.Step.ShouldBe(6);
        Should.Throw<ManifestException>(() => Plan(""", "checkpointSeconds": -1""")).Errors.ShouldHaveSingleItem().Path.ShouldBe("$.checkpointSeconds");
    }
}
