namespace Pinn.Host.Sweeps;

/// <summary>How one variant's run ended, from its summary.json.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Status">done, failed, interrupted or not run.</param>
/// <param name="RelL2">Final relative L2 error (null when not measured).</param>
/// <param name="BestRelL2">Smallest relative L2 error seen.</param>
/// <param name="Loss">Final loss.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Seconds">Training wall time.</param>
/// <param name="Error">Why it failed, or "".</param>
internal sealed record VariantOutcome(SweepVariant Variant, string Status, double? RelL2, double? BestRelL2, double? Loss, long? Steps, double? Seconds, string Error)
{
    public const string Done = "done", Failed = "failed", Interrupted = "interrupted", NotRun = "not run";
}
