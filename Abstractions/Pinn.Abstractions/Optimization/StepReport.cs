namespace Pinn.Abstractions.Optimization;

/// <summary>What one optimizer step did.</summary>
/// <param name="Loss">L at the parameters the step started from.</param>
/// <param name="StepSize">The step length taken (learning rate or line-search α); 0 when the step was rejected.</param>
public sealed record StepReport(double Loss, double StepSize)
{
    /// <summary>Per-step diagnostics written to metrics.csv (damping, rank kept, CG iterations, …).</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>Each condition's part of <see cref="Loss"/>, when the optimizer has it (from
    /// <c>LossReport.ByCondition</c>); otherwise the host measures them at its evaluation steps (before the step), and
    /// metrics.csv leaves the other steps' columns empty.</summary>
    public IReadOnlyDictionary<string, double>? ConditionLosses { get; init; }

    /// <summary>Set when the optimizer cannot make progress: the host ends the stage with this reason.</summary>
    public string? StopReason { get; init; }
}
