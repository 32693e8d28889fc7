namespace Pinn.Host.Benchmarks;

/// <summary>One run of <c>pinn bench optimizers</c>, as read back from its summary.json and metrics.csv.</summary>
/// <param name="Manifest">The manifest's name.</param>
/// <param name="Label">The legend of its curve: the name, and the initialisation when overridden.</param>
/// <param name="Optimizer">The stages' optimizers, joined by "→".</param>
/// <param name="Init">The <c>model.init</c> it ran with.</param>
/// <param name="Steps">Steps taken over all stages.</param>
/// <param name="FinalRelL2">Relative L2 error at the end (null when the problem has no solution).</param>
/// <param name="BestRelL2">Smallest relative L2 error seen.</param>
/// <param name="Loss">Final loss.</param>
/// <param name="SecondsPerStep">Median wall time of a step.</param>
/// <param name="SecondsTo">By threshold name ("1e-4", …): the first training time at which the relative L2
/// error was at or below it, null if never.</param>
/// <param name="StoppedBecause">Why the run ended.</param>
/// <param name="Curve">Relative L2 error against training time.</param>
/// <param name="OutputDirectory">The run's folder.</param>
/// <param name="Problem">The problem's report of the trained state (summary.json's <c>problem</c>), empty when none.</param>
/// <param name="Seconds">Training time of the whole run.</param>
internal sealed record OptimizerBenchmarkResult(string Manifest, string Label, string Optimizer, string Init, long Steps, double? FinalRelL2,
                                                double? BestRelL2, double Loss, double SecondsPerStep, IReadOnlyDictionary<string, double?> SecondsTo,
                                                string StoppedBecause, RelativeL2Curve Curve, string OutputDirectory,
                                                IReadOnlyDictionary<string, double> Problem, double Seconds)
{
    /// <summary>The loss-weighting scheme it ran with (<c>fixed</c> without one).</summary>
    public string Weighting { get; init; } = "fixed";
}
