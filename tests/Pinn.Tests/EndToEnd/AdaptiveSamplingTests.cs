using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>
/// Resampling through the host: <c>rad</c> and <c>rar-d</c> train poisson2d, a grown RAR-D set and the
/// adaptive draws survive checkpoint and resume exactly, and <c>resampleEvery: 1</c> gives plain samplers a
/// fresh draw of the condition every step.
/// </summary>
public sealed class AdaptiveSamplingTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Manifest(string sampler, string samplerOptions, string optimizer, int steps, string resampleEvery,
                                   int interior = 50, int boundary = 20, int width = 8) => $$"""
        { "name": "adaptive-{{sampler}}", "seed": 0, "device": "cpu", "dtype": "float64",
          "problem": { "name": "poisson2d" },
          "model": { "hidden": [{{width}}], "activation": "tanh", "init": "normal" },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "{{sampler}}", "options": {{samplerOptions}}, "points": { "interior": {{interior}}, "boundary": {{boundary}} },
                       "resampleEvery": {{resampleEvery}} },
          "optimizer": { "name": "{{optimizer}}" },
          "budget": { "steps": {{steps}} },
          "evaluation": { "every": 5, "points": 300 } }
        """;

    private RunSummary Run(string manifest, string directory, ResumePoint? resume = null)
    {
        var plan = ManifestValidator.ValidateText(manifest, "adaptive.json", host.Catalog, Path.Combine(directory, "cache"));
        return new TrainingRun(plan, directory, resume).Execute(CancellationToken.None, _ => { });
    }

    [Fact]
    public void Rad_every_5_steps_lowers_the_poisson2d_loss_and_error()
    {
        using var temp = new TemporaryDirectory();
        var manifest = Manifest("rad", """{ "candidates": 2000 }""", "levenberg-marquardt", steps: 15, """{ "interior": 5, "boundary": 0 }""",
                                interior: 200, boundary: 60, width: 32);

        var summary = Run(manifest, temp.Path);

        summary.Steps.ShouldBe(15, summary.StoppedBecause);
        var loss = MetricsFile.Values(temp.Combine("metrics.csv"), "loss");
        var error = MetricsFile.Values(temp.Combine("metrics.csv"), "relL2").Where(double.IsFinite).ToArray();
        // The points after each resampling sit where the residual is largest, so the loss is measured on
        // harder points as training goes on; it still falls by three orders of magnitude (measured: 54 → 5.5e-4,
        // relative L2 1.3 → 0.033).
        summary.Loss.ShouldBeLessThan(1e-3 * loss[0]);
        summary.RelL2!.Value.ShouldBeLessThan(0.1 * error[0]);
        Points(temp.Combine("checkpoint.bin"), "interior").shape.ShouldBe([200L, 2]);
    }

    [Theory]
    [InlineData("rad", "adam")]
    [InlineData("rar-d", "adam")]
    [InlineData("rar-d", "levenberg-marquardt")]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted(string sampler, string optimizer)
    {
        // Interior redrawn every 2 steps (at steps 2 and 4 before the checkpoint, 6 and 8 after it); RAR-D adds
        // 7 points each time, so the checkpoint holds 64 interior points where the manifest says 50.
        const string options = """{ "candidates": 500, "pointsAdded": 7 }""";
        var samplerOptions = sampler == "rad" ? """{ "candidates": 500 }""" : options;
        using var whole = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        Run(Manifest(sampler, samplerOptions, optimizer, 10, """{ "interior": 2 }"""), whole.Path).Steps.ShouldBe(10);
        Run(Manifest(sampler, samplerOptions, optimizer, 5, """{ "interior": 2 }"""), split.Path).Steps.ShouldBe(5);
        var grown = sampler == "rad" ? 50 : 50 + 2 * 7;
        Points(split.Combine("checkpoint.bin"), "interior").shape.ShouldBe([(long)grown, 2]);

        RunSummary resumed;
        using (var resume = ResumePoint.Load(split.Path))
            resumed = Run(Manifest(sampler, samplerOptions, optimizer, 10, """{ "interior": 2 }"""), split.Path, resume);

        resumed.Steps.ShouldBe(10);
        var final = sampler == "rad" ? 50 : 50 + 4 * 7;
        var (a, b) = (Points(whole.Combine("checkpoint.bin"), "interior"), Points(split.Combine("checkpoint.bin"), "interior"));
        a.shape.ShouldBe([(long)final, 2]);
        b.shape.ShouldBe(a.shape);
        (a - b).abs().max().item<double>().ShouldBe(0);
        MaxParameterDifference(whole.Combine("checkpoint.bin"), split.Combine("checkpoint.bin")).ShouldBeLessThanOrEqualTo(1e-12);
        MetricsFile.Values(split.Combine("metrics.csv"), "loss").ShouldBe(MetricsFile.Values(whole.Combine("metrics.csv"), "loss"));
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("lhs")]
    [InlineData("halton")]
    public void Resample_every_step_gives_plain_samplers_a_fresh_draw_per_step_for_that_condition_only(string sampler)
    {
        // 4 steps: the interior is drawn at step 0 and redrawn before steps 1, 2 and 3; the boundary stays.
        using var temp = new TemporaryDirectory();
        var manifest = Manifest(sampler, "{}", "adam", steps: 4, """{ "interior": 1, "boundary": 0 }""");

        var summary = Run(manifest, temp.Path);

        summary.Steps.ShouldBe(4);
        double.IsFinite(summary.Loss).ShouldBeTrue();
        // The same draws, in the same order, from a generator seeded as the run's sampling stream (seed·1000 + 1).
        var plan = ManifestValidator.ValidateText(manifest, "adaptive.json", host.Catalog, temp.Combine("cache"));
        var conditions = plan.ProblemInstance.Conditions.ToDictionary(c => c.Name);
        var plain = ((ISamplerFactory)host.Catalog.Find(PluginKind.Sampler, sampler).Single().Factory)
            .Create(plan.Sampler.Options, new SamplerContext(TensorSpec.Float64Cpu));
        using var g = new torch.Generator(1, torch.CPU);
        using var scope = torch.NewDisposeScope();
        var draws = new List<torch.Tensor>();
        draws.Add(plain.Sample(conditions["interior"].Domain, 50, g));
        var boundary = plain.Sample(conditions["boundary"].Domain, 20, g);
        for (var step = 1; step <= 3; step++) draws.Add(plain.Sample(conditions["interior"].Domain, 50, g));

        var interior = Points(temp.Combine("checkpoint.bin"), "interior");
        (interior == draws[^1]).all().item<bool>().ShouldBeTrue();
        for (var i = 0; i < 3; i++) (interior == draws[i]).all().item<bool>().ShouldBeFalse($"draw {i}");
        (Points(temp.Combine("checkpoint.bin"), "boundary") == boundary).all().item<bool>().ShouldBeTrue();
    }

    private static torch.Tensor Points(string checkpoint, string condition) => Checkpoint.Read(checkpoint).Tensors["points." + condition];

    private static double MaxParameterDifference(string first, string second)
    {
        var (_, a) = Checkpoint.Read(first);
        var (_, b) = Checkpoint.Read(second);
        var names = a.Keys.Where(k => k.StartsWith("network.", StringComparison.Ordinal)).ToArray();
        names.ShouldNotBeEmpty();
        return names.Max(n => (a[n] - b[n]).abs().max().item<double>());
    }

}
