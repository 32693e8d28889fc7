namespace Pinn.Host.Benchmarks;

/// <summary>A problem of the PINNacle suite: our run, PINNacle's set-up run for the same time, and their figures.</summary>
/// <param name="Case">The problem and PINNacle's figures.</param>
/// <param name="Ours">Our best set-up's run (null when it failed).</param>
/// <param name="Adam">PINNacle's set-up run for as long as ours (null when either failed).</param>
internal sealed record PinnacleResult(PinnacleCase Case, OptimizerBenchmarkResult? Ours, OptimizerBenchmarkResult? Adam)
{
    /// <summary>Whether our final L2RE is at most a tenth of PINNacle's best (null without a run).</summary>
    public bool? Holds => Ours?.FinalRelL2 is { } error ? error <= Case.Target : null;
}
