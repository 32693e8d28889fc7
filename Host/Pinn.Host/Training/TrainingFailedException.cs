namespace Pinn.Host.Training;

/// <summary>
/// A training run failed after it started. By the time this is thrown, the run's summary.json (with
/// <c>stoppedBecause</c> "failed: …") is written and checkpoint.bin holds the last good state; the message names
/// what failed: the plugin with its version and folder, the stage, the step and the cause.
/// </summary>
internal sealed class TrainingFailedException(string message, RunSummary summary, Exception cause) : Exception(message, cause)
{
    /// <summary>What the run wrote to summary.json.</summary>
    public RunSummary Summary { get; } = summary;
}
