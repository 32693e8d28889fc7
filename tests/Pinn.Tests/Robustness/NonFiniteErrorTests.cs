using System.Text.Json.Nodes;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>A run whose error at an evaluation is infinite or NaN (it diverged) still writes its checkpoint: JSON has
/// no such numbers, so they are written as null and read back as "no error seen".</summary>
public sealed class NonFiniteErrorTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(double.PositiveInfinity, double.NaN)]
    [InlineData(double.NaN, double.NegativeInfinity)]
    [InlineData(0.5, double.PositiveInfinity)]
    public void A_checkpoint_with_non_finite_errors_is_written_and_reads_them_back_as_null(double best, double last)
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("checkpoint.bin");
        var header = new JsonObject();
        new RunProgress(7, 0, 7, 1.5, 1.5, best, last, null).WriteTo(header);
        using var x = torch.zeros(2, dtype: torch.float64);

        Checkpoint.Write(file, header, new Dictionary<string, torch.Tensor> { ["x"] = x });
        var (read, tensors) = Checkpoint.Read(file);
        var progress = RunProgress.ReadFrom(read, file);

        progress.BestRelL2.ShouldBe(double.IsFinite(best) ? best : null);
        progress.LastRelL2.ShouldBeNull();
        progress.Step.ShouldBe(7);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void A_diverging_sgd_run_evaluated_at_every_step_still_writes_its_checkpoint()
    {
        using var temp = new TemporaryDirectory();
        var manifest = """
            { "name": "diverging", "seed": 0, "device": "cpu", "problem": { "name": "poisson2d" }, "model": { "hidden": [64] },
              "sampler": { "points": { "interior": 50, "boundary": 20 } },
              "optimizer": { "name": "sgd", "options": { "lr": 1e6 } }, "budget": { "steps": 20 },
              "evaluation": { "every": 1, "points": 300 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "diverging.json", host.Catalog, temp.Combine("cache"));

        var summary = new TrainingRun(plan, temp.Combine("run")).Execute(CancellationToken.None, _ => { });

        double.IsFinite(MetricsFile.Values(temp.Combine("run", "metrics.csv"), "relL2")[^1]).ShouldBeFalse("the run's last error overflows");
        var (header, tensors) = Checkpoint.Read(temp.Combine("run", ResumePoint.FileName));
        var progress = RunProgress.ReadFrom(header, "checkpoint.bin");
        progress.Step.ShouldBe(summary.CheckpointStep!.Value); // the last state with finite parameters
        using (var finite = ResumePoint.Load(temp.Combine("run"))) finite.Progress.Step.ShouldBe(progress.Step); // Load refuses non-finite weights
        foreach (var t in tensors.Values) t.Dispose();
    }
}
