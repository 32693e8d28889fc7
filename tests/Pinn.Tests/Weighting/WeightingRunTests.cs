using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Weighting;

/// <summary>
/// Runs with a weighting scheme: every scheme trains, its weights are logged per condition in metrics.csv, a resumed run
/// follows the uninterrupted one exactly (multipliers, point weights and the scheme's own state come back from the
/// checkpoint), and bad choices are manifest errors naming the field.
/// </summary>
public sealed class WeightingRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>heat1d on 2→8→1 with 40 + 16 + 16 points, the interior drawn afresh every 4 steps.</summary>
    private static string Manifest(string? weighting, int steps, string optimizer = "adam", string problem = "heat1d") => $$"""
        { "name": "weighting", "seed": 3, "device": "cpu", "dtype": "float64",
          "problem": { "name": "{{problem}}" },
          "model": { "hidden": [8] },
          "sampler": { "name": "lhs", "points": { "interior": 40, "boundary": 16{{(problem == "heat1d" ? ", \"initial\": 16" : "")}} }, "resampleEvery": { "interior": 4 } },
          {{(weighting is null ? "" : $"\"weighting\": {weighting},")}}
          "optimizer": { "name": "{{optimizer}}", "options": {{(optimizer == "adam" ? "{ \"lr\": 0.01 }" : "{}")}} },
          "budget": { "steps": {{steps}} },
          "evaluation": { "every": 5, "points": 200 } }
        """;

    [Theory]
    [InlineData("""{ "name": "fixed" }""")]
    [InlineData("""{ "name": "grad-norm", "options": { "every": 5 } }""")]
    [InlineData("""{ "name": "ntk", "options": { "every": 10, "maxPoints": 16 } }""")]
    [InlineData("""{ "name": "relobralo" }""")]
    [InlineData("""{ "name": "softadapt", "options": { "every": 5 } }""")]
    [InlineData("""{ "name": "causal", "options": { "epsilon": 10, "slices": 8 } }""")]
    public void Every_scheme_trains_and_logs_each_conditions_weight(string weighting)
    {
        using var run = new TemporaryDirectory();
        var summary = ShortRun.In(host, Manifest(weighting, steps: 30), run.Path);
        summary.Steps.ShouldBe(30, summary.StoppedBecause);
        var metrics = run.Combine("metrics.csv");
        foreach (var condition in new[] { "interior", "boundary", "initial" })
            MetricsFile.Values(metrics, "weight_" + condition).ShouldAllBe(w => double.IsFinite(w) && w >= 0);
        var losses = MetricsFile.Losses(run.Path);
        losses[^1].ShouldBeLessThan(losses[0]);
        var name = weighting.Split('"')[3];
        var diagnostics = MetricsFile.Texts(metrics, "diagnostics");
        switch (name)
        {
            case "fixed":
                MetricsFile.Values(metrics, "weight_initial").ShouldAllBe(w => w == 1.0);
                break;
            case "causal":
                diagnostics.ShouldAllBe(d => d.Contains("weighting.minWeight="));
                break;
            default:
                MetricsFile.Values(metrics, "weight_boundary").Distinct().Count().ShouldBeGreaterThan(1);
                break;
        }
    }

    [Fact]
    public void A_run_without_a_scheme_has_no_weight_columns()
    {
        using var run = new TemporaryDirectory();
        ShortRun.In(host, Manifest(null, steps: 2), run.Path);
        File.ReadLines(run.Combine("metrics.csv")).First().ShouldNotContain("weight_");
    }

    [Theory]
    [InlineData("""{ "name": "relobralo", "options": { "saudade": 0.5 } }""", "adam")]
    [InlineData("""{ "name": "causal", "options": { "epsilon": 5, "slices": 4, "every": 3 } }""", "lbfgs")]
    [InlineData("""{ "name": "softadapt", "options": { "every": 2 } }""", "levenberg-marquardt")]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted(string weighting, string optimizer)
    {
        ShortRun.ShouldResumeExactly(host, steps => Manifest(weighting, steps, optimizer), "loss", "weight_interior", "weight_boundary", "weight_initial", "diagnostics");
    }

    [Fact]
    public void A_resumed_run_may_not_change_its_scheme()
    {
        using var run = new TemporaryDirectory();
        ShortRun.In(host, Manifest(null, 2), run.Path);
        using var resume = ResumePoint.Load(run.Path);
        Should.Throw<ResumeMismatchException>(() => ShortRun.In(host, Manifest("""{ "name": "relobralo" }""", 4), run.Path, resume))
              .Message.ShouldContain("$.weighting.name: \"fixed\" in the checkpoint, \"relobralo\" in the manifest");
    }

    [Fact]
    public void Bad_choices_are_manifest_errors_naming_the_field()
    {
        using var run = new TemporaryDirectory();
        ManifestException Refused(string manifest)
            => Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(manifest, "weighting.json", host.Catalog, run.Path));

        Refused(Manifest("""{ "name": "gradnorm" }""", 1)).Message
            .ShouldContain("$.weighting.name: no weighting plugin named 'gradnorm' (available: causal, fixed, grad-norm, ntk, relobralo, softadapt)");
        var options = Refused(Manifest("""{ "name": "grad-norm", "options": { "alpha": 1.5, "every": 0 } }""", 1)).Message;
        options.ShouldContain("$.weighting.options.alpha: must be in [0, 1)");
        options.ShouldContain("$.weighting.options.every: must be ≥ 1");
        Refused(Manifest("""{ "name": "causal" }""", 1, problem: "poisson2d")).Message
            .ShouldContain("$.weighting.options: causal weights need a time-dependent condition (a space-time domain), and none of the problem's conditions (interior, boundary) has one");
        Refused(Manifest("""{ "name": "grad-norm", "options": { "anchor": "lid" } }""", 1)).Message
            .ShouldContain("$.weighting.options: anchor: the problem has no condition 'lid' (its conditions: interior, boundary, initial)");
        // Conditions a hard constraint replaces are not in the loss: a scheme may not name them.
        Refused(Manifest("""{ "name": "grad-norm", "options": { "anchor": "boundary" } }""", 1).Replace("\"hidden\": [8]", "\"hidden\": [8], \"hardConstraints\": true")).Message
            .ShouldContain("$.weighting.options: anchor: the problem has no condition 'boundary' (its conditions: interior)");
    }
}
