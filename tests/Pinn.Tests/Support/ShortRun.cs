using Pinn.Host.Manifests;
using Pinn.Host.Training;

namespace Pinn.Tests.Support;

/// <summary>Short end-to-end training runs of poisson2d through the host, for optimizer tests.</summary>
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
}
