using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>
/// <c>pinn run --resume</c>: a run continued from a checkpoint follows the trajectory of the run that was
/// never stopped, whatever the optimizer.
/// </summary>
public sealed class ResumeTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>poisson2d on 2→8→1 with 50 + 20 points; the interior is drawn afresh every 3 steps, so that the
    /// sampling generator's state matters, the boundary stays fixed.</summary>
    private static string Manifest(string optimizer, int steps, int? checkpointEvery = null, string hidden = "[8]") => $$"""
        { "name": "resume-{{optimizer}}", "seed": 0, "device": "cpu", "dtype": "float64",
          "problem": { "name": "poisson2d" },
          "model": { "hidden": {{hidden}}, "activation": "tanh", "init": "normal" },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "lhs", "points": { "interior": 50, "boundary": 20 }, "resampleEvery": { "interior": 3 } },
          "optimizer": { "name": "{{optimizer}}" },
          "budget": { "steps": {{steps}} },
          "evaluation": { "every": 2, "points": 300 }
          {{(checkpointEvery is { } k ? $", \"checkpointEvery\": {k}" : "")}} }
        """;

    private RunSummary Run(string manifest, string directory, ResumePoint? resume = null, Action<string>? progress = null)
    {
        var plan = ManifestValidator.ValidateText(manifest, "resume.json", host.Catalog, Path.Combine(directory, "cache"));
        return new TrainingRun(plan, directory, resume).Execute(CancellationToken.None, progress ?? (_ => { }));
    }

    private RunSummary Resume(string manifest, string directory)
    {
        using var resume = ResumePoint.Load(directory);
        return Run(manifest, directory, resume);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("engd")]
    [InlineData("anagram")]
    [InlineData("levenberg-marquardt")]
    [InlineData("hessian-free")]
    [InlineData("engd-layerwise")]
    [InlineData("lbfgs")]
    [InlineData("kfac")]
    [InlineData("kfac-star")]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted(string optimizer)
    {
        using var whole = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        var uninterrupted = Run(Manifest(optimizer, steps: 10), whole.Path);
        uninterrupted.Steps.ShouldBe(10, uninterrupted.StoppedBecause);
        Run(Manifest(optimizer, steps: 5), split.Path).Steps.ShouldBe(5);

        var resumed = Resume(Manifest(optimizer, steps: 10), split.Path);

        resumed.Steps.ShouldBe(10);
        resumed.StoppedBecause.ShouldBe("budget: steps");
        MaxParameterDifference(whole.Combine("checkpoint.bin"), split.Combine("checkpoint.bin")).ShouldBeLessThanOrEqualTo(1e-12);
        Steps(split.Combine("metrics.csv")).ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i));
        MetricsFile.Texts(split.Combine("metrics.csv"), "loss").ShouldBe(MetricsFile.Texts(whole.Combine("metrics.csv"), "loss"));
    }

    [Fact]
    public void A_run_that_fails_between_steps_keeps_its_last_state_and_resumes_on_the_same_trajectory()
    {
        using var whole = new TemporaryDirectory();
        using var crashed = new TemporaryDirectory();
        Run(Manifest("adam", steps: 10), whole.Path);
        var manifest = Manifest("adam", steps: 10, checkpointEvery: 5);
        var failure = Should.Throw<TrainingFailedException>(() => Run(manifest, crashed.Path,
            progress: text => { if (text.Contains(" step 7 ", StringComparison.Ordinal)) throw new InvalidOperationException("crash"); }));
        failure.Message.ShouldContain("the run failed while reporting progress at step 7");
        failure.Summary.StoppedBecause.ShouldStartWith("failed: ");
        failure.Summary.CheckpointStep.ShouldBe(7);
        using (var checkpoint = ResumePoint.Load(crashed.Path)) checkpoint.Progress.Step.ShouldBe(7); // not the periodic one of step 5: nothing is lost

        Resume(manifest, crashed.Path).Steps.ShouldBe(10);

        MaxParameterDifference(whole.Combine("checkpoint.bin"), crashed.Combine("checkpoint.bin")).ShouldBeLessThanOrEqualTo(1e-12);
        Steps(crashed.Combine("metrics.csv")).ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i));
    }

    [Fact]
    public void A_manifest_that_differs_is_refused_naming_the_field()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("m.json");
        File.WriteAllText(file, Manifest("adam", steps: 3));
        Run(Manifest("adam", steps: 3), temp.Combine("run"));
        File.WriteAllText(file, Manifest("adam", steps: 6, hidden: "[16]").Replace("\"optimizer\": { \"name\": \"adam\" }",
                                                                              "\"optimizer\": { \"name\": \"adam\", \"options\": { \"lr\": 0.1 } }"));
        var (code, error) = HostCommand.Run("run", file, "--resume", temp.Combine("run"));
        code.ShouldBe(2);
        error.ShouldContain("$.model.hidden: [8] in the checkpoint, [16] in the manifest");
        error.ShouldContain("$.optimizer.options.lr: 0.001 in the checkpoint, 0.1 in the manifest");
        error.ShouldNotContain("   at ");
        Steps(temp.Combine("run", "metrics.csv")).Count().ShouldBe(3);

        // Another optimizer is one difference, not one per option the two do not share.
        File.WriteAllText(file, Manifest("lbfgs", steps: 6));
        (code, error) = HostCommand.Run("run", file, "--resume", temp.Combine("run"));
        code.ShouldBe(2);
        error.ShouldContain("differs from the one that wrote it in 1 place(s):");
        error.ShouldContain("$.optimizer.name: \"adam\" in the checkpoint, \"lbfgs\" in the manifest");
    }

    [Fact]
    public void A_checkpoint_gives_each_tensor_back_in_its_own_dtype()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("c.bin");
        var tensors = new Dictionary<string, torch.Tensor>
        {
            ["step"] = torch.tensor(123456789L),
            ["bytes"] = torch.tensor(new byte[] { 0, 7, 255 }),
            ["single"] = torch.tensor(new[] { 0.1f, -3.5f }),
            ["mask"] = torch.tensor(new[] { true, false }),
        };
        Checkpoint.Write(file, new System.Text.Json.Nodes.JsonObject(), tensors);

        var (_, read) = Checkpoint.Read(file);

        foreach (var (name, t) in tensors)
        {
            read[name].dtype.ShouldBe(t.dtype, name);
            read[name].shape.ShouldBe(t.shape, name);
            (read[name] == t).all().item<bool>().ShouldBeTrue(name);
        }
        read["step"].item<long>().ShouldBe(123456789L);
    }

    private static double MaxParameterDifference(string first, string second)
    {
        var (_, a) = Checkpoint.Read(first);
        var (_, b) = Checkpoint.Read(second);
        var names = a.Keys.Where(k => k.StartsWith("network.", StringComparison.Ordinal)).ToArray();
        names.ShouldNotBeEmpty();
        return names.Max(n => (a[n] - b[n]).abs().max().item<double>());
    }

    private static IEnumerable<long> Steps(string metrics) => File.ReadAllLines(metrics).Skip(1).Select(l => long.Parse(l.Split(',')[0]));
}
