namespace Pinn.Host.Training;

/// <summary>Thrown when a manifest cannot continue a checkpoint; carries every difference.</summary>
internal sealed class ResumeMismatchException(string checkpoint, IReadOnlyList<string> differences)
    : Exception($"cannot resume from {checkpoint}: the manifest differs from the one that wrote it in {differences.Count} place(s):\n"
                + string.Join("\n", differences.Select(d => "  " + d)))
{
    /// <summary>Each difference, "path: value in the checkpoint, value in the manifest".</summary>
    public IReadOnlyList<string> Differences { get; } = differences;
}
