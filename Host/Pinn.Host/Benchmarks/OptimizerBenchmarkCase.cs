using Pinn.Abstractions.Models;
using Pinn.Host.Manifests;

namespace Pinn.Host.Benchmarks;

/// <summary>One run of <c>pinn bench optimizers</c>: a validated manifest, with the model's initialisation
/// overridden or not, and the weighting scheme it was given (or not).</summary>
/// <param name="ManifestFile">The manifest file, as given.</param>
/// <param name="Plan">Its run plan.</param>
/// <param name="Init">The <c>model.init</c> to use instead of the manifest's, or null.</param>
/// <param name="Weighting">The weighting scheme <c>--weighting</c> put into the manifest, or null.</param>
internal sealed record OptimizerBenchmarkCase(string ManifestFile, RunPlan Plan, Initialization? Init, string? Weighting = null)
{
    /// <summary>The manifest's name, the initialisation when it is overridden and the weighting when given: the legend of the chart.</summary>
    public string Label => (Init is { } init ? $"{Plan.Manifest.Name} ({init.Name()})" : Plan.Manifest.Name) + (Weighting is { } w ? $" [{w}]" : "");
}
