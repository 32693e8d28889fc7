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
