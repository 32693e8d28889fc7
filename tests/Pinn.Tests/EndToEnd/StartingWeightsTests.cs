using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary>
/// <c>model.weightsFrom</c>: a run starts from another run's network — exactly its function, whatever the dtype it was
/// trained in —, records which checkpoint it was, resumes without taking it again, and a checkpoint that cannot start the
/// network is a manifest error naming every reason.
/// </summary>
public sealed class StartingWeightsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Manifest(string name, string optimizer, long steps, string model = """{ "hidden": [8] }""", string dtype = "float64") => $$"""
        { "name": "{{name}}", "seed": 0, "device": "cpu", "dtype": "{{dtype}}", "threads": 1,
          "problem": { "name": "poisson2d" }, "model": {{model}},
          "sampler": { "name": "lhs", "points": { "interior": 100, "boundary": 40 } },
          "optimizer": { "name": "{{optimizer}}" }, "budget": { "steps": {{steps}} }, "evaluation": { "every": 1, "points": 400 } }
        """;

    /// <summary>Writes <paramref name="text"/> as <paramref name="file"/> in <paramref name="temp"/>, validates and trains it into <paramref name="folder"/>.</summary>
    private RunSummary Train(TemporaryDirectory temp, string file, string text, string folder, ResumePoint? resume = null)
    {
        File.WriteAllText(temp.Combine(file), text);
        var plan = ManifestValidator.Validate(temp.Combine(file), host.Catalog, temp.Combine("cache"), resume is null ? null : PluginPins.From(resume.Manifest));
        return new TrainingRun(plan, temp.Combine(folder), resume).Execute(CancellationToken.None, _ => { });
    }

    private static double FirstLoss(string folder)
        => double.Parse(File.ReadAllLines(Path.Combine(folder, "metrics.csv"))[1].Split(',')[4], CultureInfo.InvariantCulture);

    private static (int Code, string Error) Validate(TemporaryDirectory temp, string text)
    {
        File.WriteAllText(temp.Combine("check.json"), text);
        return HostCommand.Run("validate", temp.Combine("check.json"));
    }

    [Fact]
    public void A_run_started_from_a_trained_run_begins_at_its_loss_and_records_the_checkpoint_it_came_from()
    {
        using var temp = new TemporaryDirectory();
        var source = Train(temp, "source.json", Manifest("source", "engd", 60), "source");
        source.Loss.ShouldBeLessThan(1.0);

        // The path is relative to the manifest's folder; the first step starts from the source's final network.
        Train(temp, "fine.json", Manifest("fine", "lbfgs", 2, """{ "hidden": [8], "weightsFrom": "source" }"""), "fine");
        FirstLoss(temp.Combine("fine")).ShouldBe(source.Loss, 1e-12 * source.Loss);

        Train(temp, "scratch.json", Manifest("scratch", "lbfgs", 2), "scratch");
        FirstLoss(temp.Combine("scratch")).ShouldBeGreaterThan(100 * source.Loss, "from a random network the same run starts far from it");

        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("fine", "manifest.resolved.json")));
        var model = resolved.RootElement.GetProperty("model");
        var checkpoint = temp.Combine("source", ResumePoint.FileName);
        model.GetProperty("weightsFrom").GetString().ShouldBe(Path.GetFullPath(checkpoint));
        model.GetProperty("weightsFromSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(checkpoint))));
    }

    [Fact]
    public void A_float32_checkpoint_starts_a_float64_run_at_its_values()
    {
        using var temp = new TemporaryDirectory();
        var source = Train(temp, "source.json", Manifest("source", "engd", 60, dtype: "float32"), "source");
        Train(temp, "fine.json", Manifest("fine", "lbfgs", 1, """{ "hidden": [8], "weightsFrom": "source/checkpoint.bin" }"""), "fine");
        // The same network in float64, at the float64 draw of the same points: its loss agrees with the float32 run's to
        // float32's rounding of points and residuals (measured 4.4e-4 relative; a random network's is a hundred times larger).
        FirstLoss(temp.Combine("fine")).ShouldBe(source.Loss, 2e-3 * source.Loss);
    }

    [Fact]
    public void A_resumed_run_keeps_its_own_weights_and_ends_where_the_uninterrupted_run_ends_even_when_the_source_is_gone()
    {
        using var temp = new TemporaryDirectory();
        Train(temp, "source.json", Manifest("source", "engd", 10), "source");
        const string from = """{ "hidden": [8], "weightsFrom": "source" }""";
        var whole = Train(temp, "whole.json", Manifest("fine", "engd", 4, from), "whole");
        Train(temp, "half.json", Manifest("fine", "engd", 2, from), "parts");
        var recorded = File.ReadAllText(temp.Combine("parts", "manifest.resolved.json"));
        Directory.Delete(temp.Combine("source"), recursive: true);                 // cleaned up after the first part
        using var resume = ResumePoint.Load(temp.Combine("parts"));
        var resumed = Train(temp, "rest.json", Manifest("fine", "engd", 4, from), "parts", resume);

        resumed.Steps.ShouldBe(4);
        resumed.Loss.ShouldBe(whole.Loss, 1e-12 * whole.Loss);
        resumed.RelL2!.Value.ShouldBe(whole.RelL2!.Value, 1e-10 * whole.RelL2!.Value);
        // The resumed run still records the checkpoint its first part started from.
        using var before = JsonDocument.Parse(recorded);
        using var after = JsonDocument.Parse(File.ReadAllText(temp.Combine("parts", "manifest.resolved.json")));
        foreach (var key in new[] { "weightsFrom", "weightsFromSha256" })
            after.RootElement.GetProperty("model").GetProperty(key).GetString().ShouldBe(before.RootElement.GetProperty("model").GetProperty(key).GetString());
    }

    [Fact]
    public void Every_reason_a_checkpoint_cannot_start_the_network_is_a_manifest_error_at_once()
    {
        using var temp = new TemporaryDirectory();
        Train(temp, "source.json", Manifest("source", "engd", 2), "source");

        var (code, error) = Validate(temp, Manifest("other", "engd", 2,
            """{ "hidden": [16], "activation": "sin", "adaptiveActivation": { "scope": "global" }, "weightsFrom": "source" }"""));
        code.ShouldBe(2);
        error.ShouldContain("""$.model.weightsFrom: the checkpoint's network has the activation "tanh", this one "sin"; its weights would not mean the same""");
        error.ShouldContain("""$.model.weightsFrom: the checkpoint's network has the activation slopes (none), this one {"scope":"global","factor":10}""");
        error.ShouldContain("$.model.weightsFrom: the checkpoint's network is 2 → 8 → 1, this one 2 → 16 → 1");
        error.ShouldNotContain("layers.0.weight");   // said once, as the widths
        error.ShouldContain("$.model.weightsFrom: the checkpoint's network has no slopes.0, which this one has ([1])");

        Directory.CreateDirectory(temp.Combine("empty"));
        File.WriteAllText(temp.Combine("garbage.bin"), "not a checkpoint");
        foreach (var (given, message) in new[]
                 {
                     ("nowhere", $"no run folder or checkpoint file 'nowhere' (looked for {temp.Combine("nowhere")}"),
                     ("empty", $"{temp.Combine("empty")} is a folder without checkpoint.bin"),
                     ("garbage.bin", "not a checkpoint this host can read:"),
                 })
        {
            (code, error) = Validate(temp, Manifest("other", "engd", 2, $$"""{ "hidden": [8], "weightsFrom": "{{given}}" }""").Replace("\"seed\": 0", "\"seed\": -1"));
            code.ShouldBe(2);
            error.ShouldContain($"$.model.weightsFrom: {message}");
            error.ShouldContain("$.seed: must be ≥ 0");   // beside the other mistakes
            error.ShouldNotContain("   at ");
        }
    }
}
