using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Shouldly;

namespace Pinn.Tests.Support;

/// <summary>Short end-to-end training runs through the host: poisson2d for optimizer tests, any manifest, and the
/// resume check every feature that keeps state in checkpoints needs.</summary>
internal static class ShortRun
{
    /// <summary>Trains poisson2d (2→<paramref name="width"/>→1, forward Laplacian, LHS points) with the given
    /// optimizer JSON (e.g. <c>{ "name": "engd" }</c>) and budget JSON, and returns the run's summary.</summary>
    public static RunSummary Poisson2d(HostFixture host, string optimizer, string budget, int width = 64, int interior = 900, int boundary = 120)
    {
        using var temp = new TemporaryDirectory();
        var manifest = $$"""
            { "name": "short-run", "problem": { "name": "poisson2d" }, "model": { "hidden": [{{width}}] }, "engine": { "name": "forward-laplacian" },
              "sampler": { "points": { "interior": {{interior}}, "boundary": {{boundary}} } },
              "optimizer": {{optimizer}}, "budget": {{budget}}, "evaluation": { "every": 10, "points": 2000 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, "short-run.json", host.Catalog, temp.Path);
        return new TrainingRun(plan, temp.Path).Execute(CancellationToken.None, _ => { });
    }

    /// <summary>A heat1d manifest (2→16→1 with the model features <paramref name="features"/>, e.g.
    /// <c>"symmetry": […]</c>; forward Laplacian, 200 LHS interior points redrawn every <paramref name="resampleEvery"/>
    /// steps, seed 5), for the tests of model features: u = sin(πx)·e^(−π²t) is 2-periodic and odd in x.</summary>
    public static string Heat1dManifest(string features, int steps, string optimizer = "adam", int resampleEvery = 0) => $$"""
        { "name": "heat1d-features", "seed": 5, "device": "cpu", "dtype": "float64",
          "problem": { "name": "heat1d" },
          "model": { "hidden": [16], {{features}} },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "lhs", "points": { "interior": 200 }, "resampleEvery": {{resampleEvery}} },
          "optimizer": { "name": "{{optimizer}}", "options": {{(optimizer == "adam" ? "{ \"lr\": 0.01 }" : "{}")}} },
          "budget": { "steps": {{steps}} },
          "evaluation": { "every": 10, "points": 1000 } }
        """;

    /// <summary>Validates <paramref name="manifest"/> and trains it in <paramref name="directory"/>, continuing
    /// <paramref name="resume"/> if given.</summary>
    public static RunSummary In(HostFixture host, string manifest, string directory, ResumePoint? resume = null)
    {
        var plan = ManifestValidator.ValidateText(manifest, "short-run.json", host.Catalog, Path.Combine(directory, "cache"));
        return new TrainingRun(plan, directory, resume).Execute(CancellationToken.None, _ => { });
    }

    /// <summary>Trains <paramref name="manifest"/>(10) in one go, and <paramref name="manifest"/>(5) resumed to
    /// <paramref name="manifest"/>(10): the <paramref name="columns"/> of metrics.csv must agree to the last digit.</summary>
    public static void ShouldResumeExactly(HostFixture host, Func<int, string> manifest, params string[] columns)
    {
        using var whole = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        In(host, manifest(10), whole.Path).Steps.ShouldBe(10);
        In(host, manifest(5), split.Path).Steps.ShouldBe(5);
        using (var resume = ResumePoint.Load(split.Path)) In(host, manifest(10), split.Path, resume).Steps.ShouldBe(10);
        foreach (var column in columns)
            MetricsFile.Texts(split.Combine("metrics.csv"), column).ShouldBe(MetricsFile.Texts(whole.Combine("metrics.csv"), column), column);
    }
}
